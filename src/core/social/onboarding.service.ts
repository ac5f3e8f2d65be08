import type { AccountsService } from '../accounts/accounts.service.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { IssuedTokens } from '../identity/identity.types.ts';
import type { SessionsService } from '../identity/sessions.service.ts';
import type { AnonymousPrincipal } from '../principal.ts';
import type { SocialService } from './social.service.ts';
import type { LogInRequest, Registration } from './social.types.ts';

/**
 * The v1 face's sessions over the core's own tokens: a registration is a sign-up (its handle claimed in the sign-up's
 * unit of work) followed by a log-in; a session token is an access token, refreshed without rotating the refresh
 * token. A user registered here logs in through every face, and the reverse. Identity's and sessions' calls are
 * made here and nowhere else in this domain.
 */
export class OnboardingService {
  readonly #identity: IdentityService;
  readonly #sessions: SessionsService;
  readonly #accounts: AccountsService;
  readonly #social: SocialService;

  constructor(identity: IdentityService, sessions: SessionsService, accounts: AccountsService, social: SocialService) {
    this.#identity = identity;
    this.#sessions = sessions;
    this.#accounts = accounts;
    this.#social = social;
  }

  /**
   * Creates a user with a password, an email or a login name (or both) and, when given, a handle; logs it in. A taken
   * handle is `handle_taken` and creates nothing. The sign-up's rate limit and the log-in's both count.
   */
  async register(principal: AnonymousPrincipal, input: Registration): Promise<IssuedTokens> {
    // A referrer no user is, or a handle already taken, is refused before anything is hashed or written (the unique
    // index decides a race for the handle).
    const referrer =
      input.referrerHandle === undefined
        ? undefined
        : await this.#social.findReferrer(principal.appId, input.referrerHandle);
    if (input.handle !== undefined) await this.#accounts.refuseTakenHandle(principal.appId, input.handle);
    const { handle } = input;
    await this.#identity.signUp(
      principal,
      { loginName: input.loginName, emailAddress: input.email, password: input.password, customFields: {} },
      handle === undefined ? {} : { inUnit: (user) => this.#accounts.claimHandleAtSignUp(user.appId, user.id, handle) },
    );
    // By login name when there is one: an app that verifies emails refuses a log-in by an unverified email.
    const issued = await this.#sessions.logIn(principal, {
      username: input.loginName ?? (input.email as string),
      password: input.password,
    });
    await this.#referredAtFirstLogIn(principal.appId, issued, referrer?.id);
    return issued;
  }

  /**
   * Password log-in by login name, email or phone number (the core's log-in, throttle and rate limit included). A
   * `referrerHandle` must name a user of the app; it is recorded at the account's first log-in only.
   */
  async logIn(principal: AnonymousPrincipal, input: LogInRequest): Promise<IssuedTokens> {
    const referrer =
      input.referrerHandle === undefined
        ? undefined
        : await this.#social.findReferrer(principal.appId, input.referrerHandle);
    const issued = await this.#sessions.logIn(principal, { username: input.username, password: input.password });
    await this.#referredAtFirstLogIn(principal.appId, issued, referrer?.id);
    return issued;
  }

  async #referredAtFirstLogIn(appId: string, issued: IssuedTokens, referrerId: string | undefined): Promise<void> {
    if (referrerId === undefined || !issued.firstLogIn || issued.userId === null) return;
    await this.#social.recordReferral(appId, issued.userId, referrerId);
  }

  /**
   * A new session token for a refresh token, which stays as it is until it expires (`refresh_token_expired` then;
   * an unknown or ended one is `invalid_grant`).
   */
  async refreshSession(principal: AnonymousPrincipal, refreshToken: string): Promise<IssuedTokens> {
    return this.#sessions.refresh(principal, refreshToken, { rotate: false });
  }
}
