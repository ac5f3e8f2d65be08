/**
 * A typed client of every Persona face, generated from `/openapi.json` (openapi-typescript) and called through
 * openapi-fetch: paths, parameters, bodies and answers are checked by the compiler.
 *
 *   const persona = createPersonaClient({ baseUrl: 'http://127.0.0.1:8080' });
 *   const { data, error } = await persona.GET('/api/apps/{appID}/users/{userRef}', {
 *     params: { path: { appID, userRef: 'me' } },
 *     headers: bearer(token),
 *   });
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

export type { components, operations, paths } from './schema.d.ts';

/** The named schemas of the document: `Schemas['KiiUser']`, `Schemas['Problem']`, `Schemas['AdminUser']`… */
export type Schemas = components['schemas'];

export type PersonaClient = Client<paths>;

/** A client of the Persona at `baseUrl`. Every call answers `{data}` or `{error}` in the face's own shapes. */
export function createPersonaClient(options: ClientOptions & { baseUrl: string }): PersonaClient {
  return createClient<paths>(options);
}

/** The Kii face's app credentials, for sign-up and log-in. */
export function kiiAppHeaders(appId: string, appKey: string): { 'x-kii-appid': string; 'x-kii-appkey': string } {
  return { 'x-kii-appid': appId, 'x-kii-appkey': appKey };
}

/** An access token as every face but the household one reads it (that one takes it too). */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * A body serialiser for the token endpoints' form-encoded variant (`application/x-www-form-urlencoded`), as OAuth
 * clients send it: pass it as `bodySerializer` with that content type.
 */
export function formEncoded(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) if (value !== undefined) form.set(key, String(value));
  return form.toString();
}
