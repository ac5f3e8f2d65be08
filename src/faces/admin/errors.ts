import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';

/** Every core error code as the admin API answers it: an RFC 7807 status and a stable `type` slug. */
export const adminErrors: Record<CoreErrorCode, { status: number; title: string }> = {
  invalid_input: { status: 400, title: 'Request validation failed.' },
  password_too_short: { status: 400, title: 'Password too short.' },
  password_invalid: { status: 400, title: 'Password not acceptable.' },
  custom_fields_too_large: { status: 400, title: 'Custom fields too large.' },
  unauthenticated: { status: 401, title: 'Authentication required.' },
  invalid_token: { status: 401, title: 'Invalid token.' },
  token_expired: { status: 401, title: 'Token expired.' },
  refresh_token_expired: { status: 400, title: 'Refresh token expired.' },
  invalid_app_credentials: { status: 401, title: 'Invalid app credentials.' },
  wrong_app: { status: 401, title: 'Token of another app.' },
  forbidden: { status: 403, title: 'Forbidden.' },
  invalid_grant: { status: 400, title: 'Invalid grant.' },
  wrong_password: { status: 400, title: 'Wrong password.' },
  app_not_found: { status: 404, title: 'App not found.' },
  user_not_found: { status: 404, title: 'User not found.' },
  user_already_exists: { status: 409, title: 'User already exists.' },
  job_not_found: { status: 404, title: 'Job not found.' },
  preference_option_not_found: { status: 404, title: 'Preference option not found.' },
  school_not_found: { status: 404, title: 'School not found.' },
  study_level_not_found: { status: 404, title: 'Study level not found.' },
  student_information_not_found: { status: 404, title: 'Student information not found.' },
  student_information_exists: { status: 409, title: 'Student information exists.' },
  catalogue_item_in_use: { status: 409, title: 'Catalogue item in use.' },
  ratings_body_not_found: { status: 404, title: 'Ratings body not found.' },
  movie_not_found: { status: 404, title: 'Movie not found.' },
  viewing_not_found: { status: 404, title: 'Viewing not found.' },
  icon_not_found: { status: 404, title: 'Icon not found.' },
  profile_not_found: { status: 404, title: 'Profile not found.' },
  profile_name_taken: { status: 409, title: 'Profile name taken.' },
  profile_limit_reached: { status: 403, title: 'Profile limit reached.' },
  pin_not_set: { status: 403, title: 'PIN not set.' },
  wrong_pin: { status: 403, title: 'Wrong PIN.' },
  pin_locked: { status: 403, title: 'PIN locked.' },
  invalid_code: { status: 400, title: 'Invalid code.' },
  template_not_found: { status: 404, title: 'Template not found.' },
  too_many_attempts: { status: 429, title: 'Too many failed attempts.' },
  rate_limited: { status: 429, title: 'Too many requests.' },
  conflict: { status: 409, title: 'Conflicting change.' },
  unavailable: { status: 503, title: 'Service unavailable.' },
};

const problemType = (code: string) => `https://persona.dev/problems/${code.replaceAll('_', '-')}`;

/** The admin API's error handler: `application/problem+json` for anything a route throws. */
export function handleAdminError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  reply.type('application/problem+json');
  if (classified.kind === 'core') {
    const { code, message, details } = classified.error;
    const { status, title } = adminErrors[code];
    const body: Record<string, unknown> = { type: problemType(code), title, status, detail: message, code };
    if (details.fields) body.errors = details.fields;
    return reply.status(status).send(body);
  }
  if (classified.kind === 'http') {
    const { status, message } = classified;
    return reply
      .status(status)
      .send({ type: problemType(`http-${status}`), title: message, status, detail: message, code: `http_${status}` });
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  return reply.status(500).send({
    type: problemType('internal'),
    title: 'Internal server error.',
    status: 500,
    detail: 'The server could not complete the request',
    code: 'internal',
  });
}
