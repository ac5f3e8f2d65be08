import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { bearer, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';

const nastyParams = [
  'me',
  '%00',
  '..%2F..',
  'x'.repeat(300),
  '%F0%9F%92%A9',
  'EMAIL:',
  'LOGIN_NAME:%27%20or%201%3D1--',
  '-1',
];
const nastyBodies: [string, string | undefined][] = [
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '"text"'],
  ['application/json', '123'],
  ['application/json', '{"__proto__":{"admin":true}}'],
  ['application/json', '{"constructor":{"prototype":{"x":1}}}'],
  ['application/json', '{"settings":null,"disabled":null,"password":null,"newPassword":{},"loginName":[]}'],
  ['application/json', `{"deep":${'['.repeat(2000)}${']'.repeat(2000)}}`],
  ['application/json', '{"a":'],
  ['application/json', '\uFEFF{}'],
  ['application/vnd.kii.UserUpdateRequest+json', '{"displayName":"\\ud800"}'],
  ['application/x-www-form-urlencoded', 'grant_type=password&username=%E0%A4%A&password='],
  ['text/plain', 'hello'],
  ['application/xml', '<a/>'],
  ['application/json', undefined],
];

// Every route of every face, with hostile parameters and bodies, as every kind of caller: never a 500.
describe('no input reaches a 500', { skip: testDatabases[0]?.skip }, () => {
  let persona: TestPersona;
  let app: CreatedApp;
  let user: TestUser;
  let adminToken: string;
  let routes: { method: string; path: string }[];

  before(async () => {
    persona = await startPersona(testDatabases[0] as (typeof testDatabases)[number]);
    app = await persona.createApp();
    user = await persona.createUser(app);
    adminToken = await persona.adminToken(app);
    const paths = (persona.http.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    routes = Object.entries(paths)
      // Rotating the admin secret takes no input and would end the admin token the sweep uses (tested in the CLI tests).
      .filter(([path]) => path !== '/admin/v1/app/rotate-secret')
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
      );
    // Deletions last, so that the user's token serves every other route first.
    routes.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    assert.ok(routes.length >= 15, `found ${routes.length} routes`);
  });
  after(() => persona.close());

  it('answers 4xx (or 2xx) in JSON (HTML for the link pages) to hostile requests on every route', async () => {
    const callers: Record<string, string>[] = [
      {},
      bearer(user.accessToken),
      bearer(adminToken),
      { authorization: 'Basic %%%' },
    ];
    let requests = 0;
    for (const route of routes) {
      for (const param of nastyParams) {
        const url = route.path.replace(/\{appID\}/g, app.appId).replace(/\{[^}]+\}/g, param);
        for (const caller of callers) {
          const bodies: [string | undefined, string | undefined][] = ['GET', 'DELETE'].includes(route.method)
            ? [[undefined, undefined]]
            : nastyBodies;
          for (const [contentType, payload] of bodies) {
            const options: InjectOptions = {
              method: route.method as InjectOptions['method'],
              url,
              headers: { ...caller, ...(contentType ? { 'content-type': contentType } : {}) },
              ...(payload === undefined ? {} : { payload }),
            };
            const response = await persona.request(options);
            requests++;
            const where = `${route.method} ${url} ${contentType ?? ''} ${payload?.slice(0, 40) ?? ''}`;
            assert.ok(response.statusCode < 500, `${where} → ${response.statusCode} ${response.body.slice(0, 200)}`);
            if (response.statusCode >= 400 && route.path.startsWith('/links/')) {
              // The pages links in messages open are for people: their errors are HTML pages too.
              assert.match(String(response.headers['content-type']), /^text\/html/, `${where} answers a page`);
              assert.doesNotMatch(response.body, /\bat .+\.(ts|js):\d+/, `${where} leaks a stack`);
            } else if (response.statusCode >= 400) {
              assert.doesNotThrow(() => response.json(), `${where} answers JSON`);
              assert.doesNotMatch(response.body, /\bat .+\.(ts|js):\d+/, `${where} leaks a stack`);
            }
          }
        }
      }
    }
    assert.ok(requests > 1000);
  });

  it('changed no setting of the app: nothing was stored', async () => {
    const stored = await persona.database.db
      .selectFrom('apps')
      .select('settings')
      .where('id', '=', app.appId)
      .executeTakeFirstOrThrow();
    assert.equal(
      stored.settings,
      JSON.stringify({ signUpsPerAddress: 0, logInsPerAddress: 0 }),
      'the app still has only the settings it was created with',
    );
    const shown = await persona.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(adminToken) });
    assert.equal(shown.json().settings.accessTokenTtlSeconds, 3600);
  });
});
