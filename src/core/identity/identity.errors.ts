import { CoreError } from '../errors.ts';

/** No user of the app has this id; `field` names what the caller called it (Kii's `userID`). */
export function userNotFound(appId: string, userId: string, field = 'userID'): CoreError {
  return new CoreError('user_not_found', `User ${userId} was not found`, { field, value: userId, appId });
}

/** A log-in or refresh that failed: the same answer whether or not the user exists. */
export function invalidGrant(): CoreError {
  return new CoreError('invalid_grant', 'The user was not found or a wrong password was given');
}
