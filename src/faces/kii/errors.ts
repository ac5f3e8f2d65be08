import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreError, CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';

/**
 * Kii's vendor content type, with the charset given so that the framework leaves the type's case as Kii spells it.
 */
export const kiiType = (name: string) => `${kiiMediaType(name)}; charset=utf-8`;

/** Kii's vendor media type, without parameters (as the OpenAPI document names it). */
export const kiiMediaType = (name: string) => `application/vnd.kii.${name}+json`;

interface KiiError {
  status: number;
  errorCode: string;
  /**
   * The exception name in the vendor content type, `application/vnd.kii.<name>+json`; null for plain JSON, and
   * `oauth` for the OAuth token endpoint's plain-JSON body (`error`, `error_description`).
   */
  exception: string | null | 'oauth';
}

/** Every core error code as Kii answers it. A test proves the table is complete. */
export const kiiErrors: Record<CoreErrorCode, KiiError> = {
  invalid_input: { status: 400, errorCode: 'INVALID_INPUT_DATA', exception: 'InvalidInputException' },
  password_too_short: { status: 400, errorCode: 'PASSWORD_TOO_SHORT', exception: 'InvalidInputException' },
  password_invalid: { status: 400, errorCode: 'INVALID_INPUT_DATA', exception: 'InvalidInputException' },
  custom_fields_too_large: { status: 400, errorCode: 'INVALID_INPUT_DATA', exception: 'InvalidInputException' },
  unauthenticated: { status: 401, errorCode: 'UNAUTHORIZED', exception: 'UnauthorizedAccessException' },
  invalid_token: { status: 401, errorCode: 'WRONG_TOKEN', exception: 'WrongTokenException' },
  // Kii does not tell an expired token from an unknown one.
  token_expired: { status: 401, errorCode: 'WRONG_TOKEN', exception: 'WrongTokenException' },
  refresh_token_expired: { status: 400, errorCode: 'invalid_grant', exception: 'oauth' },
  invalid_app_credentials: { status: 401, errorCode: 'UNAUTHORIZED', exception: 'UnauthorizedAccessException' },
  wrong_app: { status: 401, errorCode: 'UNAUTHORIZED', exception: 'UnauthorizedAccessException' },
  forbidden: { status: 403, errorCode: 'UNAUTHORIZED', exception: 'UnauthorizedAccessException' },
  invalid_grant: { status: 400, errorCode: 'invalid_grant', exception: 'oauth' },
  wrong_password: { status: 400, errorCode: 'WRONG_PASSWORD', exception: 'WrongPasswordException' },
  app_not_found: { status: 404, errorCode: 'APP_NOT_FOUND', exception: 'AppNotFoundException' },
  user_not_found: { status: 404, errorCode: 'USER_NOT_FOUND', exception: 'UserNotFoundException' },
  user_already_exists: { status: 409, errorCode: 'USER_ALREADY_EXISTS', exception: 'AddressAlreadyInUseException' },
  job_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  preference_option_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  school_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  study_level_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  student_information_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  student_information_exists: { status: 409, errorCode: 'CONFLICT', exception: null },
  catalogue_item_in_use: { status: 409, errorCode: 'CONFLICT', exception: null },
  ratings_body_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  movie_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  viewing_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  recommendation_model_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  icon_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  profile_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  profile_name_taken: { status: 409, errorCode: 'CONFLICT', exception: null },
  container_slug_taken: { status: 409, errorCode: 'CONFLICT', exception: null },
  container_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  handle_taken: { status: 409, errorCode: 'CONFLICT', exception: null },
  profile_limit_reached: { status: 403, errorCode: 'FORBIDDEN', exception: null },
  pin_not_set: { status: 403, errorCode: 'FORBIDDEN', exception: null },
  wrong_pin: { status: 403, errorCode: 'FORBIDDEN', exception: null },
  pin_locked: { status: 403, errorCode: 'FORBIDDEN', exception: null },
  invalid_code: { status: 400, errorCode: 'INVALID_VERIFICATION_CODE', exception: 'InvalidVerificationCodeException' },
  template_not_found: { status: 404, errorCode: 'NOT_FOUND', exception: null },
  too_many_attempts: { status: 429, errorCode: 'TOO_MANY_REQUESTS', exception: null },
  rate_limited: { status: 429, errorCode: 'TOO_MANY_REQUESTS', exception: null },
  conflict: { status: 409, errorCode: 'CONFLICT', exception: null },
  unavailable: { status: 503, errorCode: 'SERVICE_UNAVAILABLE', exception: null },
};

/** The Kii body of a core error: `{errorCode, message, …}` plus the fields that exception carries. */
export function kiiErrorBody(error: CoreError): Record<string, unknown> {
  const mapped = kiiErrors[error.code];
  const { details } = error;
  const body: Record<string, unknown> = { errorCode: mapped.errorCode, message: error.message };
  if (details.cause) body.cause = details.cause;
  switch (mapped.exception) {
    case 'oauth':
      body.error = mapped.errorCode;
      body.error_description = error.message;
      break;
    case 'UserNotFoundException':
      Object.assign(body, { field: details.field, value: details.value, appID: details.appId });
      break;
    case 'AddressAlreadyInUseException':
      Object.assign(body, { field: details.field, value: details.value });
      break;
    case 'UnauthorizedAccessException':
      Object.assign(body, {
        authenticatedAppID: details.appId ?? null,
        authenticatedPrincipalID: details.principalId ?? null,
      });
      break;
    case 'InvalidInputException':
      body.invalidFields = Object.fromEntries(
        (details.fields ?? (details.field ? [{ field: details.field, message: error.message }] : [])).map((f) => [
          f.field,
          f.message,
        ]),
      );
      break;
    case 'AppNotFoundException':
      body.appID = details.value;
      break;
  }
  return body;
}

const httpErrorCodes: Record<number, string> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The media types a Kii error of this status is sent in, as `handleKiiError` chooses them: one per exception the
 * status carries, and plain JSON for the errors Kii gives no exception type.
 */
export function kiiErrorMediaTypes(status: number): string[] {
  const types = new Set<string>();
  for (const mapped of Object.values(kiiErrors)) {
    if (mapped.status !== status) continue;
    types.add(mapped.exception && mapped.exception !== 'oauth' ? kiiMediaType(mapped.exception) : 'application/json');
  }
  // Refusals by the framework (validation, unknown paths, body limits), as `handleKiiError` types them.
  if (status === 400) types.add(kiiMediaType('InvalidInputException'));
  if (httpErrorCodes[status]) types.add('application/json');
  return [...types].sort();
}

/** The face's error handler: Kii's status, body and content type for anything a route throws. */
export function handleKiiError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  if (classified.kind === 'core') {
    const mapped = kiiErrors[classified.error.code];
    const type = mapped.exception && mapped.exception !== 'oauth' ? kiiType(mapped.exception) : 'application/json';
    return reply.status(mapped.status).type(type).send(kiiErrorBody(classified.error));
  }
  if (classified.kind === 'http') {
    const errorCode = httpErrorCodes[classified.status] ?? 'INVALID_INPUT_DATA';
    const type = errorCode === 'INVALID_INPUT_DATA' ? kiiType('InvalidInputException') : 'application/json';
    return reply.status(classified.status).type(type).send({ errorCode, message: classified.message });
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  return reply
    .status(500)
    .type('application/json')
    .send({ errorCode: 'INTERNAL_SERVER_ERROR', message: 'The server could not complete the request' });
}
