import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/core.ts';
import { CoreError } from '../../core/errors.ts';
import type { AnonymousPrincipal, Principal } from '../../core/principal.ts';
import { fromRequest } from '../../http/call-origin.ts';
import { bearerToken } from '../../http/credentials.ts';

/** The `user:password` pair of a `Basic` authorization header, if any. */
export function basicCredentials(request: FastifyRequest): { user: string; password: string } | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString();
  const colon = decoded.indexOf(':');
  return colon > 0 ? { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : undefined;
}

/** The app id named by `x-kii-appid` (or Persona's `x-app-id`). */
export function headerAppId(request: FastifyRequest): string | undefined {
  const value = request.headers['x-kii-appid'] ?? request.headers['x-app-id'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** App credentials from `x-kii-appid`/`x-kii-appkey` (also Persona's `x-app-id`/`x-app-key`) or `Basic appID:appKey`. */
export function appCredentials(request: FastifyRequest): { appId: string; appKey: string | undefined } | undefined {
  const basic = basicCredentials(request);
  if (basic) return { appId: basic.user, appKey: basic.password };
  const appId = headerAppId(request);
  if (appId === undefined) return undefined;
  const appKey = request.headers['x-kii-appkey'] ?? request.headers['x-app-key'];
  return { appId, appKey: typeof appKey === 'string' && appKey !== '' ? appKey : undefined };
}

/**
 * The caller of a request under `/api/apps/{appId}`: the bearer token's user or admin when a token is sent, else
 * the app itself when its id and key are. A token or key of another app is refused.
 */
export async function kiiPrincipal(
  core: Core,
  request: FastifyRequest,
  pathAppId: string | undefined,
): Promise<Principal> {
  const token = bearerToken(request);
  if (token) return fromRequest(await core.sessions.authenticate(token, pathAppId), request);
  return kiiAppPrincipal(core, request, pathAppId);
}

/** The app as an anonymous caller, proven by its key; `unauthenticated` when no credentials are sent. */
export async function kiiAppPrincipal(
  core: Core,
  request: FastifyRequest,
  pathAppId: string | undefined,
): Promise<AnonymousPrincipal> {
  const credentials = appCredentials(request);
  const appId = pathAppId ?? credentials?.appId;
  if (!credentials || appId === undefined) {
    throw new CoreError('unauthenticated', 'This call needs x-kii-appid and x-kii-appkey, or a token');
  }
  if (credentials.appId !== appId || credentials.appKey === undefined) {
    throw new CoreError('invalid_app_credentials', 'The app credentials do not match this application');
  }
  return fromRequest(await core.apps.authenticateAppKey(appId, credentials.appKey), request);
}
