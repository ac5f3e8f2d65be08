import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AppsService } from '../apps/apps.service.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import { addressOf, type Principal, requireAccountOwner, requireAdmin } from '../principal.ts';
import type { RateLimiter } from '../throttling/rate-limiter.ts';
import type { CredentialChecks } from './credential-checks.ts';
import { userNotFound } from './identity.errors.ts';
import type {
  AddressVerifications,
  IssuedTokens,
  ProfileDirectory,
  SignUpInput,
  User,
  UserTarget,
} from './identity.types.ts';
import type { Passwords } from './passwords.ts';
import type { SessionsService } from './sessions.service.ts';
import type { TokensRepository } from './tokens.repository.ts';
import { validatePassword, validatePredefinedFields } from './user-fields.ts';
import { identifierTakenBy, type UsersRepository } from './users.repository.ts';

/**
 * How much of an account a call needs. `read`: the account's data as seen from the token's active profile (a child
 * profile too). `owner`: what changes the account — its credentials, addresses, data, profiles, PIN, sessions, its
 * deletion — which is the account owner's alone: a token bound to a child profile is refused
 * (`docs/faces/households.md`, "What a child profile may do").
 */
export type AccountAccess = 'read' | 'owner';

/**
 * What identity's account lifecycle is guarded by: the sign-up rate limits and the audit log; and who sends the
 * verifications of new addresses.
 */
export interface IdentityGuards {
  rateLimiter: RateLimiter;
  audit: AuditLog;
  verifications?: AddressVerifications;
}

/**
 * Accounts' lifecycle: sign-up (pseudo users too), who a call targets, password changes, status and deletion.
 * Sessions (log-in, tokens) are `SessionsService`'s; every token a sign-up hands out is issued there.
 */
/** The longest stretch `activityPerDay` reads. */
export const maxActivityDays = 90;

export class IdentityService {
  readonly #unitOfWork: UnitOfWork;
  readonly #users: UsersRepository;
  readonly #tokens: TokensRepository;
  readonly #apps: AppsService;
  readonly #profiles: ProfileDirectory;
  readonly #sessions: SessionsService;
  readonly #passwords: Passwords;
  readonly #checks: CredentialChecks;
  readonly #guards: IdentityGuards;

  constructor(
    unitOfWork: UnitOfWork,
    repositories: { users: UsersRepository; tokens: TokensRepository },
    apps: AppsService,
    profiles: ProfileDirectory,
    sessions: SessionsService,
    credentials: { passwords: Passwords; checks: CredentialChecks },
    guards: IdentityGuards,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#users = repositories.users;
    this.#tokens = repositories.tokens;
    this.#apps = apps;
    this.#profiles = profiles;
    this.#sessions = sessions;
    this.#passwords = credentials.passwords;
    this.#checks = credentials.checks;
    this.#guards = guards;
  }

