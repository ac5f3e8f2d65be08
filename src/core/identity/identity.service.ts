import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AppsService } from '../apps/apps.service.ts';
import type { AppSettings } from '../apps/apps.types.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import {
  type AnonymousPrincipal,
  type AuthenticatedPrincipal,
  addressOf,
  type CallOrigin,
  type Principal,
  requireAdmin,
  type UserPrincipal,
} from '../principal.ts';
import { hashSecret, randomSecret } from '../secrets.ts';
import type { AdmittedCheck, CredentialCheck, CredentialThrottle } from '../throttling/credential-throttle.ts';
import type { RateLimiter } from '../throttling/rate-limiter.ts';
import type {
  IssuedTokens,
  NewToken,
  ProfileDirectory,
  SignUpInput,
  TokenRecord,
  User,
  UserTarget,
} from './identity.types.ts';
import {
  decoyPasswordHash,
  hashingBudgetFull,
  hashingSaturated,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords.ts';
import type { TokensRepository } from './tokens.repository.ts';
import { parseIdentifier, validatePassword, validatePredefinedFields } from './user-fields.ts';
import { identifierTakenBy, type UsersRepository } from './users.repository.ts';

/** Pseudo users' tokens are their only credential, so (as on Kii) they do not expire; revocation still ends them. */
const pseudoTokenExpiresAt = Date.UTC(9999, 11, 31);

const invalidGrant = () => new CoreError('invalid_grant', 'The user was not found or a wrong password was given');
const invalidToken = () => new CoreError('invalid_token', 'The provided token is not valid');

export interface LogInInput {
  username: string;
  password: string;
  /** Epoch ms; may only shorten the access token's lifetime. */
  expiresAt?: number | undefined;
}

/** What guards identity's calls: the credential throttle, the anonymous calls' rate limits, the audit log. */
export interface IdentityGuards {
  throttle: CredentialThrottle;
  rateLimiter: RateLimiter;
  audit: AuditLog;
}

export interface IdentityOptions {
  /** How long an expired token's row is kept, so that it is answered as expired rather than unknown. */
  expiredTokenRetentionMs: number;
}

/**
 * Accounts' credentials and sessions: sign-up, log-in, tokens, password, status and deletion. Tokens are
 * `<appId>.<secret>`: the app id scopes the look-up, and only the secret's hash is stored. Every change that ends a
 * session is published by the repository that makes it, so every instance's token cache forgets it at once.
 */
export class IdentityService {
  readonly #unitOfWork: UnitOfWork;
  readonly #users: UsersRepository;
  readonly #tokens: TokensRepository;
  readonly #apps: AppsService;
  readonly #profiles: ProfileDirectory;
  readonly #options: IdentityOptions;
  readonly #guards: IdentityGuards;

  constructor(
    unitOfWork: UnitOfWork,
    users: UsersRepository,
    tokens: TokensRepository,
    apps: AppsService,
    profiles: ProfileDirectory,
    guards: IdentityGuards,
    options: IdentityOptions,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#users = users;
    this.#tokens = tokens;
    this.#apps = apps;
    this.#profiles = profiles;
    this.#options = options;
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
    const passwordHash = await hashPassword(input.password);
    return this.#unitOfWork.run(async () => {
      const user = await this.#insertUser(principal.appId, input, passwordHash);
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
      const profileId = await this.#profiles.defaultProfileId(user.appId, user.id);
      const issued = newTokens(settings, user.appId, user.id, {
        accessExpiresAt: pseudoTokenExpiresAt,
        refresh: false,
        profileId,
      });
      await this.#tokens.insertTokens(issued.rows);
      return { user, tokens: issued.issued };
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
   * Password log-in, bound to the account's default profile. Unknown user, wrong password and disabled user all
   * answer `invalid_grant` in similar time. The attempt is rate-limited per address and throttled per account and
   * address (`too_many_attempts`, answered without computing a hash); a hash made with older parameters is replaced.
   */
  async logIn(principal: AnonymousPrincipal, input: LogInInput): Promise<IssuedTokens> {
    const app = await this.#apps.getApp(principal.appId);
    // Counted first, whatever follows: an address that keeps sending is soon refused before its body is even read.
    await this.#guards.rateLimiter.admit(app.id, 'log_in', principal.origin, app.settings);
    const identifier = parseIdentifier(input.username);
    const named = `${identifier.field}:${identifier.value}`;
    const address = addressOf(principal.origin);
    // Refusals that need no write of the throttle come first: a stranger naming a locked account (before the user is
    // read), a throttled account or address, and a hashing budget with no room for a stranger.
    const { throttle } = this.#guards;
    throttle.refuseByIdentifier(app.id, named, address);
    if (hashingSaturated() && throttle.knownFromMemory(app.id, named, address) === false) throw hashingBudgetFull();
    const found = await this.#users.findCredentials(app.id, identifier);
    const userId = found?.user.id ?? null;
    const check = { appId: app.id, account: userId ? `user:${userId}` : named, userId, address, identifier: named };
    await throttle.refuseEarly(check);
    // The first stranger naming the account while the budget is full reads the addresses it knows; those who follow
    // are refused above, before the user is read. An identifier no user has knows no address: nothing to read.
    if (hashingSaturated() && !(await throttle.isKnownWhileBusy(check))) throw hashingBudgetFull();
    const passwordOk = await this.#checkPassword(
      check,
      app.settings,
      input.password,
      found?.passwordHash ?? null,
      // Right password, but the account may not log in: neither a success nor a failure of the throttle.
      () => Boolean(found && !found.user.disabled),
    );
    if (!found?.passwordHash || !passwordOk || found.user.disabled) throw invalidGrant();
    const { user } = found;
    const unverified =
      (identifier.field === 'emailAddress' && app.settings.emailVerificationRequired && !user.emailVerified) ||
      (identifier.field === 'phoneNumber' && app.settings.phoneVerificationRequired && !user.phoneVerified);
    if (unverified) throw invalidGrant();
    if (needsRehash(found.passwordHash)) {
      const passwordHash = await hashPassword(input.password);
      await this.#users.updateUser(app.id, user.id, { passwordHash });
    }
    const profileId = await this.#profiles.defaultProfileId(app.id, user.id);
    const issued = newTokens(app.settings, app.id, user.id, {
      requestedExpiresAt: input.expiresAt,
      refresh: true,
      profileId,
    });
    await this.#tokens.deleteExpiredTokensOfUser(app.id, user.id, Date.now() - this.#options.expiredTokenRetentionMs);
    await this.#tokens.insertTokens(issued.rows);
    // Written once per account: later log-ins find the time set and write nothing.
    const firstLogIn = user.firstLogInAt === null && (await this.#users.markFirstLogIn(app.id, user.id, Date.now()));
    return { ...issued.issued, firstLogIn };
  }

  /**
   * Checks a password under the throttle: compared against a decoy when there is no hash, so that both take the same
   * time; a check from an address known to the account goes first in the hashing budget.
   */
  #checkPassword(
    check: CredentialCheck,
    settings: AppSettings,
    password: string,
    passwordHash: string | null,
    countsAsSuccess: () => boolean = () => true,
  ): Promise<boolean> {
    return this.#underThrottle(
      check,
      settings,
      async (admitted) =>
        (await verifyPassword(password, passwordHash ?? (await decoyPasswordHash()), { first: admitted.known })) &&
        passwordHash !== null,
      countsAsSuccess,
    );
  }

  /**
   * Runs a credential check under the throttle: refused at once (`too_many_attempts`) while the account or address is
   * throttled; otherwise made and its outcome counted. `countsAsSuccess` says whether a right answer ends the failures
   * (not for a disabled user); a check that could not be made (the hashing budget was full) does not count.
   */
  async #underThrottle(
    check: CredentialCheck,
    settings: AppSettings,
    verify: (admitted: AdmittedCheck) => Promise<boolean>,
    countsAsSuccess: () => boolean = () => true,
  ): Promise<boolean> {
    const { throttle } = this.#guards;
    const admitted = await throttle.admit(check, settings);
    let ok: boolean;
    try {
      ok = await verify(admitted);
    } catch (error) {
      await throttle.abandoned(admitted);
      throw error;
    }
    if (!ok) await throttle.failed(admitted);
    else if (countsAsSuccess()) await throttle.succeeded(admitted);
    else await throttle.abandoned(admitted);
    return ok;
  }

  /**
   * Exchanges a refresh token for a new access token bound to the same profile. `rotate` (Kii): the refresh token is
   * used up and the old pair ends, a new pair is issued, so a refresh token works once. Without it (v1): the refresh
   * token stays until it expires and only a new access token is issued. An expired refresh token is
   * `refresh_token_expired`; an unknown, used or other app's one `invalid_grant`.
   */
  async refresh(
    principal: AnonymousPrincipal,
    refreshToken: string,
    options: { rotate: boolean },
  ): Promise<IssuedTokens> {
    const { settings } = await this.#apps.getApp(principal.appId);
    await this.#guards.rateLimiter.admit(principal.appId, 'log_in', principal.origin, settings);
    const secret = secretOf(refreshToken, principal.appId);
    if (secret === undefined) throw invalidGrant();
    const tokenHash = hashSecret(secret);
    return this.#unitOfWork.run(async () => {
      const found = options.rotate
        ? await this.#tokens.consumeRefreshToken(principal.appId, tokenHash, Date.now())
        : await this.#liveRefreshToken(principal.appId, tokenHash);
      if (found === 'expired') throw new CoreError('refresh_token_expired', 'The refresh token has expired');
      if (!found?.userId) throw invalidGrant();
      // In one unit with the consumption: a failure leaves the old pair usable.
      const next = newTokens(settings, principal.appId, found.userId, {
        refresh: options.rotate,
        profileId: found.profileId,
        pairId: options.rotate ? undefined : found.pairId,
      });
      await this.#tokens.insertTokens(next.rows);
      return options.rotate ? next.issued : { ...next.issued, refreshToken };
    });
  }

  async #liveRefreshToken(appId: string, tokenHash: string): Promise<TokenRecord | 'expired' | undefined> {
    const found = await this.#tokens.findRefreshToken(appId, tokenHash);
    return found && found.expiresAt <= Date.now() ? 'expired' : found;
  }

  /** An app-admin token for the app whose client credentials these are (and, when named, must be `appId`). */
  async issueAdminToken(
    clientId: string,
    clientSecret: string,
    options: { appId?: string | undefined; expiresAt?: number | undefined; origin?: CallOrigin | undefined },
  ): Promise<IssuedTokens & { clientId: string }> {
    const invalidClient = () => new CoreError('invalid_grant', 'The client credentials are not valid');
    const client = await this.#apps.clientOf(clientId);
    if (!client || (options.appId !== undefined && options.appId !== client.app.id)) throw invalidClient();
    const { app } = client;
    await this.#guards.rateLimiter.admit(app.id, 'log_in', options.origin, app.settings);
    const check = {
      appId: app.id,
      account: `client:${app.clientId}`,
      userId: null,
      address: addressOf(options.origin),
    };
    const secretOk = await this.#underThrottle(check, app.settings, async () => client.secretMatches(clientSecret));
    if (!secretOk) throw invalidClient();
    const issued = newTokens(app.settings, app.id, null, { requestedExpiresAt: options.expiresAt, refresh: false });
    await this.#tokens.insertTokens(issued.rows);
    return { ...issued.issued, clientId: app.clientId };
  }

  /** An access token (no refresh token) of the caller's user bound to one of its profiles, checked by the caller. */
  async issueProfileToken(principal: UserPrincipal, profileId: string): Promise<IssuedTokens> {
    const { settings } = await this.#apps.getApp(principal.appId);
    const issued = newTokens(settings, principal.appId, principal.userId, { refresh: false, profileId });
    await this.#tokens.insertTokens(issued.rows);
    return issued.issued;
  }

  /**
   * The principal an access token stands for: `invalid_token` when it is unknown or ended, `token_expired` when it
   * has expired, and `wrong_app` when it belongs to another app than `appId`.
   */
  async authenticate(accessToken: string, appId: string | undefined): Promise<AuthenticatedPrincipal> {
    const dot = accessToken.indexOf('.');
    if (dot <= 0) throw invalidToken();
    const tokenAppId = accessToken.slice(0, dot);
    const record = await this.#tokens.findByHash(tokenAppId, hashSecret(accessToken.slice(dot + 1)));
    if (record?.kind !== 'access') throw invalidToken();
    if (record.expiresAt <= Date.now()) throw new CoreError('token_expired', 'The provided token has expired');
    const principal = await this.#principalOf(record);
    if (appId !== undefined && principal.appId !== appId) {
      throw new CoreError('wrong_app', 'The token was not issued for this application', {
        appId: principal.appId,
        principalId: principal.kind === 'user' ? principal.userId : principal.clientId,
      });
    }
    return principal;
  }

  async #principalOf(record: TokenRecord): Promise<AuthenticatedPrincipal> {
    if (record.userId === null) {
      const app = await this.#apps.getApp(record.appId);
      return {
        kind: 'admin',
        appId: record.appId,
        clientId: app.clientId,
        tokenId: record.id,
        expiresAt: record.expiresAt,
      };
    }
    let profile: UserPrincipal['profile'] = null;
    if (record.profileId !== null) {
      profile = (await this.#profiles.activeProfile(record.appId, record.userId, record.profileId)) ?? null;
      // A token outlived its profile only if a deletion raced it; deleting a profile ends its tokens.
      if (profile === null) throw invalidToken();
    }
    return {
      kind: 'user',
      appId: record.appId,
      userId: record.userId,
      tokenId: record.id,
      profile,
      expiresAt: record.expiresAt,
    };
  }

  /**
   * The id of the user a call targets, refused unless the caller is that user or the app's admin. A user naming
   * another id of the app gets `forbidden`; an id the app does not have is `user_not_found` first, for every caller,
   * so that no face answers 403 for a user that does not exist in the caller's app.
   */
  async targetUserId(principal: Principal, target: UserTarget): Promise<string> {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a user or admin token');
    if (target === 'me') {
      if (principal.kind !== 'user')
        throw new CoreError('forbidden', 'An admin token has no own user; name the user', {
          appId: principal.appId,
          principalId: principal.clientId,
        });
      return principal.userId;
    }
    if (principal.kind === 'user' && principal.userId === target.id) return target.id;
    if (!(await this.#users.findUser(principal.appId, target.id))) throw userNotFound(principal.appId, target.id);
    if (principal.kind === 'user') {
      throw new CoreError('forbidden', 'Only the user or the app admin may do this', {
        appId: principal.appId,
        principalId: principal.userId,
      });
    }
    return target.id;
  }

  /** Changes a password: the user must give the old one, the admin need not. Every token of the user ends. */
  async changePassword(
    principal: Principal,
    target: UserTarget,
    oldPassword: string | undefined,
    newPassword: string,
  ): Promise<void> {
    const userId = await this.targetUserId(principal, target);
    const { settings } = await this.#apps.getApp(principal.appId);
    validatePassword(newPassword, 'newPassword', settings.passwordMinLength);
    const currentHash = await this.#users.findPasswordHash(principal.appId, userId);
    if (currentHash === undefined) throw userNotFound(principal.appId, userId);
    if (principal.kind !== 'admin' || oldPassword !== undefined) {
      if (oldPassword === undefined) throw invalidInput('oldPassword', 'is required');
      // A stolen token must not be a way to guess the password: the old one is checked under the throttle too.
      const oldOk = await this.#checkPassword(
        { appId: principal.appId, account: `user:${userId}`, userId, address: addressOf(principal.origin) },
        settings,
        oldPassword,
        currentHash,
      );
      if (!oldOk) throw new CoreError('wrong_password', 'The old password is not correct', { field: 'oldPassword' });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.#unitOfWork.run(async () => {
      const changed = await this.#users.updateUser(principal.appId, userId, { passwordHash });
      if (changed === undefined) throw userNotFound(principal.appId, userId);
      await this.#tokens.deleteTokensOfUser(principal.appId, userId);
      await this.#guards.audit.record(principal.appId, principal, 'user.password_changed', { userId });
    });
  }

  /** Disables or enables a user (admin only). Disabling ends every token of the user. */
  async setDisabled(principal: Principal, target: UserTarget, disabled: boolean): Promise<void> {
    requireAdmin(principal);
    const userId = await this.targetUserId(principal, target);
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
    const userId = await this.targetUserId(principal, target);
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

  /** Ends every token of a user (admin only); returns how many there were. */
  async revokeTokensOfUser(principal: Principal, userId: string): Promise<number> {
    requireAdmin(principal);
    return this.#unitOfWork.run(async () => {
      if (!(await this.#users.findUser(principal.appId, userId))) throw userNotFound(principal.appId, userId);
      const revoked = await this.#tokens.deleteTokensOfUser(principal.appId, userId);
      await this.#guards.audit.record(principal.appId, principal, 'user.tokens_revoked', {
        userId,
        details: { revoked },
      });
      return revoked;
    });
  }

  /**
   * Deletes the app's tokens that expired longer ago than the retention, in batches, each its own statement, so that
   * no statement holds locks (on SQLite, the connection) for long; returns how many.
   */
  async sweepExpiredTokens(appId: string, now = Date.now()): Promise<number> {
    const batch = 1000;
    const before = now - this.#options.expiredTokenRetentionMs;
    let total = 0;
    for (;;) {
      const deleted = await this.#tokens.deleteExpiredTokens(appId, before, batch);
      total += deleted;
      if (deleted < batch) return total;
      // Let waiting requests have the connection between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

interface TokenOptions {
  /** `expiresAt` of a log-in: it may only shorten the access token. */
  requestedExpiresAt?: number | undefined;
  /** A fixed expiry instead of the app's lifetime (pseudo users). */
  accessExpiresAt?: number;
  refresh: boolean;
  profileId?: string | null;
  /** The pair to add an access token to (a refresh that keeps its refresh token); a new pair when absent. */
  pairId?: string | undefined;
}

/** A new access token (and refresh token, if asked) in clear, and the records that store their hashes. */
function newTokens(
  settings: AppSettings,
  appId: string,
  userId: string | null,
  options: TokenOptions,
): { rows: NewToken[]; issued: IssuedTokens } {
  const now = Date.now();
  let accessExpiresAt = options.accessExpiresAt ?? now + settings.accessTokenTtlSeconds * 1000;
  if (options.requestedExpiresAt !== undefined) {
    if (!Number.isSafeInteger(options.requestedExpiresAt) || options.requestedExpiresAt <= now) {
      throw invalidInput('expiresAt', 'must be a time in the future, in epoch milliseconds');
    }
    accessExpiresAt = Math.min(accessExpiresAt, options.requestedExpiresAt);
  }
  const pairId = options.pairId ?? uuidv7();
  const profileId = options.profileId ?? null;
  const token = (kind: NewToken['kind'], expiresAt: number): { secret: string; row: NewToken } => {
    const secret = randomSecret();
    return {
      secret: `${appId}.${secret}`,
      row: {
        id: uuidv7(),
        appId,
        userId,
        kind,
        tokenHash: hashSecret(secret),
        pairId,
        profileId,
        expiresAt,
        createdAt: now,
      },
    };
  };
  const access = token('access', accessExpiresAt);
  const refresh = options.refresh ? token('refresh', now + settings.refreshTokenTtlSeconds * 1000) : undefined;
  return {
    rows: refresh ? [access.row, refresh.row] : [access.row],
    issued: {
      userId,
      accessToken: access.secret,
      expiresAt: accessExpiresAt,
      expiresIn: Math.max(0, Math.floor((accessExpiresAt - now) / 1000)),
      refreshToken: refresh?.secret ?? null,
      profileId,
    },
  };
}

/** The secret part of a token of `appId`, or undefined when the token is malformed or names another app. */
function secretOf(token: string, appId: string): string | undefined {
  const dot = token.indexOf('.');
  return dot > 0 && token.slice(0, dot) === appId ? token.slice(dot + 1) : undefined;
}

export function userNotFound(appId: string, userId: string, field = 'userID'): CoreError {
  return new CoreError('user_not_found', `User ${userId} was not found`, { field, value: userId, appId });
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
