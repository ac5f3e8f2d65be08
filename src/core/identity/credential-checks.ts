import type { AppSettings } from '../apps/apps.types.ts';
import type { AdmittedCheck, CredentialCheck, CredentialThrottle } from '../throttling/credential-throttle.ts';
import type { Passwords } from './passwords.ts';

/**
 * Credential checks under the throttle: a password (a log-in, the old password of a change) or an admin client secret,
 * each admitted by the credential throttle first and counted after. One place, so that every credential the service
 * checks is throttled alike.
 */
export class CredentialChecks {
  readonly #passwords: Passwords;
  readonly #throttle: CredentialThrottle;

  constructor(passwords: Passwords, throttle: CredentialThrottle) {
    this.#passwords = passwords;
    this.#throttle = throttle;
  }

  /**
   * Checks a password: against the decoy when there is no hash, so that both take the same time; a check from an
   * address known to the account goes first in the hashing budget. `countsAsSuccess` says whether a right password
   * ends the failures (not for a disabled user).
   */
  checkPassword(
    check: CredentialCheck,
    settings: AppSettings,
    password: string,
    passwordHash: string | null,
    countsAsSuccess: () => boolean = () => true,
  ): Promise<boolean> {
    return this.#underThrottle(
      check,
      settings,
      (admitted) => this.#passwords.verify(password, passwordHash, { first: admitted.known }),
      countsAsSuccess,
    );
  }

  /** Checks an admin client secret (a constant-time comparison of hashes: no hashing budget). */
  checkSecret(check: CredentialCheck, settings: AppSettings, matches: () => boolean): Promise<boolean> {
    return this.#underThrottle(check, settings, async () => matches());
  }

  /**
   * Checks a code sent to the user (a password-reset or verification PIN or link) under the same throttle, so that
   * guessing codes is held back per account and address as guessing passwords is. The account should be one of its
   * own (`code:user:<id>`), so that failed codes do not delay the user's log-ins.
   */
  checkCode(check: CredentialCheck, settings: AppSettings, matches: () => Promise<boolean>): Promise<boolean> {
    return this.#underThrottle(check, settings, matches);
  }

  /**
   * Runs a credential check under the throttle: refused at once (`too_many_attempts`) while the account or address is
   * throttled; otherwise made and its outcome counted. A check that could not be made (the hashing budget was full)
   * does not count.
   */
  async #underThrottle(
    check: CredentialCheck,
    settings: AppSettings,
    verify: (admitted: AdmittedCheck) => Promise<boolean>,
    countsAsSuccess: () => boolean = () => true,
  ): Promise<boolean> {
    const admitted = await this.#throttle.admit(check, settings);
    let ok: boolean;
    try {
      ok = await verify(admitted);
    } catch (error) {
      await this.#throttle.abandoned(admitted);
      throw error;
    }
    if (!ok) await this.#throttle.failed(admitted);
    else if (countsAsSuccess()) await this.#throttle.succeeded(admitted);
    else await this.#throttle.abandoned(admitted);
    return ok;
  }
}
