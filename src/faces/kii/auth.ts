import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/core.ts';
import { CoreError } from '../../core/errors.ts';
import type { AnonymousPrincipal, Principal } from '../../core/principal.ts';

/** The bearer token of the request, if any (the scheme is matched case-insensitively, as some SDKs send `bearer`). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** App credentials from `x-kii-appid`/`x-kii-appkey` (also Persona's `x-app-id`/`x-app-key`) or `Basic appID:appKey`. */
export function appCredentials(request: FastifyRequest): { appId: string; appKey: string | undefined } | undefined {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon > 0) return { appId: decoded.slice(0, colon), appKey: decoded.slice(colon + 1) };
  }
  const appId = header('x-kii-appid') ?? header('x-app-id');
  if (appId === undefined) return undefined;
  return { appId, appKey: header('x-kii-appkey') ?? header('x-app-key') };
}

/** The app id a request names: the path's, else the app credentials'. */
export function requestAppId(request: FastifyRequest, pathAppId: string | undefined): string | undefined {
  return pathAppId ?? appCredentials(request)?.appId;
}

/**
 * The caller of a request under `/api/apps/{appId}`: the bearer token's user or admin when a token is sent, else
 * the app itself when its id and key are. A token or key of another app is refused.
 */
export async function kiiPrincipal(core: Core, request: FastifyRequest, pathAppId: string): Promise<Principal> {
  const token = bearerToken(request);
  if (token) return core.identity.authenticate(token, pathAppId);
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
  return core.apps.authenticateAppKey(appId, credentials.appKey);
}
