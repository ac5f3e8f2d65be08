import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/core.ts';
import { CoreError } from '../../core/errors.ts';
import type { AnonymousPrincipal, AuthenticatedPrincipal } from '../../core/principal.ts';
import { fromRequest } from '../../http/call-origin.ts';
import { bearerToken } from '../../http/credentials.ts';

function header(request: FastifyRequest, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = request.headers[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** The app id a call without a token names: `x-app-id` (or Kii's `x-kii-appid`). */
export function headerAppId(request: FastifyRequest): string | undefined {
  return header(request, 'x-app-id', 'x-kii-appid');
}

/**
 * The app as the caller of a registration, log-in or refresh, proven by `x-app-id` and `x-app-key` (or Kii's
 * `x-kii-appid` and `x-kii-appkey`): `unauthenticated` without them, `invalid_app_credentials` with a wrong key.
 */
export async function appPrincipal(core: Core, request: FastifyRequest): Promise<AnonymousPrincipal> {
  const appId = headerAppId(request);
  if (appId === undefined) throw new CoreError('unauthenticated', 'This call needs x-app-id and x-app-key');
  const appKey = header(request, 'x-app-key', 'x-kii-appkey');
  if (appKey === undefined) throw new CoreError('invalid_app_credentials', 'This call needs x-app-key');
  return fromRequest(await core.apps.authenticateAppKey(appId, appKey), request);
}

/** The caller of every other call: the user (or app admin) of `Authorization: Bearer <sessionToken>`. */
export async function tokenPrincipal(core: Core, request: FastifyRequest): Promise<AuthenticatedPrincipal> {
  const token = bearerToken(request);
  if (!token) throw new CoreError('unauthenticated', 'This call needs Authorization: Bearer <sessionToken>');
  return fromRequest(await core.sessions.authenticate(token, undefined), request);
}
