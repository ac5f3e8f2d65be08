import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AdminClient, AppsService } from '../apps/apps.service.ts';
import type { AppSettings } from '../apps/apps.types.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import {
  type AdminPrincipal,
  type AnonymousPrincipal,
  type AuthenticatedPrincipal,
  addressOf,
  type CallOrigin,
  type Principal,
  requireAdmin,
  type UserPrincipal,
} from '../principal.ts';
import { hashSecret, randomSecret } from '../secrets.ts';
import type { CredentialThrottle } from '../throttling/credential-throttle.ts';
import type { RateLimiter } from '../throttling/rate-limiter.ts';
import type { CredentialChecks } from './credential-checks.ts';
import { invalidGrant, userNotFound } from './identity.errors.ts';
import type { IssuedTokens, NewToken, ProfileDirectory, SessionCredentials, TokenRecord } from './identity.types.ts';
import { hashingBudgetFull, type Passwords } from './passwords.ts';
import type { TokensRepository } from './tokens.repository.ts';
import { parseIdentifier } from './user-fields.ts';
import type { UsersRepository } from './users.repository.ts';

/** Pseudo users' tokens are their only credential, so (as on Kii) they do not expire; revocation still ends them. */
const pseudoTokenExpiresAt = Date.UTC(9999, 11, 31);

const invalidClient = () => new CoreError('invalid_grant', 'The client credentials are not valid');
const invalidToken = () => new CoreError('invalid_token', 'The provided token is not valid');

export interface LogInInput {
  username: string;
  password: string;
  /** Epoch ms; may only shorten the access token's lifetime. */
  expiresAt?: number | undefined;
}

export interface SessionsOptions {
  /** How long an expired token's row is kept, so that it is answered as expired rather than unknown. */
  expiredTokenRetentionMs: number;
}

/** What guards sessions: the credential throttle, the anonymous calls' rate limits, the audit log. */
export interface SessionGuards {
  throttle: CredentialThrottle;
  rateLimiter: RateLimiter;
  audit: AuditLog;
}

/**
 * Whom a session is issued to, and what must still hold when its tokens are stored. Every token is issued through
 * `#issue`, in one unit of work that re-reads the user (or the admin client) under its row lock, so that a session
 * can never outlive a change that commits while it is being issued: a disable, a password change, a revocation, a
 * secret rotation.
 */
type Grant =
  | {
      kind: 'user';
      appId: string;
      userId: string;
      /** The password hash the log-in verified: the session is refused if it changed meanwhile. */
      verifiedHash?: string;
      /** A session carried on (refresh, profile switch): refused if the credentials changed since it began. */
      credentialsVersion?: number;
      /** Runs under the lock, once the user is known to hold (a rehash of the password it logged in with). */
      whileLocked?: (current: SessionCredentials) => Promise<void>;
    }
  | { kind: 'admin'; appId: string; client: AdminClient; origin?: CallOrigin | undefined };

/**
 * Sessions: log-in, refresh, admin tokens, profile tokens, authentication and revocation. Tokens are
 * `<appId>.<secret>`: the app id scopes the look-up, and only the secret's hash is stored. Every change that ends a
 * session is published by the repository that makes it, so every instance's token cache forgets it at once.
 */