  /**
   * Creates a user with a password and at least one identifier. `inUnit` runs inside the unit of work that stores the
   * user (the v1 face's handle is claimed there): when it throws, no user was created.
   */
  async signUp(
    principal: Principal,
    input: SignUpInput,
    options: { inUnit?: (user: User) => Promise<void> } = {},
  ): Promise<User> {
    if (input.loginName === undefined && input.emailAddress === undefined && input.phoneNumber === undefined) {
      throw invalidInput('loginName', 'one of loginName, emailAddress or phoneNumber is required');
    }
    validatePredefinedFields(input);
    const { settings } = await this.#apps.getApp(principal.appId);
    validatePassword(input.password, 'password', settings.passwordMinLength);
    await this.#guards.rateLimiter.admit(principal.appId, 'sign_up', principal.origin, settings);
    const passwordHash = await this.#passwords.hash(input.password);
    return this.#unitOfWork.run(async () => {
      const user = await this.#insertUser(principal.appId, input, passwordHash);
      // In the sign-up's unit of work: a user exists exactly when the verification its app requires was sent.
      const changed = {
        email: user.emailAddress !== null && settings.emailVerificationRequired,
        phone: user.phoneNumber !== null && settings.phoneVerificationRequired,
      };
      if (changed.email || changed.phone) {
        await this.#guards.verifications?.addressesChanged(user.appId, user, changed, principal);
      }
      await options.inUnit?.(user);
      return user;
    });
  }

  /** Creates a pseudo user (no identifier, no password) and its one, non-expiring access token. */
  async signUpPseudo(principal: Principal, input: SignUpInput): Promise<{ user: User; tokens: IssuedTokens }> {
    for (const field of ['password', 'loginName', 'emailAddress', 'phoneNumber'] as const) {
      if (input[field] !== undefined) throw invalidInput(field, 'a pseudo user has no identifier and no password');
    }
    validatePredefinedFields(input);
    const { settings } = await this.#apps.getApp(principal.appId);
    await this.#guards.rateLimiter.admit(principal.appId, 'sign_up', principal.origin, settings);
    return this.#unitOfWork.run(async () => {
      const user = await this.#insertUser(principal.appId, input, null);
      return { user, tokens: await this.#sessions.issuePseudoUserToken(settings, user.appId, user.id) };
    });
  }

  /** Stores the user and its default profile (call inside a unit of work: both or neither). */
  async #insertUser(appId: string, input: SignUpInput, passwordHash: string | null): Promise<User> {
    const user = await this.#insertUserRow(appId, input, passwordHash);
    await this.#profiles.createDefaultProfile(appId, user.id, user.displayName ?? user.loginName ?? 'Profile');
    return user;
  }

  async #insertUserRow(appId: string, input: SignUpInput, passwordHash: string | null): Promise<User> {
    try {
      return await this.#users.insertUser({
        id: uuidv7(),
        appId,
        loginName: input.loginName ?? null,
        emailAddress: input.emailAddress ?? null,
        phoneNumber: input.phoneNumber ?? null,
        displayName: input.displayName ?? null,
        country: input.country ?? null,
        locale: input.locale ?? null,
        customFields: input.customFields,
        passwordHash,
        createdAt: Date.now(),
      });
    } catch (error) {
      throw alreadyExistsOr(error, input);
    }
  }

  /**
   * The id of the user a call targets, refused unless the caller is that user or the app's admin, and, for `owner`
   * access, unless the user's token is bound to a child profile. A user naming another id of the app gets
   * `forbidden`; an id the app does not have is `user_not_found` first, for every caller, so that no face answers 403
   * for a user that does not exist in the caller's app.
   */
  async targetUserId(principal: Principal, target: UserTarget, access: AccountAccess): Promise<string> {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a user or admin token');
    if (target === 'me') {
      if (principal.kind !== 'user')
        throw new CoreError('forbidden', 'An admin token has no own user; name the user', {
          appId: principal.appId,
          principalId: principal.clientId,
        });
      if (access === 'owner') requireAccountOwner(principal);
      return principal.userId;
    }
    if (principal.kind === 'user' && principal.userId === target.id) {
      if (access === 'owner') requireAccountOwner(principal);
      return target.id;
    }
    if (!(await this.#users.findUser(principal.appId, target.id))) throw userNotFound(principal.appId, target.id);
    if (principal.kind === 'user') {
      throw new CoreError('forbidden', 'Only the user or the app admin may do this', {
        appId: principal.appId,
        principalId: principal.userId,
      });
    }
    return target.id;
  }

  /**
   * Changes a password: the user must give the old one, the admin need not. Every token of the user ends, and so does
   * every session begun under the old password (its credentials version advances). Two changes at once: the second to
   * commit finds the password it checked replaced and answers `conflict`.
   */
  async changePassword(
    principal: Principal,
    target: UserTarget,
    oldPassword: string | undefined,
    newPassword: string,
  ): Promise<void> {
    const userId = await this.targetUserId(principal, target, 'owner');
    const { settings } = await this.#apps.getApp(principal.appId);
    validatePassword(newPassword, 'newPassword', settings.passwordMinLength);
    const currentHash = await this.#users.findPasswordHash(principal.appId, userId);
    if (currentHash === undefined) throw userNotFound(principal.appId, userId);
    if (principal.kind !== 'admin' || oldPassword !== undefined) {
      if (oldPassword === undefined) throw invalidInput('oldPassword', 'is required');
      // A stolen token must not be a way to guess the password: the old one is checked under the throttle too.
      const oldOk = await this.#checks.checkPassword(
        { appId: principal.appId, account: `user:${userId}`, userId, address: addressOf(principal.origin) },
        settings,
        oldPassword,
        currentHash,
      );
      if (!oldOk) throw new CoreError('wrong_password', 'The old password is not correct', { field: 'oldPassword' });
    }
    const passwordHash = await this.#passwords.hash(newPassword);
    await this.#unitOfWork.run(async () => {
      const current = await this.#users.lockCredentials(principal.appId, userId);
      if (!current) throw userNotFound(principal.appId, userId);
      if (current.passwordHash !== currentHash) {
        throw new CoreError('conflict', 'The password was changed by another call meanwhile');
      }
      await this.#users.changePassword(principal.appId, userId, passwordHash);
      await this.#tokens.deleteTokensOfUser(principal.appId, userId);
      await this.#guards.audit.record(principal.appId, principal, 'user.password_changed', { userId });
    });
  }

  /**
   * Sign-ups and active users of the caller's app on each of the last `days` UTC days, oldest first, today included
   * (admin only). A user is active on a day when they got a token that day (a log-in, a sign-up, a refresh) and the
   * token is still stored, so days older than the refresh-token lifetime are undercounted.
   */
  async activityPerDay(
    principal: Principal,
    days: number,
  ): Promise<{ day: string; signUps: number; activeUsers: number }[]> {
    requireAdmin(principal);
    if (!Number.isInteger(days) || days < 1 || days > maxActivityDays) {
      throw invalidInput('days', `must be a whole number from 1 to ${maxActivityDays}`);
    }
    const dayMs = 86_400_000;
    const today = Math.floor(Date.now() / dayMs);
    const first = today - days + 1;
    const [signUps, active] = await Promise.all([
      this.#users.signUpsPerDay(principal.appId, first * dayMs),
      this.#tokens.activeUsersPerDay(principal.appId, first * dayMs),
    ]);
    return Array.from({ length: days }, (_, n) => ({
      day: new Date((first + n) * dayMs).toISOString().slice(0, 10),
      signUps: signUps.get(first + n) ?? 0,
      activeUsers: active.get(first + n) ?? 0,
    }));
  }

  /** Disables or enables a user (admin only). Disabling ends every token of the user. */
  async setDisabled(principal: Principal, target: UserTarget, disabled: boolean): Promise<void> {
    requireAdmin(principal);
    const userId = await this.targetUserId(principal, target, 'owner');
    await this.#unitOfWork.run(async () => {
      const changed = await this.#users.updateUser(principal.appId, userId, { disabled });
      if (changed === undefined) throw userNotFound(principal.appId, userId);
      if (disabled) await this.#tokens.deleteTokensOfUser(principal.appId, userId);
      await this.#guards.audit.record(principal.appId, principal, disabled ? 'user.disabled' : 'user.enabled', {
        userId,
      });
    });
  }

  /** Deletes a user and everything the user owns (by cascade); every token ends at once. */
  async deleteUser(principal: Principal, target: UserTarget): Promise<void> {
    const userId = await this.targetUserId(principal, target, 'owner');
    await this.#unitOfWork.run(async () => {
      if (!(await this.#users.deleteUser(principal.appId, userId))) throw userNotFound(principal.appId, userId);
      await this.#guards.audit.record(principal.appId, principal, 'user.deleted', { userId });
    });
  }

  /** Deletes a user as the admin API does: only the app's admin may, even for a user's own id. */
  async deleteUserAsAdmin(principal: Principal, userId: string): Promise<void> {
    requireAdmin(principal);
    await this.deleteUser(principal, { id: userId });
  }
}

/** Turns a unique violation on an identifier into `user_already_exists`; any other error passes through. */
export function alreadyExistsOr(error: unknown, input: object): unknown {
  const field = identifierTakenBy(error);
  if (!field) return error;
  const value = (input as Record<string, unknown>)[field];
  return new CoreError('user_already_exists', `A user with this ${field} already exists`, {
    field,
    value: typeof value === 'string' ? value : undefined,
  });
}
