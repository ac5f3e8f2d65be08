import type { AccountsService } from '../accounts/accounts.service.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { IssuedTokens } from '../identity/identity.types.ts';
import type { AnonymousPrincipal } from '../principal.ts';
import type { LogInRequest, Registration } from './social.types.ts';

/**
 * The v1 face's sessions over the core's own tokens: a registration is a sign-up (its handle claimed in the sign-up's
 * unit of work) followed by a log-in; a session token is an access token, refreshed without rotating the refresh
 * token. A user registered here logs in through every face, and the reverse. Identity's calls are made here and
 * nowhere else in this domain.
 */
export class OnboardingService {
  readonly #identity: IdentityService;
  readonly #accounts: AccountsService;

  constructor(identity: IdentityService, accounts: AccountsService) {
    this.#identity = identity;
    this.#accounts = accounts;
  }

  /**
   * Creates a user with a password, an email or a login name (or both) and, when given, a handle; logs it in. A taken
   * handle is `handle_taken` and creates nothing. The sign-up's rate limit and the log-in's both count.
   */
  async register(principal: AnonymousPrincipal, input: Registration): Promise<IssuedTokens> {
    // A handle already taken is refused before the password is hashed; the unique index decides a race.
    if (input.handle !== undefined) await this.#accounts.refuseTakenHandle(principal.appId, input.handle);
    const { handle } = input;
    await this.#identity.signUp(
      principal,
      { loginName: input.loginName, emailAddress: input.email, password: input.password, customFields: {} },
      handle === undefined ? {} : { inUnit: (user) => this.#accounts.claimHandleAtSignUp(user.appId, user.id, handle) },
    );
    // By login name when there is one: an app that verifies emails refuses a log-in by an unverified email.
    return this.#identity.logIn(principal, {
      username: input.loginName ?? (input.email as string),
      password: input.password,
    });
  }

  /** Password log-in by login name, email or phone number (the core's log-in, throttle and rate limit included). */
  async logIn(principal: AnonymousPrincipal, input: LogInRequest): Promise<IssuedTokens> {
    return this.#identity.logIn(principal, { username: input.username, password: input.password });
  }

  /**
   * A new session token for a refresh token, which stays as it is until it expires (`refresh_token_expired` then;
   * an unknown or ended one is `invalid_grant`).
   */
  async refreshSession(principal: AnonymousPrincipal, refreshToken: string): Promise<IssuedTokens> {
    return this.#identity.refresh(principal, refreshToken, { rotate: false });
  }
}