export class SessionsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #users: UsersRepository;
  readonly #tokens: TokensRepository;
  readonly #apps: AppsService;
  readonly #profiles: ProfileDirectory;
  readonly #passwords: Passwords;
  readonly #checks: CredentialChecks;
  readonly #guards: SessionGuards;
  readonly #options: SessionsOptions;

  constructor(
    unitOfWork: UnitOfWork,
    repositories: { users: UsersRepository; tokens: TokensRepository },
    apps: AppsService,
    profiles: ProfileDirectory,
    credentials: { passwords: Passwords; checks: CredentialChecks },
    guards: SessionGuards,
    options: SessionsOptions,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#users = repositories.users;
    this.#tokens = repositories.tokens;
    this.#apps = apps;
    this.#profiles = profiles;
    this.#passwords = credentials.passwords;
    this.#checks = credentials.checks;
    this.#guards = guards;
    this.#options = options;
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
    if (this.#passwords.saturated && throttle.knownFromMemory(app.id, named, address) === false) {
      throw hashingBudgetFull();
    }
    const found = await this.#users.findCredentials(app.id, identifier);
    const userId = found?.user.id ?? null;
    const check = { appId: app.id, account: userId ? `user:${userId}` : named, userId, address, identifier: named };
    await throttle.refuseEarly(check);
    // The first stranger naming the account while the budget is full reads the addresses it knows; those who follow
    // are refused above, before the user is read. An identifier no user has knows no address: nothing to read.
    if (this.#passwords.saturated && !(await throttle.isKnownWhileBusy(check))) throw hashingBudgetFull();
    const passwordOk = await this.#checks.checkPassword(
      check,
      app.settings,
      input.password,
      found?.passwordHash ?? null,
      // Right password, but the account may not log in: neither a success nor a failure of the throttle.
      () => Boolean(found && !found.user.disabled),
    );
    if (!found?.passwordHash || !passwordOk || found.user.disabled) throw invalidGrant();
    const { user, passwordHash } = found;
    const unverified =
      (identifier.field === 'emailAddress' && app.settings.emailVerificationRequired && !user.emailVerified) ||
      (identifier.field === 'phoneNumber' && app.settings.phoneVerificationRequired && !user.phoneVerified);
    if (unverified) throw invalidGrant();
    // Hashed before the unit of work (it takes tens of milliseconds), stored in it only if the password is unchanged.
    const rehash = this.#passwords.needsRehash(passwordHash) ? await this.#passwords.hash(input.password) : undefined;
    let firstLogIn = false;
    const issued = await this.#issue(
      app.settings,
      {
        kind: 'user',
        appId: app.id,
        userId: user.id,
        verifiedHash: passwordHash,
        whileLocked: async () => {
          if (rehash) await this.#users.updateUser(app.id, user.id, { passwordHash: rehash });
          await this.#tokens.deleteExpiredTokensOfUser(
            app.id,
            user.id,
            Date.now() - this.#options.expiredTokenRetentionMs,
          );
          // Written once per account, with the session: later log-ins find the time set and write nothing.
          firstLogIn = user.firstLogInAt === null && (await this.#users.markFirstLogIn(app.id, user.id, Date.now()));
        },
      },
      { requestedExpiresAt: input.expiresAt, refresh: true, profileId: 'default' },
    );
    return { ...issued, firstLogIn };
  }

  /**
   * Exchanges a refresh token for a new access token bound to the same profile. `rotate` (Kii): the refresh token is
   * used up and the old pair ends, a new pair is issued, so a refresh token works once. Without it (v1): the refresh
   * token stays until it expires and only a new access token is issued. An expired refresh token is
   * `refresh_token_expired`; an unknown, used or other app's one `invalid_grant`, and so is one whose user was
   * disabled or changed its password since the session began (that session then ends).
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
    const { appId } = principal;
    const outcome = await this.#unitOfWork.run(async () => {
      const found = await this.#liveRefreshToken(appId, tokenHash);
      if (found === 'expired') return 'expired' as const;
      if (!found?.userId) return 'unknown' as const;
      // The user's lock first, then the token: the order every change that ends sessions keeps.
      const current = await this.#users.lockCredentials(appId, found.userId);
      const token = options.rotate
        ? await this.#tokens.consumeRefreshToken(appId, tokenHash, Date.now())
        : await this.#liveRefreshToken(appId, tokenHash);
      if (token === 'expired') return 'expired' as const;
      if (!token || token.userId !== found.userId) return 'unknown' as const;
      if (!current || current.disabled || current.credentialsVersion !== token.credentialsVersion) {
        // A session that outlived its user's change ends here rather than renewing.
        await this.#tokens.deletePair(appId, token.userId, token.pairId);
        return 'ended' as const;
      }
      const issued = await this.#issue(
        settings,
        { kind: 'user', appId, userId: token.userId, credentialsVersion: token.credentialsVersion },
        {
          refresh: options.rotate,
          profileId: token.profileId,
          pairId: options.rotate ? undefined : token.pairId,
        },
      );
      return options.rotate ? issued : { ...issued, refreshToken };
    });
    if (outcome === 'expired') throw new CoreError('refresh_token_expired', 'The refresh token has expired');
    if (typeof outcome === 'string') throw invalidGrant();
    return outcome;
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
    const secretOk = await this.#checks.checkSecret(check, app.settings, () => client.secretMatches(clientSecret));
    if (!secretOk) throw invalidClient();
    const issued = await this.#issue(
      app.settings,
      { kind: 'admin', appId: app.id, client, origin: options.origin },
      { requestedExpiresAt: options.expiresAt, refresh: false },
    );
    return { ...issued, clientId: app.clientId };
  }

  /**
   * An access token (no refresh token) of the caller's user bound to one of its profiles, checked by the caller. The
   * caller's own token must still be live when it is issued: a switch cannot carry a revoked session on.
   */
  async issueProfileToken(principal: UserPrincipal, profileId: string): Promise<IssuedTokens> {
    const { settings } = await this.#apps.getApp(principal.appId);
    return this.#unitOfWork.run(async () => {
      const current = await this.#users.lockCredentials(principal.appId, principal.userId);
      const own = await this.#tokens.findById(principal.appId, principal.tokenId);
      if (!current || !own || own.userId !== principal.userId) throw invalidToken();
      return this.#issue(
        settings,
        {
          kind: 'user',
          appId: principal.appId,
          userId: principal.userId,
          credentialsVersion: own.credentialsVersion,
        },
        { refresh: false, profileId },
      );
    });
  }

  /**
   * A new pseudo user's one, non-expiring access token, bound to its default profile (inside the sign-up's unit of
   * work, so that user and token are stored together or not at all).
   */
  issuePseudoUserToken(settings: AppSettings, appId: string, userId: string): Promise<IssuedTokens> {
    return this.#issue(
      settings,
      { kind: 'user', appId, userId },
      { accessExpiresAt: pseudoTokenExpiresAt, refresh: false, profileId: 'default' },
    );
  }

  /**
   * The one path every token takes: in one unit of work (joining the caller's), the user's row is read under its
   * lock (or the admin client's secret), what the grant needs of it is checked, and only then are the tokens stored.
   * A change that ends sessions takes the same lock first, so it either commits before (and the grant is refused) or
   * after (and ends these tokens too).
   */
  async #issue(settings: AppSettings, grant: Grant, options: TokenOptions): Promise<IssuedTokens> {
    return this.#unitOfWork.run(async () => {
      if (grant.kind === 'admin') {
        if (!(await grant.client.stillCurrent())) throw invalidClient();
        const issued = newTokens(settings, grant.appId, null, { ...options, profileId: null }, 0);
        await this.#tokens.insertTokens(issued.rows);
        // An admin token is the app's keys: who got one, from where, is worth a line (the console's sign-ins too).
        const [access] = issued.rows;
        if (access) {
          const admin: AdminPrincipal = {
            kind: 'admin',
            appId: grant.appId,
            clientId: grant.client.app.clientId,
            tokenId: access.id,
            expiresAt: access.expiresAt,
            ...(grant.origin ? { origin: grant.origin } : {}),
          };
          await this.#guards.audit.record(grant.appId, admin, 'admin.session_started', {
            details: { tokenId: access.id, expiresAt: access.expiresAt },
          });
        }
        return issued.issued;
      }
      const { appId, userId } = grant;
      const current = await this.#users.lockCredentials(appId, userId);
      const holds =
        current !== undefined &&
        !current.disabled &&
        (grant.verifiedHash === undefined || current.passwordHash === grant.verifiedHash) &&
        (grant.credentialsVersion === undefined || current.credentialsVersion === grant.credentialsVersion);
      if (!holds) throw invalidGrant();
      await grant.whileLocked?.(current);
      const profileId =
        options.profileId === 'default'
          ? await this.#profiles.defaultProfileId(appId, userId)
          : (options.profileId ?? null);
      const issued = newTokens(settings, appId, userId, { ...options, profileId }, current.credentialsVersion);
      await this.#tokens.insertTokens(issued.rows);
      return issued.issued;
    });
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
   * Ends the caller's own session: the token it called with and the others of its pair (a sign-out, such as the
   * console's). An admin's other tokens and a user's other sessions stay. A token that already ended ends nothing.
   */
  async endSession(principal: Principal): Promise<void> {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'Only a token can end its session');
    await this.#unitOfWork.run(async () => {
      const own = await this.#tokens.findById(principal.appId, principal.tokenId);
      if (!own) return;
      await this.#tokens.deletePair(principal.appId, own.userId, own.pairId);
      if (principal.kind === 'admin') {
        await this.#guards.audit.record(principal.appId, principal, 'admin.session_ended', {
          details: { tokenId: principal.tokenId },
        });
      }
    });
  }

  /** Ends every token of a user (admin only); returns how many there were. */
  async revokeTokensOfUser(principal: Principal, userId: string): Promise<number> {
    requireAdmin(principal);
    return this.#unitOfWork.run(async () => {
      // Under the user's lock, as every issuance is: a session being issued now ends here too, or is refused.
      if (!(await this.#users.lockCredentials(principal.appId, userId))) throw userNotFound(principal.appId, userId);
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
  /** The profile the tokens are bound to; `default` for the account's default profile. */
  profileId?: string | null | 'default';
  /** The pair to add an access token to (a refresh that keeps its refresh token); a new pair when absent. */
  pairId?: string | undefined;
}

/** A new access token (and refresh token, if asked) in clear, and the records that store their hashes. */
function newTokens(
  settings: AppSettings,
  appId: string,
  userId: string | null,
  options: TokenOptions & { profileId: string | null },
  credentialsVersion: number,
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
  const { profileId } = options;
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
        credentialsVersion,
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
