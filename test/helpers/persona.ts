import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type PersonaApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import type { PersonaEvent } from '../../src/events/bus.ts';
import type { TestDatabase } from './databases.ts';

/** A Persona built on a fresh database, with factories for apps, users and tokens. */
export interface TestPersona extends PersonaApp {
  config: Config;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  createApp(name?: string): Promise<CreatedApp>;
  /** Signs a user up through the Kii face and logs it in; returns its id and tokens. */
  createUser(app: CreatedApp, fields?: Record<string, unknown>): Promise<TestUser>;
  adminToken(app: CreatedApp): Promise<string>;
  close(): Promise<void>;
}

export interface TestUser {
  id: string;
  loginName: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;
export const uniqueName = (prefix = 'user') => `${prefix}${process.pid}x${Date.now() % 1_000_000}x${++counter}`;

export const appHeaders = (app: CreatedApp) => ({ 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Builds Persona on a fresh database of the given kind. Pass a `shared` database to run a second instance on it. */
export async function startPersona(
  database: TestDatabase,
  options: { shared?: { url: string; schema?: string }; env?: Record<string, string>; logger?: object } = {},
): Promise<TestPersona> {
  const fresh = options.shared ? undefined : database.create();
  const target = options.shared ?? fresh;
  assert.ok(target);
  const config = loadConfig({
    DATABASE_URL: target.url,
    ...(target.schema ? { DATABASE_SCHEMA: target.schema } : {}),
    SQLITE_SYNCHRONOUS: 'NORMAL',
    ...options.env,
  });
  const persona = await buildApp(config, { logger: options.logger ?? false });
  const request = (o: InjectOptions) => persona.http.inject(o);

  // Tests create many users of one app from one address: the per-address limits would count the suite, not a client.
  // The tests of the limits set their own.
  const createApp = (name = 'Test app') =>
    persona.core.apps.createApp(name, { signUpsPerAddress: 0, logInsPerAddress: 0 });

  const createUser = async (app: CreatedApp, fields: Record<string, unknown> = {}): Promise<TestUser> => {
    const loginName = uniqueName();
    const password = typeof fields.password === 'string' ? fields.password : 'pass-word1';
    const signUp = await request({
      method: 'POST',
      url: `/api/apps/${app.appId}/users`,
      headers: { ...appHeaders(app), 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
      payload: { loginName, password, ...fields },
    });
    assert.equal(signUp.statusCode, 201, signUp.body);
    const logIn = await request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { username: loginName, password },
    });
    assert.equal(logIn.statusCode, 200, logIn.body);
    const tokens = logIn.json();
    return {
      id: signUp.json().userID,
      loginName,
      password,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
    };
  };

  const adminToken = async (app: CreatedApp) => {
    const response = await request({
      method: 'POST',
      url: '/api/oauth2/token',
      payload: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().access_token as string;
  };

  return {
    ...persona,
    config,
    request,
    createApp,
    createUser,
    adminToken,
    async close() {
      await persona.http.close();
      await fresh?.drop();
    },
  };
}

/**
 * Resolves when `instance` has delivered an event matching `predicate` to its handlers (call it before the action
 * that causes the event). Predicates name the ids the test made, so events of other tests never match.
 */
export function heard(
  instance: { bus: { subscribe(handler: (event: PersonaEvent) => void): () => void } },
  predicate: (event: PersonaEvent) => boolean,
  timeoutMs = 5000,
): Promise<PersonaEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = instance.bus.subscribe((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

/** Polls `condition` every 20 ms until it holds; rejects after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Changes some of the app's settings through the admin API, as its admin would. */
export async function configureApp(
  persona: TestPersona,
  app: CreatedApp,
  settings: Record<string, number | boolean>,
): Promise<void> {
  const response = await persona.request({
    method: 'PATCH',
    url: '/admin/v1/app',
    headers: bearer(await persona.adminToken(app)),
    payload: { settings },
  });
  assert.equal(response.statusCode, 200, response.body);
}
