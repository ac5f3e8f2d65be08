import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database, TokensTable } from '../../db/schema.ts';
import type { EventBus } from '../../events/bus.ts';
import type { AppsService } from '../apps/apps.service.ts';
import type { AppSettings } from '../apps/apps.types.ts';
import { CoreError, invalidInput } from '../errors.ts';
import { type AnonymousPrincipal, type AuthenticatedPrincipal, type Principal, requireAdmin } from '../principal.ts';
import { hashSecret, randomSecret } from '../secrets.ts';
import type { IssuedTokens, SignUpInput, User, UserTarget } from './identity.types.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import type { TokenCache } from './token-cache.ts';
import type { TokensRepository } from './tokens.repository.ts';
import { parseIdentifier, validatePassword, validatePredefinedFields } from './user-fields.ts';
import { identifierKey, identifierOfViolation, type UsersRepository } from './users.repository.ts';

/** Pseudo users' tokens are their only credential, so (as on Kii) they do not expire; revocation still ends them. */
const pseudoTokenExpiresAt = Date.UTC(9999, 11, 31);

const invalidGrant = () => new CoreError('invalid_grant', 'The user was not found or a wrong password was given');

export interface LogInInput {
  username: string;
  password: string;
  /** Epoch ms; may only shorten the access token's lifetime. */
  expiresAt?: number | undefined;
}

/**
 * Accounts' credentials and sessions: sign-up, log-in, tokens, password, status and deletion. Every token change
 * that ends a session is published on the bus, so every instance's token cache forgets it at once.
 */
export class IdentityService {
  private readonly db: Kysely<Database>;
  private readonly users: UsersRepository;
  private readonly tokens: TokensRepository;
  private readonly apps: AppsService;
  private readonly bus: EventBus;
  private readonly cache: TokenCache;

  constructor(
    db: Kysely<Database>,
    users: UsersRepository,
    tokens: TokensRepository,
    apps: AppsService,
    bus: EventBus,
    cache: TokenCache,
  ) {
    this.db = db;
    this.users = users;
    this.tokens = tokens;
    this.apps = apps;
    this.bus = bus;
    this.cache = cache;
  }

  /** Creates a user with a password and at least one identifier. */
  async signUp(principal: Principal, input: SignUpInput): Promise<User> {
    if (input.loginName === undefined && input.emailAddress === undefined && input.phoneNumber === undefined) {
      throw invalidInput('loginName', 'one of loginName, emailAddress or phoneNumber is required');
    }
    validatePredefinedFields(input);
    validatePassword(input.password);
    return this.#insertUser(principal.appId, input, await hashPassword(input.password));
  }

