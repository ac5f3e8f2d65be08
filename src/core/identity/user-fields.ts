import { CoreError } from '../errors.ts';
import type { Identifier, PredefinedFields } from './identity.types.ts';

/** Kii's limit on the custom fields of one user, as serialised JSON. */
export const maxCustomFieldsBytes = 63 * 1024;

export const loginNamePattern = /^[A-Za-z0-9._-]{3,64}$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by verification, not syntax.
export const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
export const phonePattern = /^\+[1-9][0-9]{1,14}$/;
export const countryPattern = /^[A-Z]{2}$/;
export const localePattern = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$/;
export const printableAscii = /^[\x20-\x7E]*$/;

/** Keys that are the server's to set: ignored wherever a client echoes them back in a body. */
const serverOwnedKeys = new Set([
  'userID',
  'internalUserID',
  'emailAddressVerified',
  'phoneNumberVerified',
  'modifiedAt',
  'createdAt',
  'password',
  'loginName',
  'emailAddress',
  'phoneNumber',
  'displayName',
  'country',
  'locale',
]);

type Problem = { field: string; message: string };

/** Checks the predefined fields that are present; throws `invalid_input` naming every bad one. */
export function validatePredefinedFields(fields: PredefinedFields): void {
  const problems: Problem[] = [];
  const check = (field: keyof PredefinedFields, ok: (value: string) => boolean, message: string) => {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'string' || !ok(value))) problems.push({ field, message });
  };
  check('loginName', (v) => loginNamePattern.test(v), 'must be 3 to 64 of A-Z, a-z, 0-9, dot, underscore, hyphen');
  check('emailAddress', (v) => v.length <= 254 && emailPattern.test(v), 'must be an email address');
  check('phoneNumber', (v) => phonePattern.test(v), 'must be a phone number in E.164 form (+ and up to 15 digits)');
  check('displayName', (v) => v.trim().length >= 1 && v.length <= 100, 'must be 1 to 100 characters');
  check('country', (v) => countryPattern.test(v), 'must be an ISO 3166-1 alpha-2 code in capitals');
  check('locale', (v) => v.length <= 35 && localePattern.test(v), 'must be a language tag such as en or pt-BR');
  throwIfAny(problems);
}

/** Checks a password against Kii's rule: 4 to 50 printable ASCII characters. */
export function validatePassword(password: unknown, field = 'password', minLength = 4): asserts password is string {
  if (typeof password !== 'string' || !printableAscii.test(password)) {
    throw new CoreError('password_invalid', `${field} must be ${minLength} to 50 printable ASCII characters`, {
      field,
    });
  }
  if (password.length < minLength)
    throw new CoreError('password_too_short', `${field} must be at least ${minLength} characters`, { field });
  if (password.length > 50)
    throw new CoreError('password_invalid', `${field} must be at most 50 characters`, { field });
}

/**
 * Splits a Kii body into its custom fields: every key that is not predefined, not server-owned and not
 * `_`-prefixed. Throws when the result is over the size limit.
 */
export function customFieldsOf(body: Record<string, unknown>): Record<string, unknown> {
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '' || key.startsWith('_') || serverOwnedKeys.has(key) || value === undefined) continue;
    custom[key] = value;
  }
  if (Buffer.byteLength(JSON.stringify(custom)) > maxCustomFieldsBytes) {
    throw new CoreError('custom_fields_too_large', `custom fields must total at most ${maxCustomFieldsBytes} bytes`, {
      field: 'customFields',
    });
  }
  return custom;
}

/**
 * Reads a log-in name as Kii clients send it: `EMAIL:x`, `PHONE:x`, `LOGIN_NAME:x`, or bare (an @ means an email,
 * a leading + a phone number, anything else a login name).
 */
export function parseIdentifier(raw: string): Identifier {
  const prefixed = /^(EMAIL|PHONE|LOGIN_NAME):(.*)$/s.exec(raw);
  if (prefixed) {
    const [, kind, value] = prefixed as unknown as [string, string, string];
    if (kind === 'EMAIL') return { field: 'emailAddress', value };
    if (kind === 'PHONE') return { field: 'phoneNumber', value };
    return { field: 'loginName', value };
  }
  if (raw.includes('@')) return { field: 'emailAddress', value: raw };
  if (raw.startsWith('+')) return { field: 'phoneNumber', value: raw };
  return { field: 'loginName', value: raw };
}

function throwIfAny(problems: Problem[]): void {
  if (problems.length === 0) return;
  const first = problems[0] as Problem;
  throw new CoreError('invalid_input', problems.map((p) => `${p.field} ${p.message}`).join('; '), {
    field: first.field,
    fields: problems,
  });
}
