import type { UserView } from '../../core/accounts/accounts.types.ts';
import type { User } from '../../core/identity/identity.types.ts';
import type { KiiUserBody, LimitedKiiUserBody } from './schemas.ts';

/** A user as Kii's UserDataRetrievalResponse: predefined fields, flags, then custom fields at the top level. */
export function presentKiiUser(user: User): KiiUserBody {
  const body: KiiUserBody = { ...user.customFields, userID: user.id, internalUserID: user.internalId };
  if (user.loginName !== null) body.loginName = user.loginName;
  if (user.displayName !== null) body.displayName = user.displayName;
  if (user.country !== null) body.country = user.country;
  if (user.locale !== null) body.locale = user.locale;
  if (user.emailAddress !== null) {
    body.emailAddress = user.emailAddress;
    body.emailAddressVerified = user.emailVerified;
  }
  if (user.phoneNumber !== null) {
    body.phoneNumber = user.phoneNumber;
    body.phoneNumberVerified = user.phoneVerified;
  }
  body._hasPassword = user.hasPassword;
  body._disabled = user.disabled;
  return body;
}

/** The view a caller may see: everything, or only `userID`, `loginName` and `displayName`. */
export function presentKiiUserView(view: UserView): KiiUserBody {
  if (view.view === 'full') return presentKiiUser(view.user);
  const body: LimitedKiiUserBody = { userID: view.user.id };
  if (view.user.loginName !== null) body.loginName = view.user.loginName;
  if (view.user.displayName !== null) body.displayName = view.user.displayName;
  return body;
}