  /** Creates a pseudo user (no identifier, no password) and its one, non-expiring access token. */
  async signUpPseudo(principal: Principal, input: SignUpInput): Promise<{ user: User; tokens: IssuedTokens }> {
    for (const field of ['password', 'loginName', 'emailAddress', 'phoneNumber'] as const) {
      if (input[field] !== undefined) throw invalidInput(field, 'a pseudo user has no identifier and no password');
    }
    validatePredefinedFields(input);
    const user = await this.#insertUser(principal.appId, input, null);
    const tokens = await this.#issueTokens(user.appId, user.id, {
      accessExpiresAt: pseudoTokenExpiresAt,
      refresh: false,
    });
    return { user, tokens };
  }

  async #insertUser(appId: string, input: SignUpInput, passwordHash: string | null): Promise<User> {
    const now = Date.now();
    const id = uuidv7();
    try {
      await this.users.insertUser({
        id,
        app_id: appId,
        internal_id: randomBytes(6).readUIntBE(0, 6),
        login_name: input.loginName ?? null,
        login_name_key: identifierKey(input.loginName),
        email_address: input.emailAddress ?? null,
        email_key: identifierKey(input.emailAddress),
        email_verified: false,
        phone_number: input.phoneNumber ?? null,
        phone_verified: false,
        display_name: input.displayName ?? null,
        display_name_key: identifierKey(input.displayName),
        country: input.country ?? null,
        locale: input.locale ?? null,
        custom_fields: JSON.stringify(input.customFields),
        password_hash: passwordHash,
        disabled: false,
        created_at: now,
        modified_at: now,
      });
    } catch (error) {
      throw alreadyExistsOr(error, { ...input });
    }
    return (await this.users.findUser(appId, id)) as User;
  }

  /** Password log-in. Unknown user, wrong password and disabled user all answer `invalid_grant` in similar time. */
  async logIn(principal: AnonymousPrincipal, input: LogInInput): Promise<IssuedTokens> {
    const app = await this.apps.getApp(principal.appId);
    const identifier = parseIdentifier(input.username);
    const found = await this.users.findCredentials(app.id, identifier);
    const passwordOk = await verifyPassword(input.password, found?.passwordHash ?? (await decoyPasswordHash()));
    if (!found?.passwordHash || !passwordOk || found.user.disabled) throw invalidGrant();
    const { user } = found;
    const unverified =
      (identifier.field === 'emailAddress' && app.settings.emailVerificationRequired && !user.emailVerified) ||
      (identifier.field === 'phoneNumber' && app.settings.phoneVerificationRequired && !user.phoneVerified);
    if (unverified) throw invalidGrant();
    await this.tokens.deleteExpiredTokensOfUser(app.id, user.id, Date.now());
    return this.#issueTokens(app.id, user.id, { requestedExpiresAt: input.expiresAt, refresh: true });
  }

  /** Exchanges a refresh token for a new pair; the old pair ends, so a refresh token works once. */
  async refresh(principal: AnonymousPrincipal, refreshToken: string): Promise<IssuedTokens> {
    // Read before the transaction: on SQLite a query outside it would wait for the transaction's one connection.
    const { settings } = await this.apps.getApp(principal.appId);
    const { issued, endedAccessHashes } = await this.db.transaction().execute(async (trx) => {
      const taken = await this.tokens.consumeRefreshToken(hashSecret(refreshToken), Date.now(), trx);
      // Another app's refresh token must not even be spent by this call.
      if (!taken || taken.refresh.app_id !== principal.appId || taken.refresh.user_id === null) throw invalidGrant();
      // The new pair is stored in the same transaction that ends the old one: a failure leaves the old pair usable.
      const next = newTokens(settings, principal.appId, taken.refresh.user_id, {
        refresh: true,
        profileId: taken.refresh.profile_id,
      });
      await this.tokens.insertTokens(next.rows, trx);
      return { issued: next.issued, endedAccessHashes: taken.endedAccessHashes };
    });
    await this.bus.publish({ type: 'identity.tokens-revoked', appId: principal.appId, tokenHashes: endedAccessHashes });
    return issued;
  }

  /** An app-admin token for the app whose client credentials these are (and, when named, must be `appId`). */
  async issueAdminToken(
    clientId: string,
    clientSecret: string,
    options: { appId?: string | undefined; expiresAt?: number | undefined },
  ): Promise<IssuedTokens & { clientId: string }> {
    const app = await this.apps.appOfClientCredentials(clientId, clientSecret);
    if (!app || (options.appId !== undefined && options.appId !== app.id))
      throw new CoreError('invalid_grant', 'The client credentials are not valid');
    const tokens = await this.#issueTokens(app.id, null, { requestedExpiresAt: options.expiresAt, refresh: false });
    return { ...tokens, clientId: app.clientId };
  }

  async #issueTokens(appId: string, userId: string | null, options: TokenOptions): Promise<IssuedTokens> {
    const { settings } = await this.apps.getApp(appId);
    const { rows, issued } = newTokens(settings, appId, userId, options);
    await this.tokens.insertTokens(rows);
    return issued;
  }

  /**
   * The principal an access token stands for, refused with `invalid_token` when it is unknown, expired or revoked,
   * and with `wrong_app` when it belongs to another app than `appId`.
   */
  async authenticate(accessToken: string, appId: string | undefined): Promise<AuthenticatedPrincipal> {
    const tokenHash = hashSecret(accessToken);
    const now = Date.now();
    let principal = this.cache.get(tokenHash, now);
    if (!principal) {
      const epoch = this.cache.epoch;
      const row = await this.tokens.findByHash(tokenHash);
      if (row?.kind !== 'access' || row.expires_at <= now) {
        throw new CoreError('invalid_token', 'The provided token is not valid');
      }
      principal = row.user_id
        ? {
            kind: 'user',
            appId: row.app_id,
            userId: row.user_id,
            tokenId: row.id,
            profileId: row.profile_id,
            expiresAt: row.expires_at,
          }
        : {
            kind: 'admin',
            appId: row.app_id,
            clientId: (await this.apps.getApp(row.app_id)).clientId,
            tokenId: row.id,
            expiresAt: row.expires_at,
          };
      this.cache.set(tokenHash, principal, epoch, now);
    }
    if (appId !== undefined && principal.appId !== appId) {
      throw new CoreError('wrong_app', 'The token was not issued for this application', {
        appId: principal.appId,
        principalId: principal.kind === 'user' ? principal.userId : principal.clientId,
      });
    }
    return principal;
  }

  /**
   * The id of the user a change targets, refused unless the caller is that user or the app's admin. A user naming
   * another id gets `forbidden` whether or not it exists, so ids cannot be probed.
   */
  targetUserId(principal: Principal, target: UserTarget): string {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a user or admin token');
    if (target === 'me') {
      if (principal.kind !== 'user')
        throw new CoreError('forbidden', 'An admin token has no own user; name the user', {
          appId: principal.appId,
          principalId: principal.clientId,
        });
      return principal.userId;
    }
    if (principal.kind === 'user' && principal.userId !== target.id) {
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
    const userId = this.targetUserId(principal, target);
    validatePassword(newPassword, 'newPassword');
    const currentHash = await this.users.findPasswordHash(principal.appId, userId);
    if (currentHash === undefined) throw userNotFound(principal.appId, userId);
    if (principal.kind !== 'admin' || oldPassword !== undefined) {
      if (oldPassword === undefined) throw invalidInput('oldPassword', 'is required');
      if (currentHash === null || !(await verifyPassword(oldPassword, currentHash))) {
        throw new CoreError('wrong_password', 'The old password is not correct', { field: 'oldPassword' });
      }
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await this.users.updateUser(
        principal.appId,
        userId,
        { password_hash: passwordHash, modified_at: Date.now() },
        trx,
      );
      await this.tokens.deleteTokensOfUser(principal.appId, userId, trx);
    });
    await this.#announceRevocation(principal.appId, userId);
  }

  /** Disables or enables a user (admin only). Disabling ends every token of the user. */
  async setDisabled(principal: Principal, userId: string, disabled: boolean): Promise<void> {
    requireAdmin(principal);
    await this.db.transaction().execute(async (trx) => {
      const found = await this.users.updateUser(principal.appId, userId, { disabled, modified_at: Date.now() }, trx);
      if (!found) throw userNotFound(principal.appId, userId);
      if (disabled) await this.tokens.deleteTokensOfUser(principal.appId, userId, trx);
    });
    if (disabled) await this.#announceRevocation(principal.appId, userId);
    else await this.bus.publish({ type: 'identity.user-changed', appId: principal.appId, userId });
  }

  /** Deletes a user and everything the user owns (by cascade); every token ends at once. */
  async deleteUser(principal: Principal, target: UserTarget): Promise<void> {
    const userId = this.targetUserId(principal, target);
    this.cache.dropUser(principal.appId, userId);
    const deleted = await this.db.transaction().execute(async (trx) => {
      await this.tokens.deleteTokensOfUser(principal.appId, userId, trx);
      return this.users.deleteUser(principal.appId, userId, trx);
    });
    if (!deleted) throw userNotFound(principal.appId, userId);
    await this.#announceRevocation(principal.appId, userId);
  }

  /** Deletes a user as the admin API does: only the app's admin may, even for a user's own id. */
  async deleteUserAsAdmin(principal: Principal, userId: string): Promise<void> {
    requireAdmin(principal);
    await this.deleteUser(principal, { id: userId });
  }

  /** Ends every token of a user (admin only); returns how many there were. */
  async revokeTokensOfUser(principal: Principal, userId: string): Promise<number> {
    requireAdmin(principal);
    if (!(await this.users.findUser(principal.appId, userId))) throw userNotFound(principal.appId, userId);
    const count = await this.tokens.deleteTokensOfUser(principal.appId, userId);
    await this.#announceRevocation(principal.appId, userId);
    return count;
  }

  /**
   * Deletes every expired token row, in batches so that no statement holds locks for long; returns how many. Tokens
   * are pruned per user at log-in too, but a user who never comes back would keep theirs forever.
   */
  async sweepExpiredTokens(now = Date.now()): Promise<number> {
    const batch = 1000;
    let total = 0;
    for (;;) {
      const deleted = await this.tokens.deleteExpiredTokens(now, batch);
      total += deleted;
      if (deleted < batch) return total;
    }
  }

  async #announceRevocation(appId: string, userId: string): Promise<void> {
    await this.bus.publish({ type: 'identity.user-tokens-revoked', appId, userId });
  }
}

