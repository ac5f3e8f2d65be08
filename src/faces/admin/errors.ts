import type { CoreErrorCode } from '../../core/errors.ts';
import { problemDetails } from '../../http/problem-details.ts';

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
  recommendation_model_not_found: { status: 404, title: 'No model trained yet.' },
  icon_not_found: { status: 404, title: 'Icon not found.' },
  profile_not_found: { status: 404, title: 'Profile not found.' },
  profile_name_taken: { status: 409, title: 'Profile name taken.' },
  container_slug_taken: { status: 409, title: 'Container slug taken.' },
  container_not_found: { status: 404, title: 'Container not found.' },
  handle_taken: { status: 409, title: 'Handle taken.' },
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

/** The admin API's problem details: its body schema, its error statuses and its error handler. */
export const adminProblems = problemDetails({
  name: 'AdminProblem',
  typeBase: 'https://persona.dev/problems/',
  withCode: true,
  description: 'RFC 7807 problem details with a stable `code`, as the admin API and operations answer errors',
  errors: adminErrors,
  example: {
    type: 'https://persona.dev/problems/user-not-found',
    title: 'User not found.',
    status: 404,
    detail: 'No such user',
    code: 'user_not_found',
  },
});

/** The admin API's error handler: `application/problem+json` for anything a route throws. */
export const handleAdminError = adminProblems.handle;
