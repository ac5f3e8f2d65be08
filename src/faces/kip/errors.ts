import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';

/** Every core error code as the KIP face answers it: RFC 7807, with a title per code. */
export const kipErrors: Record<CoreErrorCode, { status: number; title: string }> = {
  invalid_input: { status: 400, title: 'Request validation failed.' },
  password_too_short: { status: 400, title: 'Request validation failed.' },
  password_invalid: { status: 400, title: 'Request validation failed.' },
  custom_fields_too_large: { status: 400, title: 'Request validation failed.' },
  unauthenticated: { status: 401, title: 'Unauthorized.' },
  invalid_token: { status: 401, title: 'Unauthorized.' },
  token_expired: { status: 401, title: 'Token expired.' },
  refresh_token_expired: { status: 401, title: 'Token expired.' },
  invalid_app_credentials: { status: 401, title: 'Unauthorized.' },
  wrong_app: { status: 401, title: 'Unauthorized.' },
  forbidden: { status: 403, title: 'Forbidden.' },
  invalid_grant: { status: 400, title: 'Bad request.' },
  wrong_password: { status: 400, title: 'Bad request.' },
  app_not_found: { status: 404, title: 'Not found.' },
  user_not_found: { status: 404, title: 'User not found.' },
  user_already_exists: { status: 409, title: 'Conflict.' },
  job_not_found: { status: 404, title: 'Not found.' },
  preference_option_not_found: { status: 404, title: 'Preference not found.' },
  school_not_found: { status: 404, title: 'School not found.' },
  study_level_not_found: { status: 404, title: 'Study level not found.' },
  student_information_not_found: { status: 404, title: 'Student information not found.' },
  student_information_exists: { status: 409, title: 'Student information already exists.' },
  catalogue_item_in_use: { status: 409, title: 'Conflict.' },
  ratings_body_not_found: { status: 404, title: 'Not found.' },
  movie_not_found: { status: 404, title: 'Movie not found.' },
  viewing_not_found: { status: 404, title: 'Movie not in history.' },
  icon_not_found: { status: 404, title: 'Not found.' },
  profile_not_found: { status: 404, title: 'Not found.' },
  profile_name_taken: { status: 409, title: 'Conflict.' },
  profile_limit_reached: { status: 403, title: 'Forbidden.' },
  pin_not_set: { status: 403, title: 'Forbidden.' },
  wrong_pin: { status: 403, title: 'Forbidden.' },
  pin_locked: { status: 403, title: 'Forbidden.' },
  invalid_code: { status: 400, title: 'Invalid code.' },
  template_not_found: { status: 404, title: 'Not found.' },
  too_many_attempts: { status: 429, title: 'Too many attempts.' },
  rate_limited: { status: 429, title: 'Too many requests.' },
  conflict: { status: 409, title: 'Conflict.' },
  unavailable: { status: 503, title: 'Service unavailable.' },
};

const problemType = (slug: string) => `https://persona.dev/problems/kip/${slug.replaceAll('_', '-')}`;

/**
 * The KIP face's error handler: `application/problem+json` `{type, title, status, detail}`, and `errors: [{field,
 * message}]` when the input was refused.
 */
export function handleKipError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  reply.type('application/problem+json');
  if (classified.kind === 'core') {
    const { code, message, details } = classified.error;
    const { status, title } = kipErrors[code];
    const body: Record<string, unknown> = { type: problemType(code), title, status, detail: message };
    if (details.fields) body.errors = details.fields;
    return reply.status(status).send(body);
  }
  if (classified.kind === 'http') {
    const { status, message } = classified;
    return reply.status(status).send({ type: problemType(`http-${status}`), title: message, status, detail: message });
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  return reply.status(500).send({
    type: problemType('internal'),
    title: 'Internal server error.',
    status: 500,
    detail: 'The server could not complete the request',
  });
}
