import type { CoreErrorCode } from '../../core/errors.ts';
import { problemDetails } from '../../http/problem-details.ts';

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
  recommendation_model_not_found: { status: 404, title: 'Not found.' },
  icon_not_found: { status: 404, title: 'Not found.' },
  profile_not_found: { status: 404, title: 'Not found.' },
  profile_name_taken: { status: 409, title: 'Conflict.' },
  container_slug_taken: { status: 409, title: 'Container slug taken.' },
  container_not_found: { status: 404, title: 'Container not found.' },
  handle_taken: { status: 409, title: 'Handle taken.' },
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

/** The KIP face's problem details: its body schema, its error statuses and its error handler. */
export const kipProblems = problemDetails({
  name: 'Problem',
  typeBase: 'https://persona.dev/problems/kip/',
  withCode: false,
  description: 'RFC 7807 problem details, as the KIP People API answers errors',
  errors: kipErrors,
  example: {
    type: 'https://persona.dev/problems/kip/unauthenticated',
    title: 'Unauthorized.',
    status: 401,
    detail: 'This call needs an Authorization: Bearer token',
  },
});

/** The KIP face's error handler: `application/problem+json` for anything a route throws. */
export const handleKipError = kipProblems.handle;
