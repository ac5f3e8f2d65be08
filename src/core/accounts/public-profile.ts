import { InputProblems } from '../errors.ts';
import type { User } from '../identity/identity.types.ts';
import { validatePredefinedFields } from '../identity/user-fields.ts';
import { isWebUrl } from '../text.ts';
import {
  type CalendarDate,
  type OwnProfile,
  type ProfileField,
  type ProfileUpdate,
  profileFields,
} from './accounts.types.ts';

/** A handle: 3 to 30 letters, digits or underscores. Unique per app whatever its case; stored as given. */
export const handlePattern = /^[A-Za-z0-9_]{3,30}$/;
export const maxBiographyLength = 500;
/** The earliest year of birth taken. */
export const minBirthYear = 1900;

/** Throws `invalid_input` naming `field` unless `handle` is a handle. */
export function checkHandle(handle: string, field = 'handle'): void {
  const problems = new InputProblems();
  if (!handlePattern.test(handle)) problems.add(field, 'must be 3 to 30 of a-z, A-Z, 0-9 and _');
  problems.throwIfAny();
}

/**
 * Checks a change of the own profile against the v1 rules, every problem at once: a display name of 1 to 100
 * characters (not only spaces), a handle, a biography of at most 500 characters, a date of birth that is a real date
 * before today (UTC) and not before 1900, an avatar that is an http(s) address.
 */
export function checkProfileUpdate(update: ProfileUpdate, now = Date.now()): void {
  const problems = new InputProblems();
  try {
    validatePredefinedFields({ displayName: update.displayName });
  } catch {
    problems.add('displayName', 'must be 1 to 100 characters, not only spaces');
  }
  if (update.handle !== undefined && !handlePattern.test(update.handle)) {
    problems.add('handle', 'must be 3 to 30 of a-z, A-Z, 0-9 and _');
  }
  if (update.biography !== undefined && [...update.biography].length > maxBiographyLength) {
    problems.add('biography', `must be at most ${maxBiographyLength} characters`);
  }
  if (update.dateOfBirth !== undefined) {
    const problem = dateOfBirthProblem(update.dateOfBirth, now);
    if (problem) problems.add('dateOfBirth', problem);
  }
  if (update.avatarUrl !== undefined && update.avatarUrl !== null && !isWebUrl(update.avatarUrl)) {
    problems.add('avatarUrl', 'must be an http(s) address of at most 2,000 characters');
  }
  problems.throwIfAny();
}

function dateOfBirthProblem({ year, month, day }: CalendarDate, now: number): string | undefined {
  if (![year, month, day].every(Number.isInteger)) return 'year, month and day must be integers';
  const date = new Date(Date.UTC(year, month - 1, day));
  // A year from 0 to 99 is taken by Date.UTC as 1900 to 1999: the year is compared as given.
  if (year < minBirthYear || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) {
    return `must be a real date from ${minBirthYear} on`;
  }
  if (date.getUTCDate() !== day) return 'must be a real date';
  const today = new Date(now);
  if (date.getTime() >= Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) {
    return 'must be a date before today';
  }
  return undefined;
}

/** `YYYY-MM-DD` of a date, as stored. */
export function storedDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function calendarDateOf(stored: string | null): CalendarDate | null {
  if (stored === null) return null;
  const [year, month, day] = stored.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** The user's own profile, every field. */
export function ownProfileOf(user: User): OwnProfile {
  return {
    id: user.id,
    displayName: user.displayName,
    handle: user.handle,
    biography: user.biography,
    dateOfBirth: calendarDateOf(user.dateOfBirth),
    email: user.emailAddress,
    locale: user.locale,
    country: user.country,
    avatarUrl: user.avatarUrl,
    createdAt: user.createdAt,
    referralCode: referralCodeOf(user),
  };
}

/**
 * The names of `requested` (each a name or a comma list of names), in the order first asked, each once; throws
 * `invalid_input` on the field `fields` naming every unknown one.
 */
export function parseProfileFields(requested: readonly string[]): ProfileField[] {
  const known = new Set<string>(profileFields);
  const problems = new InputProblems();
  const fields = new Set<ProfileField>();
  for (const name of requested.flatMap((value) => value.split(',')).map((value) => value.trim())) {
    if (known.has(name)) fields.add(name as ProfileField);
    else problems.add('fields', `${JSON.stringify(name)} is not one of ${profileFields.join(', ')}`);
  }
  if (fields.size === 0 && problems.count === 0) problems.add('fields', 'names at least one field');
  problems.throwIfAny();
  return [...fields];
}

/** The profile with exactly `fields`, in that order. */
export function projectProfile(profile: OwnProfile, fields: readonly ProfileField[]): Partial<OwnProfile> {
  const projected: Partial<Record<ProfileField, unknown>> = {};
  for (const field of fields) projected[field] = profile[field];
  return projected as Partial<OwnProfile>;
}

// Referral codes of users without a handle: the account's internal id through a fixed permutation of 40-bit numbers
// (so that codes do not read as a count of accounts), in eight characters of Crockford's base 32. The code needs no
// storage and names its account for ever; it has a hyphen, which no handle has, so the two never collide.
const bits = 40n;
const modulus = 1n << bits;
const multiplier = 0x9e3779b97fn; // odd: invertible modulo 2^40
const offset = 0x5bd1e99535n;
const inverse = (() => {
  let x = multiplier;
  for (let i = 0; i < 6; i++) x = (x * (2n - multiplier * x)) % modulus;
  return (x + modulus) % modulus;
})();
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
const referralCodePattern = /^r-[0-9abcdefghjkmnpqrstvwxyz]{8}$/;

/** The user's referral code: the handle once there is one, else the code made from the account. */
export function referralCodeOf(user: Pick<User, 'handle' | 'internalId'>): string {
  return user.handle ?? generatedReferralCode(user.internalId);
}

function generatedReferralCode(internalId: number): string {
  let value = (BigInt(internalId) * multiplier + offset) % modulus;
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = alphabet[Number(value & 31n)] + code;
    value >>= 5n;
  }
  return `r-${code}`;
}

/** The internal id of the account a generated referral code names, or undefined when it is not such a code. */
export function internalIdOfReferralCode(code: string): number | undefined {
  const lower = code.toLowerCase();
  if (!referralCodePattern.test(lower)) return undefined;
  let value = 0n;
  for (const char of lower.slice(2)) value = (value << 5n) | BigInt(alphabet.indexOf(char));
  const internalId = (((value - offset) % modulus) + modulus) % modulus;
  return Number((internalId * inverse) % modulus);
}
