import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';
import { problemPage } from './pages.ts';

/** Every core error code as a link's page answers it: a status and what the page says. */
export const linkErrors: Record<CoreErrorCode, { status: number; title?: string; message?: string }> = {
  invalid_input: { status: 400 },
  password_too_short: { status: 400 },
  password_invalid: { status: 400 },
  custom_fields_too_large: { status: 400 },
  unauthenticated: { status: 401 },
  invalid_token: { status: 401 },
  token_expired: { status: 401 },
  refresh_token_expired: { status: 400 },
  invalid_app_credentials: { status: 401 },
  wrong_app: { status: 401 },
  forbidden: { status: 403 },
  invalid_grant: { status: 400 },
  wrong_password: { status: 400 },
  app_not_found: { status: 404, title: 'Link not valid', message: 'This link is not valid.' },
  user_not_found: { status: 404, title: 'Link not valid', message: 'This link is not valid.' },
  user_already_exists: { status: 409 },
  handle_taken: { status: 409 },
  container_slug_taken: { status: 409 },
  container_not_found: { status: 404 },
  recommendation_model_not_found: { status: 404 },
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
  icon_not_found: { status: 404 },
  profile_not_found: { status: 404 },
  profile_name_taken: { status: 409 },
  profile_limit_reached: { status: 403 },
  pin_not_set: { status: 403 },
  wrong_pin: { status: 403 },
  pin_locked: { status: 403 },
  invalid_code: {
    status: 400,
    title: 'Link not valid',
    message: 'This link has expired or was used already. Ask for a new one from the app.',
  },
  template_not_found: { status: 404 },
  too_many_attempts: {
    status: 429,
    title: 'Too many attempts',
    message: 'There were too many attempts. Wait a while and try again.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    message: 'There were too many requests. Wait a while and try again.',
  },
  conflict: { status: 409 },
  unavailable: {
    status: 503,
    title: 'Try again later',
    message: 'The service is busy. Try again in a moment.',
  },
};

/** The links' error handler: an HTML page saying what went wrong, never a stack or an internal message. */
export function handleLinkError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  reply.type('text/html; charset=utf-8');
  if (classified.kind === 'core') {
    const mapped = linkErrors[classified.error.code];
    return reply
      .status(mapped.status)
      .send(problemPage(mapped.title ?? 'Something went wrong', mapped.message ?? classified.error.message));
  }
  if (classified.kind === 'http') {
    const notFound = classified.status === 404;
    return reply
      .status(classified.status)
      .send(
        problemPage(
          notFound ? 'Link not valid' : 'Something went wrong',
          notFound ? 'This link is not valid.' : classified.message,
        ),
      );
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  return reply.status(500).send(problemPage('Something went wrong', 'The page could not be shown. Try again later.'));
}
