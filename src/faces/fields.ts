import Type, { type TStringOptions as StringOptions } from 'typebox';
import { auditActions } from '../core/audit/audit.types.ts';
import { pinPattern } from '../core/households/households.service.ts';
import { aspectPattern } from '../core/households/icons.service.ts';
import {
  countryPattern,
  emailPattern,
  localePattern,
  loginNamePattern,
  phonePattern,
  printableAscii,
} from '../core/identity/user-fields.ts';
import { isoDateTime } from '../core/movies/history.service.ts';
import { bodyIdPattern } from '../core/movies/movies.service.ts';
import { preferenceCategories } from '../core/preferences/preferences.types.ts';
import { maxYear, minYear } from '../core/students/students.service.ts';
import { catalogueIdPattern } from '../core/text.ts';

/*
 * The core's input rules as schema fragments, so that every face's route schemas — and so `/openapi.json` — state
 * them, and the validator refuses what breaks them before a handler runs. The patterns are the core's own regular
 * expressions (its checks stay, for the CLI and every other caller); a rule no schema can say (across fields, or
 * about stored data) is written in the operation's description instead.
 */

/** Text of `min` to `max` characters with at least one that is not a space (the core trims before it counts). */
export const text = (max: number, options: StringOptions = {}) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...options });

export const uuid = (options: StringOptions = {}) => Type.String({ format: 'uuid', ...options });

/** An id an admin gives a catalogue item (a school's code, an icon's name): 1–64 letters, digits, `. _ : -`. */
export const catalogueId = (options: StringOptions = {}) =>
  Type.String({ maxLength: 64, pattern: catalogueIdPattern.source, ...options });

/** A ratings body's id: 1–64 letters, digits, `. _ -`. */
export const ratingsBodyId = (options: StringOptions = {}) =>
  Type.String({ maxLength: 64, pattern: bodyIdPattern.source, ...options });

/** A rating of a ratings body: 1–32 characters, no space at either end. */
export const ratingCode = (options: StringOptions = {}) =>
  Type.String({ minLength: 1, maxLength: 32, pattern: '^\\S(.*\\S)?$', ...options });

/** An `http(s)` URL of at most 2,000 characters. */
export const webUrl = (options: StringOptions = {}) =>
  Type.String({ maxLength: 2000, format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://\\S+$', ...options });

export const userFields = {
  loginName: Type.String({
    pattern: loginNamePattern.source,
    description: '3 to 64 of A-Z, a-z, 0-9, dot, underscore, hyphen',
  }),
  emailAddress: Type.String({ maxLength: 254, pattern: emailPattern.source }),
  phoneNumber: Type.String({ pattern: phonePattern.source, description: 'E.164: + and up to 15 digits' }),
  displayName: text(100),
  country: Type.String({ pattern: countryPattern.source, description: 'ISO 3166-1 alpha-2, in capitals' }),
  locale: Type.String({ maxLength: 35, pattern: localePattern.source, description: 'A language tag: en, pt-BR' }),
};

/**
 * A password as the core takes one: at most 50 printable ASCII characters. Its least length is the app's
 * `passwordMinLength` (4 or more): a setting, so the operation's description says it, and a shorter one is answered
 * as the core's `password_too_short` (Kii's `PASSWORD_TOO_SHORT`).
 */
export const password = (description: string) =>
  Type.String({ maxLength: 50, pattern: printableAscii.source, description });

/** The parental PIN: 4 to 8 digits. */
export const pin = (options: StringOptions = {}) => Type.String({ pattern: pinPattern.source, ...options });

/** A language as ISO 639-2: three letters, either case (the core lower-cases it before its own check). */
export const language = Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: '^[A-Za-z]{3}$' });

export const iconAspect = Type.String({ pattern: aspectPattern.source, description: 'WxH, such as 1x1' });

/** One of a list of strings, as one `enum` (one error when it is not, rather than one per member). */
const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

export const preferenceCategory = oneOf(preferenceCategories, 'One of the 17 preference categories');

export const auditAction = oneOf(auditActions, 'One of the actions the audit log records');

/** A year as the KIP path writes it: `YYYY`, from the core's first year (1900) to its last (2100). */
export const yearPattern = minYear === 1900 && maxYear === 2100 ? '^(19[0-9]{2}|20[0-9]{2}|2100)$' : '^[0-9]{4}$';

/** ISO 8601 with a zone, as history ingestion reads it. */
export const zonedDateTime = Type.String({ maxLength: 64, format: 'date-time', pattern: isoDateTime.source });

/** A keyset cursor: opaque, only ever one that the same list returned as `nextCursor`. */
export const cursor = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'The `nextCursor` of the previous page, as given (anything else → 400)',
});