interface TokenOptions {
  /** `expiresAt` of a log-in: it may only shorten the access token. */
  requestedExpiresAt?: number | undefined;
  /** A fixed expiry instead of the app's lifetime (pseudo users). */
  accessExpiresAt?: number;
  refresh: boolean;
  profileId?: string | null;
}

/** A new access token (and refresh token, if asked) in clear, and the rows that store their hashes. */
function newTokens(
  settings: AppSettings,
  appId: string,
  userId: string | null,
  options: TokenOptions,
): { rows: TokensTable[]; issued: IssuedTokens } {
  const now = Date.now();
  let accessExpiresAt = options.accessExpiresAt ?? now + settings.accessTokenTtlSeconds * 1000;
  if (options.requestedExpiresAt !== undefined) {
    if (!Number.isSafeInteger(options.requestedExpiresAt) || options.requestedExpiresAt <= now) {
      throw invalidInput('expiresAt', 'must be a time in the future, in epoch milliseconds');
    }
    accessExpiresAt = Math.min(accessExpiresAt, options.requestedExpiresAt);
  }
  const pairId = uuidv7();
  const profileId = options.profileId ?? null;
  const row = (kind: TokensTable['kind'], secret: string, expiresAt: number): TokensTable => ({
    id: uuidv7(),
    app_id: appId,
    user_id: userId,
    kind,
    token_hash: hashSecret(secret),
    pair_id: pairId,
    profile_id: profileId,
    expires_at: expiresAt,
    created_at: now,
  });
  const accessToken = randomSecret();
  const rows = [row('access', accessToken, accessExpiresAt)];
  const refreshToken = options.refresh ? randomSecret() : null;
  if (refreshToken) rows.push(row('refresh', refreshToken, now + settings.refreshTokenTtlSeconds * 1000));
  return {
    rows,
    issued: {
      userId,
      accessToken,
      expiresAt: accessExpiresAt,
      expiresIn: Math.max(0, Math.floor((accessExpiresAt - now) / 1000)),
      refreshToken,
      profileId,
    },
  };
}

export function userNotFound(appId: string, userId: string, field = 'userID'): CoreError {
  return new CoreError('user_not_found', `User ${userId} was not found`, { field, value: userId, appId });
}

/** Turns a unique violation on an identifier into `user_already_exists`; any other error passes through. */
export function alreadyExistsOr(error: unknown, input: Record<string, unknown>): unknown {
  const field = identifierOfViolation(error);
  if (!field) return error;
  const value = input[field];
  return new CoreError('user_already_exists', `A user with this ${field} already exists`, {
    field,
    value: typeof value === 'string' ? value : undefined,
  });
}
