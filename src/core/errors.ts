import type { StorageFault } from '../db/errors.ts';

/**
 * The one catalogue of core error codes. Every face maps each code to its own dialect in one table
 * (`faces/<face>/errors.ts`), and docs/errors.md documents each; tests prove both.
 */
export const coreErrorCodes = [
  'invalid_input',
  'password_too_short',
  'password_invalid',
  'custom_fields_too_large',
  'unauthenticated',
  'invalid_token',
  'token_expired',
  'refresh_token_expired',
  'invalid_app_credentials',
  'wrong_app',
  'forbidden',
  'invalid_grant',
  'wrong_password',
  'app_not_found',
  'user_not_found',
  'user_already_exists',
  'job_not_found',
  'preference_option_not_found',
  'school_not_found',
  'study_level_not_found',
  'student_information_not_found',
  'student_information_exists',
  'catalogue_item_in_use',
  'ratings_body_not_found',
  'movie_not_found',
  'viewing_not_found',
  'recommendation_model_not_found',
  'icon_not_found',
  'profile_not_found',
  'profile_name_taken',
  'container_slug_taken',
  'container_not_found',
  'handle_taken',
  'profile_limit_reached',
  'pin_not_set',
  'wrong_pin',
  'pin_locked',
  'invalid_code',
  'template_not_found',
  'too_many_attempts',
  'rate_limited',
  'conflict',
  'unavailable',
] as const;

export type CoreErrorCode = (typeof coreErrorCodes)[number];

export interface CoreErrorDetails {
  /** The input field the error is about (a body property, `userID`, `loginName`…). */
  field?: string;
  /** The offending value, when echoing it back is safe (never a password or token). */
  value?: string;
  /** Per-field messages for validation failures. */
  fields?: { field: string; message: string }[];
  /** The app and principal the caller authenticated as, for authorisation failures. */
  appId?: string;
  principalId?: string;
  /** How long to wait before trying again (throttling, rate limits): the `Retry-After` of every face. */
  retryAfterSeconds?: number;
  /** Why the service is `unavailable`, when its storage failed (disk full, read-only…): shown by every face. */
  cause?: StorageFault;
}

/** A failure of a rule of the core. Faces turn it into their own error body; the message is safe to show. */
export class CoreError extends Error {
  readonly code: CoreErrorCode;
  readonly details: CoreErrorDetails;

  constructor(code: CoreErrorCode, message: string, details: CoreErrorDetails = {}) {
    // A core error is an answer, not a fault: it is never logged as a failure, so its stack is not captured (a flood of
    // refused log-ins made thousands a second, and the stack was a noticeable part of each one's cost).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
  }
}

export function invalidInput(field: string, message: string): CoreError {
  return new CoreError('invalid_input', `${field}: ${message}`, { field, fields: [{ field, message }] });
}

/**
 * Collects every problem of an input before anything is stored, so that one answer lists them all (a bulk write with
 * bad items names each item).
 */
export class InputProblems {
  /** At most this many are listed; a batch of 100,000 bad items is answered with a count beyond them. */
  static readonly listed = 1000;
  readonly #fields: { field: string; message: string }[] = [];
  #count = 0;

  add(field: string, message: string): void {
    this.#count += 1;
    if (this.#fields.length < InputProblems.listed) this.#fields.push({ field, message });
  }

  get count(): number {
    return this.#count;
  }

  /** Throws `invalid_input` naming every problem added (the first thousand), if there is any. */
  throwIfAny(): void {
    if (this.#count === 0) return;
    const shown = this.#fields.slice(0, 3).map(({ field, message }) => `${field}: ${message}`);
    const more = this.#count > 3 ? ` (and ${this.#count - 3} more)` : '';
    throw new CoreError('invalid_input', `${shown.join('; ')}${more}`, {
      field: this.#fields[0]?.field,
      fields: this.#fields,
    });
  }
}
