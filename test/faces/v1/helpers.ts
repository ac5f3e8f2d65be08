import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { bearer, type TestPersona, uniqueName } from '../../helpers/persona.ts';

/** Persona's own app headers, as a v1 client sends them. */
export const v1AppHeaders = (app: CreatedApp) => ({ 'x-app-id': app.appId, 'x-app-key': app.appKey });

export interface V1Session {
  userId: string;
  sessionToken: string;
  refreshToken: string;
  email: string;
  password: string;
}

/** Checks a v1 error body: the status, the error's name and number, nothing internal. */
export function assertV1Error(
  response: LightMyRequestResponse | { statusCode: number; body: string; json(): unknown },
  status: number,
  message: string,
  code?: number,
): { code: number; message: string; details?: { field: string; message: string }[] } {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json() as { code: number; message: string; details?: { field: string; message: string }[] };
  assert.equal(body.message, message, response.body);
  assert.ok(Number.isInteger(body.code), response.body);
  if (code !== undefined) assert.equal(body.code, code);
  assert.doesNotMatch(response.body, /\bat .+\.ts:\d+/);
  return body;
}

/** A request to the v1 face with a session token (or none). */
export function v1Call(
  persona: TestPersona,
  token: string | undefined,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
) {
  return persona.request({
    method,
    url,
    headers: token === undefined ? {} : bearer(token),
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
}

/** Registers a user through the v1 face (an email, a password, the fields given); returns its session. */
export async function register(
  persona: TestPersona,
  app: CreatedApp,
  fields: Record<string, unknown> = {},
): Promise<V1Session> {
  const email = `${uniqueName('v1')}@example.com`;
  const password = 'pass-word1';
  const response = await persona.request({
    method: 'POST',
    url: '/v1/user/auth/register',
    headers: v1AppHeaders(app),
    payload: { email, password, ...fields },
  });
  assert.equal(response.statusCode, 201, response.body);
  return { ...(response.json() as Omit<V1Session, 'email' | 'password'>), email, password };
}
