import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';

/**
 * Every core error code as the household face answers it. NAGRA documents statuses only (400, 401, 403, 404); the
 * body `{status, code, message}` is ours, `code` the core code in upper snake case.
 */
export const householdErrors: Record<CoreErrorCode, { status: number }> = {
  invalid_input: { status: 400 },
  password_too_short: { status: 400 },
  password_invalid: { status: 400 },
  custom_fields_too_large: { status: 400 },
  unauthenticated: { status: 401 },
  invalid_token: { status: 401 },
  token_expired: { status: 401 },
  refresh_token_expired: { status: 401 },
  invalid_app_credentials: { status: 401 },
  wrong_app: { status: 401 },
  forbidden: { status: 403 },
  invalid_grant: { status: 400 },
  wrong_password: { status: 400 },
  app_not_found: { status: 404 },
  user_not_found: { status: 404 },
  user_already_exists: { status: 409 },
  job_not_found: { status: 404 },
  preference_option_not_found: { status: 404 },
  school_not_found: { status: 404 },
  study_level_not_found: { status: 404 },
  student_information_not_found: { status: 404 },
  student_information_exists: { status: 409 },
  catalogue_item_in_use: { status: 409 },
  ratings_body_not_found: { status: 404 },
  movie_not_found: { status: 404 },
  viewing_not_found: { status: 404 },
  recommendation_model_not_found: { status: 404 },
  icon_not_found: { status: 404 },
  profile_not_found: { status: 404 },
  profile_name_taken: { status: 409 },
  container_slug_taken: { status: 409 },
  container_not_found: { status: 404 },
  handle_taken: { status: 409 },
  profile_limit_reached: { status: 403 },
  pin_not_set: { status: 403 },
  wrong_pin: { status: 403 },
  pin_locked: { status: 403 },
  invalid_code: { status: 400 },
  template_not_found: { status: 404 },
  too_many_attempts: { status: 429 },
  rate_limited: { status: 429 },
  conflict: { status: 409 },
  unavailable: { status: 503 },
};

/** The household face's error handler: `{status, code, message}` as JSON. */
export function handleHouseholdError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  if (classified.kind === 'core') {
    const { code, message, details } = classified.error;
    const { status } = householdErrors[code];
    const body = { status, code: code.toUpperCase(), message, ...(details.cause ? { cause: details.cause } : {}) };
    return reply.status(status).send(body);
  }
  if (classified.kind === 'http') {
    const { status, message } = classified;
    return reply.status(status).send({ status, code: `HTTP_${status}`, message });
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  return reply
    .status(500)
    .send({ status: 500, code: 'INTERNAL', message: 'The server could not complete the request' });
}
