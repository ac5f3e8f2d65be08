import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreErrorCode } from '../../core/errors.ts';
import { classifyError } from '../../http/classify-error.ts';
import { problemPage, sendPage } from './pages.ts';
import { clearSession } from './session.ts';

/** Every core error code as the console answers it: the status of the HTML page that says what went wrong. */
export const consoleErrors: Record<CoreErrorCode, { status: number }> = {
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
  app_not_found: { status: 404 },
  user_not_found: { status: 404 },
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
  invalid_code: { status: 400 },
  template_not_found: { status: 404 },
  too_many_attempts: { status: 429 },
  rate_limited: { status: 429 },
  conflict: { status: 409 },
  unavailable: { status: 503 },
};

/** The codes that mean the console's session is missing or over: the reader is sent to sign in again. */
const sessionOver = new Set<CoreErrorCode>(['unauthenticated', 'invalid_token', 'token_expired', 'wrong_app']);

/**
 * The console's error handler: an HTML page saying what went wrong (never a stack or an internal message). A page
 * asked for without a live session sends the browser to the sign-in page; a change sent without one says so.
 */
export function handleConsoleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const classified = classifyError(error);
  if (classified.kind === 'core') {
    const { code, message } = classified.error;
    if (sessionOver.has(code)) {
      clearSession(request, reply);
      if (request.method === 'GET' || request.method === 'HEAD') {
        return reply.status(303).header('location', '/console/sign-in').header('cache-control', 'no-store').send();
      }
      return sendPage(reply, 401, problemPage('Signed out', 'Your console session has ended. Sign in again.', true));
    }
    const title = code === 'forbidden' ? 'Refused' : 'Something went wrong';
    return sendPage(reply, consoleErrors[code].status, problemPage(title, message, false));
  }
  if (classified.kind === 'http') {
    const notFound = classified.status === 404;
    return sendPage(
      reply,
      classified.status,
      problemPage(
        notFound ? 'Page not found' : 'Something went wrong',
        notFound ? 'There is no such page in the console.' : classified.message,
        false,
      ),
    );
  }
  request.log.error({ err: classified.error }, 'unhandled error');
  return sendPage(
    reply,
    500,
    problemPage('Something went wrong', 'The page could not be shown. Try again later.', false),
  );
}
