import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';

/** One error of the v1 face: its status, its number (docs/faces/v1.md) and its name, sent as `message`. */
export interface V1Error {
  status: number;
  code: number;
  message: string;
}

/** The v1 face's errors by name. Numbers are ours (the seed names the errors but numbers only `generic_client_error`). */
export const v1ErrorKinds = {
  internal_server_error: { status: 500, code: 10001, message: 'internal_server_error' },
  generic_client_error: { status: 400, code: 10002, message: 'generic_client_error' },
  GENERIC_UNAUTHORIZED: { status: 401, code: 10003, message: 'GENERIC_UNAUTHORIZED' },
  SESSION_TOKEN_EXPIRED: { status: 401, code: 10004, message: 'SESSION_TOKEN_EXPIRED' },
  REFRESH_TOKEN_EXPIRED: { status: 401, code: 10005, message: 'REFRESH_TOKEN_EXPIRED' },
  generic_forbidden: { status: 403, code: 10006, message: 'generic_forbidden' },
  generic_not_found: { status: 404, code: 10007, message: 'generic_not_found' },
  handle_taken: { status: 409, code: 10008, message: 'handle_taken' },
  user_already_exists: { status: 409, code: 10009, message: 'user_already_exists' },
  generic_conflict: { status: 409, code: 10010, message: 'generic_conflict' },
  too_many_requests: { status: 429, code: 10011, message: 'too_many_requests' },
  service_unavailable: { status: 503, code: 10012, message: 'service_unavailable' },
  method_not_allowed: { status: 405, code: 10013, message: 'method_not_allowed' },
  payload_too_large: { status: 413, code: 10014, message: 'payload_too_large' },
  unsupported_media_type: { status: 415, code: 10015, message: 'unsupported_media_type' },
} as const satisfies Record<string, V1Error>;

const {
  generic_client_error: clientError,
  GENERIC_UNAUTHORIZED: unauthorized,
  generic_forbidden: forbidden,
  generic_not_found: notFound,
  generic_conflict: conflict,
  too_many_requests: tooMany,
} = v1ErrorKinds;

/** Every core error code as the v1 face answers it. A test proves the table is complete. */
export const v1Errors: Record<CoreErrorCode, V1Error> = {
  invalid_input: clientError,
  password_too_short: clientError,
  password_invalid: clientError,
  custom_fields_too_large: clientError,
  unauthenticated: unauthorized,
  invalid_token: unauthorized,
  token_expired: v1ErrorKinds.SESSION_TOKEN_EXPIRED,
  refresh_token_expired: v1ErrorKinds.REFRESH_TOKEN_EXPIRED,
  invalid_app_credentials: unauthorized,
  wrong_app: unauthorized,
  forbidden,
  // A failed log-in or refresh: the seed's 401 for anything that is not an expiry.
  invalid_grant: unauthorized,
  wrong_password: unauthorized,
  // An app id no app has, in a registration or log-in: credentials that prove nothing.
  app_not_found: unauthorized,
  user_not_found: notFound,
  user_already_exists: v1ErrorKinds.user_already_exists,
  job_not_found: notFound,
  preference_option_not_found: notFound,
  school_not_found: notFound,
  study_level_not_found: notFound,
  student_information_not_found: notFound,
  student_information_exists: conflict,
  catalogue_item_in_use: conflict,
  ratings_body_not_found: notFound,
  movie_not_found: notFound,
  viewing_not_found: notFound,
  icon_not_found: notFound,
  profile_not_found: notFound,
  profile_name_taken: conflict,
  handle_taken: v1ErrorKinds.handle_taken,
  container_slug_taken: conflict,
  container_not_found: notFound,
  recommendation_model_not_found: notFound,
  // A reset or verification code that is wrong, expired or used (the v1 face has no such call today).
  invalid_code: clientError,
  template_not_found: notFound,
  profile_limit_reached: forbidden,
  pin_not_set: forbidden,
  wrong_pin: forbidden,
  pin_locked: forbidden,
  too_many_attempts: tooMany,
  rate_limited: tooMany,
  conflict,
  unavailable: v1ErrorKinds.service_unavailable,
};

/** Failures of HTTP itself (unknown paths, bodies too large…) by status. */
const httpErrors: Record<number, V1Error> = {
  404: notFound,
  405: v1ErrorKinds.method_not_allowed,
  413: v1ErrorKinds.payload_too_large,
  415: v1ErrorKinds.unsupported_media_type,
};

/**
 * The face's error handler: `{code, message}` with the number and name of the error, and `details` (each field and
 * why) when the input was refused. Nothing internal is ever sent.
 */
export function handleV1Error(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  if (classified.kind === 'core') {
    const mapped = v1Errors[classified.error.code];
    const { fields, field } = classified.error.details;
    const body: Record<string, unknown> = { code: mapped.code, message: mapped.message };
    if (mapped === clientError) {
      body.details = fields ?? [{ field: field ?? 'body', message: classified.error.message }];
    }
    return reply.status(mapped.status).type('application/json').send(body);
  }
  if (classified.kind === 'http') {
    const mapped = httpErrors[classified.status] ?? clientError;
    const body: Record<string, unknown> = { code: mapped.code, message: mapped.message };
    if (mapped === clientError) body.details = [{ field: 'body', message: classified.message }];
    return reply
      .status(mapped === clientError ? classified.status : mapped.status)
      .type('application/json')
      .send(body);
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  const { code, message, status } = v1ErrorKinds.internal_server_error;
  return reply.status(status).type('application/json').send({ code, message });
}
