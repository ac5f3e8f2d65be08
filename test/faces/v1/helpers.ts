import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import type { Database } from '../../../src/db/schema.ts';
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

/**
 * Writes `count` users of the app straight into the database (signing each up would hash a password apiece); returns
 * their ids in id order. They cannot log in.
 */
export async function seedUsers(persona: TestPersona, app: CreatedApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const users: Insertable<Database['users']>[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const id = uuidv7();
      ids.push(id);
      users.push({
        id,
        app_id: app.appId,
        login_name: `seeded-${id}`,
        login_name_key: `seeded-${id}`,
        email_verified: false,
        phone_verified: false,
        custom_fields: '{}',
        disabled: false,
        first_log_in_at: now,
        created_at: now,
        modified_at: now,
      });
    }
    await persona.database.unitOfWork.run(async () => {
      await persona.database.db.insertInto('users').values(users).execute();
    });
  }
  return ids.sort();
}

/** Makes the users members of the container straight in the database. */
export async function seedMembers(
  persona: TestPersona,
  app: CreatedApp,
  containerId: string,
  userIds: readonly string[],
): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < userIds.length; start += 1000) {
    const rows = userIds
      .slice(start, start + 1000)
      .map((userId) => ({ app_id: app.appId, container_id: containerId, user_id: userId, joined_at: now }));
    await persona.database.unitOfWork.run(async () => {
      await persona.database.db.insertInto('container_members').values(rows).execute();
    });
  }
}
