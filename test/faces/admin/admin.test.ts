import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { hashSecret } from '../../../src/core/secrets.ts';
import { testDatabases } from '../../helpers/databases.ts';
import {
  appHeaders,
  bearer,
  startPersona,
  type TestPersona,
  type TestUser,
  uniqueName,
} from '../../helpers/persona.ts';

const defaultSettings = {
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 2_592_000,
  exposeFullUserDataToOthers: false,
  maxProfilesPerAccount: 5,
  emailVerificationRequired: false,
  phoneVerificationRequired: false,
  passwordMinLength: 8,
  logInDelayAfterFailures: 5,
  logInLockAfterFailures: 10,
  logInLockSeconds: 900,
  logInFailureMemorySeconds: 43_200,
  accountLockAfterFailures: 50,
  addressLockAfterFailures: 100,
  rateLimitWindowSeconds: 60,
  signUpsPerAddress: 30,
  logInsPerAddress: 120,
  anonymousCallsPerApp: 0,
  recoveryLinkTtlSeconds: 3600,
  recoveryPinTtlSeconds: 600,
  recoveryCodeAttempts: 5,
  recoveryRequestsPerAddress: 30,
  recoveryRequestsPerIdentifier: 5,
};

/** What the test helper's apps are created with (per-address limits lifted for the suite). */
const helperAppSettings = { signUpsPerAddress: 0, logInsPerAddress: 0 };

/** Asserts an RFC 7807 answer with the given status and code, and no stack or internals in it. */
function assertProblem(response: LightMyRequestResponse, status: number, code?: string): Record<string, unknown> {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(typeof body.type, 'string');
  assert.equal(typeof body.title, 'string');
  assert.equal(body.status, status);
  assert.equal(typeof body.detail, 'string');
  assert.equal(typeof body.code, 'string');
  if (code !== undefined) assert.equal(body.code, code);
  assert.doesNotMatch(response.body, /\bat .+\.ts:\d+/);
  return body;
}

for (const database of testDatabases) {
  describe(`admin API on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const admin = (token: string | undefined, method: InjectOptions['method'], url: string, payload?: unknown) =>
      persona.request({
        method,
        url: `/admin/v1${url}`,
        headers: token === undefined ? {} : bearer(token),
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const me = (app: CreatedApp, accessToken: string) =>
      persona.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(accessToken) });
    const logIn = (app: CreatedApp, user: TestUser) =>
      persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: user.loginName, password: user.password },
      });
    // The factory logs in with a login name of its own, so users named for a search test are signed up here.
    const signUp = async (app: CreatedApp, fields: Record<string, unknown>) => {
      const response = await persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users`,
        headers: appHeaders(app),
        payload: { password: 'pass-word1', ...fields },
      });
      assert.equal(response.statusCode, 201, response.body);
      return { id: response.json().userID as string };
    };
    const listAll = async (token: string, query: Record<string, string>) => {
      const response = await admin(token, 'GET', `/users?${new URLSearchParams(query)}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { items: { id: string; loginName: string }[]; nextCursor: string | null };
    };

    describe('admin tokens', () => {
      it('issues an admin token for client credentials and it reads the app', async () => {
        const app = await persona.createApp('Token app');
        const response = await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          payload: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
        });
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.equal(body.token_type, 'Bearer');
        assert.equal(body.id, app.clientId);
        assert.equal(body.expires_in, 3600);
        assert.equal(body.refresh_token, undefined);
        const read = await admin(body.access_token, 'GET', '/app');
        assert.equal(read.statusCode, 200, read.body);
        assert.equal(read.json().appId, app.appId);
      });

      it('refuses a wrong client secret with invalid_grant', async () => {
        const app = await persona.createApp('Token app');
        const other = await persona.createApp('Other token app');
        for (const client_secret of [`${app.clientSecret}x`, other.clientSecret]) {
          const response = await persona.request({
            method: 'POST',
            url: '/api/oauth2/token',
            payload: { grant_type: 'client_credentials', client_id: app.clientId, client_secret },
          });
          assert.equal(response.statusCode, 400, response.body);
          const body = response.json();
          assert.equal(body.errorCode, 'invalid_grant');
          assert.equal(body.error, 'invalid_grant');
          assert.equal(body.access_token, undefined);
        }
      });
    });

    describe('app settings', () => {
      it('answers the app with default settings', async () => {
        // Not the helper's app, whose per-address limits are lifted for the suite.
        const app = await persona.core.apps.createApp('Settings app');
        const response = await admin(await persona.adminToken(app), 'GET', '/app');
        assert.equal(response.statusCode, 200, response.body);
        assert.match(String(response.headers['content-type']), /^application\/json/);
        assert.deepEqual(response.json(), { appId: app.appId, name: 'Settings app', settings: defaultSettings });
      });

      it('changes a subset of the settings and keeps the rest', async () => {
        const app = await persona.core.apps.createApp('Settings app');
        const token = await persona.adminToken(app);
        const patch = { maxProfilesPerAccount: 12, exposeFullUserDataToOthers: true, accessTokenTtlSeconds: 600 };
        const expected = { ...defaultSettings, ...patch };
        const response = await admin(token, 'PATCH', '/app', { settings: patch });
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json().settings, expected);
        const read = await admin(token, 'GET', '/app');
        assert.deepEqual(read.json(), { appId: app.appId, name: 'Settings app', settings: expected });

        const second = await admin(token, 'PATCH', '/app', { settings: { emailVerificationRequired: true } });
        assert.equal(second.statusCode, 200, second.body);
        assert.deepEqual((await admin(token, 'GET', '/app')).json().settings, {
          ...expected,
          emailVerificationRequired: true,
        });
        // Only what the app was given is stored: the rest follows the defaults, even when they change.
        const stored = await persona.database.db
          .selectFrom('apps')
          .select('settings')
          .where('id', '=', app.appId)
          .executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(stored.settings), { ...patch, emailVerificationRequired: true });
      });

      it('takes the new access token lifetime for tokens issued afterwards', async () => {
        const app = await persona.createApp('Settings app');
        const user = await persona.createUser(app);
        const token = await persona.adminToken(app);
        const patched = await admin(token, 'PATCH', '/app', { settings: { accessTokenTtlSeconds: 120 } });
        assert.equal(patched.statusCode, 200, patched.body);
        const response = await logIn(app, user);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().expires_in, 120);
      });

      it('takes lifetimes from one second up (so that a client can try expiry quickly)', async () => {
        const app = await persona.createApp('Settings app');
        const user = await persona.createUser(app);
        const token = await persona.adminToken(app);
        const settings = { accessTokenTtlSeconds: 1, refreshTokenTtlSeconds: 1 };
        const patched = await admin(token, 'PATCH', '/app', { settings });
        assert.equal(patched.statusCode, 200, patched.body);
        assert.equal(patched.json().settings.accessTokenTtlSeconds, 1);
        const response = await logIn(app, user);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().expires_in, 1);
      });

      it('refuses bad values with the fields named and changes nothing', async () => {
        const app = await persona.core.apps.createApp('Settings app');
        const token = await persona.adminToken(app);
        const cases: { settings: Record<string, unknown>; field: string }[] = [
          { settings: { maxProfilesPerAccount: 51 }, field: 'maxProfilesPerAccount' },
          { settings: { maxProfilesPerAccount: 0, exposeFullUserDataToOthers: true }, field: 'maxProfilesPerAccount' },
          { settings: { unknownSetting: true, exposeFullUserDataToOthers: true }, field: 'unknownSetting' },
          { settings: { accessTokenTtlSeconds: 'x' }, field: 'accessTokenTtlSeconds' },
          { settings: { accessTokenTtlSeconds: 0 }, field: 'accessTokenTtlSeconds' },
          { settings: { accessTokenTtlSeconds: 31_536_001 }, field: 'accessTokenTtlSeconds' },
          { settings: { refreshTokenTtlSeconds: 315_360_001 }, field: 'refreshTokenTtlSeconds' },
          { settings: { exposeFullUserDataToOthers: 'yes' }, field: 'exposeFullUserDataToOthers' },
          { settings: { accessTokenTtlSeconds: 7200, refreshTokenTtlSeconds: 3600 }, field: 'refreshTokenTtlSeconds' },
        ];
        for (const { settings, field } of cases) {
          const response = await admin(token, 'PATCH', '/app', { settings });
          const body = assertProblem(response, 400, 'invalid_input');
          assert.ok(Array.isArray(body.errors), response.body);
          const fields = (body.errors as { field: string; message: string }[]).map((e) => e.field);
          assert.ok(
            fields.some((f) => f.endsWith(field)),
            `${JSON.stringify(settings)}: ${response.body}`,
          );
          const read = await admin(token, 'GET', '/app');
          assert.deepEqual(read.json().settings, defaultSettings, JSON.stringify(settings));
        }
      });

      it('refuses a body without settings or with unknown top-level keys', async () => {
        const app = await persona.createApp('Settings app');
        const token = await persona.adminToken(app);
        assertProblem(await admin(token, 'PATCH', '/app', {}), 400, 'invalid_input');
        assertProblem(await admin(token, 'PATCH', '/app', { settings: {}, name: 'Renamed' }), 400, 'invalid_input');
        assert.equal((await admin(token, 'GET', '/app')).json().name, 'Settings app');
      });
    });

    describe('authority', () => {
      let app: CreatedApp;
      let otherApp: CreatedApp;
      let user: TestUser;
      let victim: TestUser;
      let otherAdminToken: string;

      before(async () => {
        app = await persona.createApp('Authority app');
        otherApp = await persona.createApp('Other authority app');
        user = await persona.createUser(app, { displayName: 'Secret Name' });
        victim = await persona.createUser(app);
        otherAdminToken = await persona.adminToken(otherApp);
      });

      const endpoints = (): { method: InjectOptions['method']; url: string; payload?: unknown }[] => [
        { method: 'GET', url: '/app' },
        { method: 'PATCH', url: '/app', payload: { settings: { maxProfilesPerAccount: 7 } } },
        { method: 'GET', url: '/users' },
        { method: 'GET', url: `/users/${victim.id}` },
        { method: 'PUT', url: `/users/${victim.id}/status`, payload: { disabled: true } },
        { method: 'POST', url: `/users/${victim.id}/revoke-tokens` },
        { method: 'GET', url: `/users/${victim.id}/export` },
        { method: 'DELETE', url: `/users/${victim.id}` },
        // A user naming itself through the admin API is still not the admin.
        { method: 'PUT', url: `/users/${user.id}/status`, payload: { disabled: true } },
        { method: 'POST', url: `/users/${user.id}/revoke-tokens` },
        { method: 'GET', url: `/users/${user.id}/export` },
        { method: 'GET', url: `/users/${user.id}` },
        { method: 'DELETE', url: `/users/${user.id}` },
      ];

      const assertUntouched = async () => {
        const token = await persona.adminToken(app);
        for (const someone of [user, victim]) {
          const read = await admin(token, 'GET', `/users/${someone.id}`);
          assert.equal(read.statusCode, 200, read.body);
          assert.equal(read.json().disabled, false);
        }
        assert.deepEqual((await admin(token, 'GET', '/app')).json().settings, {
          ...defaultSettings,
          ...helperAppSettings,
        });
        assert.equal((await me(app, user.accessToken)).statusCode, 200);
        assert.equal((await me(app, victim.accessToken)).statusCode, 200);
      };

      it('answers 401 without a token', async () => {
        for (const { method, url, payload } of endpoints()) {
          const body = assertProblem(await admin(undefined, method, url, payload), 401, 'unauthenticated');
          assert.equal(body.type, 'https://persona.dev/problems/unauthenticated', `${method} ${url}`);
        }
        await assertUntouched();
      });

      it('answers 401 to a bogus token and to a non-bearer scheme', async () => {
        for (const { method, url, payload } of endpoints()) {
          assertProblem(await admin('not-a-real-token', method, url, payload), 401, 'invalid_token');
          const basic = await persona.request({
            method,
            url: `/admin/v1${url}`,
            headers: {
              authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
            },
            ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
          });
          assertProblem(basic, 401, 'unauthenticated');
        }
        await assertUntouched();
      });

      it("answers 403 to a user's token of the same app", async () => {
        for (const { method, url, payload } of endpoints()) {
          const response = await admin(user.accessToken, method, url, payload);
          const body = assertProblem(response, 403, 'forbidden');
          assert.doesNotMatch(response.body, /Secret Name/, `${method} ${url}`);
          assert.equal(body.status, 403);
        }
        await assertUntouched();
      });

      it("answers 404 to another app's admin naming a user of this app, never the data", async () => {
        for (const { method, url, payload } of endpoints().filter((e) => e.url.startsWith('/users/'))) {
          const response = await admin(otherAdminToken, method, url, payload);
          assertProblem(response, 404, 'user_not_found');
          assert.doesNotMatch(response.body, /Secret Name/);
          assert.ok(!response.body.includes(user.loginName) && !response.body.includes(victim.loginName));
        }
        await assertUntouched();
      });

      it("does not list this app's users to another app's admin, nor show this app", async () => {
        const listed = await listAll(otherAdminToken, { limit: '100' });
        assert.deepEqual(listed.items, []);
        const searched = await listAll(otherAdminToken, { query: user.loginName });
        assert.deepEqual(searched.items, []);
        const own = await admin(otherAdminToken, 'GET', '/app');
        assert.equal(own.json().appId, otherApp.appId);
      });

      it('answers 404 problem+json for an unknown user id and an unknown admin path', async () => {
        const token = await persona.adminToken(app);
        assertProblem(await admin(token, 'GET', '/users/00000000-0000-7000-8000-000000000000'), 404, 'user_not_found');
        assertProblem(await admin(token, 'GET', '/no-such-thing'), 404, 'http_404');
      });
    });

    describe('user listing', () => {
      it('pages with a keyset cursor: every user once, nextCursor null on the last page', async () => {
        const app = await persona.createApp('Paging app');
        const token = await persona.adminToken(app);
        const created: TestUser[] = [];
        for (let i = 0; i < 5; i++) created.push(await persona.createUser(app));

        const pages: { id: string }[][] = [];
        let cursor: string | null = null;
        do {
          const query: Record<string, string> = { limit: '2' };
          if (cursor) query.cursor = cursor;
          const page = await listAll(token, query);
          pages.push(page.items);
          cursor = page.nextCursor;
          assert.ok(pages.length <= 5, 'paging does not end');
        } while (cursor);
        assert.deepEqual(
          pages.map((p) => p.length),
          [2, 2, 1],
        );
        const ids = pages.flat().map((u) => u.id);
        assert.deepEqual([...ids].sort(), created.map((u) => u.id).sort());
        assert.equal(new Set(ids).size, 5);

        // Exactly a full last page: no empty page after it.
        const four = await listAll(token, { limit: '5' });
        assert.equal(four.items.length, 5);
        assert.equal(four.nextCursor, null);
      });

      it('gives no duplicates nor gaps when users are created and deleted between page fetches', async () => {
        const app = await persona.createApp('Paging app');
        const token = await persona.adminToken(app);
        const created: TestUser[] = [];
        for (let i = 0; i < 5; i++) created.push(await persona.createUser(app));

        const first = await listAll(token, { limit: '2' });
        assert.ok(first.nextCursor);
        const late = await persona.createUser(app);
        // Deleting a user already seen would make an offset-paged list skip one.
        const seenFirst = first.items[0];
        assert.ok(seenFirst);
        assert.equal((await admin(token, 'DELETE', `/users/${seenFirst.id}`)).statusCode, 204);
        const seen = [...first.items.map((u) => u.id)];
        let cursor: string | null = first.nextCursor;
        while (cursor) {
          const page = await listAll(token, { limit: '2', cursor });
          seen.push(...page.items.map((u) => u.id));
          cursor = page.nextCursor;
        }
        assert.equal(new Set(seen).size, seen.length, 'a user was listed twice');
        assert.deepEqual([...seen].sort(), [...created, late].map((u) => u.id).sort());
      });

      it('searches by a prefix of login name, email (any case) and display name', async () => {
        const app = await persona.createApp('Search app');
        const token = await persona.adminToken(app);
        const tag = uniqueName('s').toLowerCase();
        const alice = await signUp(app, {
          loginName: `${tag}alice`,
          emailAddress: `Alice.${tag}@Example.com`,
          displayName: `Wonder ${tag}`,
        });
        const bob = await signUp(app, {
          loginName: `${tag}bob`,
          emailAddress: `bob.${tag}@example.org`,
          displayName: `Builder ${tag}`,
        });
        await persona.createUser(app);
        const ids = async (query: string) => (await listAll(token, { query })).items.map((u) => u.id).sort();

        assert.deepEqual(await ids(tag), [alice.id, bob.id].sort());
        assert.deepEqual(await ids(`${tag}AL`), [alice.id]);
        assert.deepEqual(await ids(`${tag}bob`), [bob.id]);
        assert.deepEqual(await ids(`alice.${tag}@EXAMPLE`), [alice.id]);
        assert.deepEqual(await ids(`BOB.${tag}`), [bob.id]);
        assert.deepEqual(await ids('wonder '), [alice.id]);
        assert.deepEqual(await ids('BUILDER'), [bob.id]);
        // A prefix, not a substring.
        assert.deepEqual(await ids(tag.slice(1)), []);
        assert.deepEqual(await ids(`onder ${tag}`), []);
      });

      it('pages search results with the cursor', async () => {
        const app = await persona.createApp('Search app');
        const token = await persona.adminToken(app);
        const tag = uniqueName('p').toLowerCase();
        const matching: { id: string }[] = [];
        for (let i = 0; i < 3; i++) {
          matching.push(await signUp(app, { loginName: `${tag}n${i}` }));
          await persona.createUser(app);
        }
        const first = await listAll(token, { query: tag, limit: '2' });
        assert.equal(first.items.length, 2);
        assert.ok(first.nextCursor);
        const second = await listAll(token, { query: tag, limit: '2', cursor: first.nextCursor });
        assert.equal(second.nextCursor, null);
        assert.deepEqual([...first.items, ...second.items].map((u) => u.id).sort(), matching.map((u) => u.id).sort());
      });

      it('takes _ and % in a query literally', async () => {
        const app = await persona.createApp('Search app');
        const token = await persona.adminToken(app);
        const tag = uniqueName('w').toLowerCase();
        const underscore = await signUp(app, { loginName: `${tag}_x` });
        await signUp(app, { loginName: `${tag}ax` });
        const percent = await persona.createUser(app, { displayName: `${tag}% off` });
        await persona.createUser(app, { displayName: `${tag} percent off` });
        const ids = async (query: string) => (await listAll(token, { query })).items.map((u) => u.id);

        assert.deepEqual(await ids(`${tag}_`), [underscore.id]);
        assert.deepEqual(await ids(`${tag}%`), [percent.id]);
        assert.deepEqual(await ids(`${tag}_x`), [underscore.id]);
        assert.deepEqual(await ids('%'), []);
        assert.deepEqual(await ids('_'), []);
        assert.deepEqual(await ids('\\'), []);
        assert.equal((await ids(tag)).length, 4);
      });

      it('refuses a bad cursor and a limit out of range', async () => {
        const app = await persona.createApp('Paging app');
        const token = await persona.adminToken(app);
        await persona.createUser(app);
        const queries: Record<string, string>[] = [
          { cursor: 'not-a-cursor' },
          { cursor: Buffer.from('1; drop table users').toString('base64url') },
          { limit: '0' },
          { limit: '101' },
          { limit: '-1' },
          { limit: 'ten' },
          { limit: '2.5' },
        ];
        for (const query of queries) {
          const response = await admin(token, 'GET', `/users?${new URLSearchParams(query)}`);
          const body = assertProblem(response, 400, 'invalid_input');
          assert.ok(Array.isArray(body.errors), response.body);
        }
        const max = await admin(token, 'GET', '/users?limit=100');
        assert.equal(max.statusCode, 200, max.body);
      });
    });

    describe('one user', () => {
      let app: CreatedApp;
      let token: string;

      before(async () => {
        app = await persona.createApp('User app');
        token = await persona.adminToken(app);
      });

      it('answers a user with every stored field but secrets', async () => {
        const email = `${uniqueName('m')}@Example.com`;
        const user = await persona.createUser(app, {
          emailAddress: email,
          displayName: 'Ann',
          country: 'DE',
          locale: 'de-DE',
          favourite: 'tea',
        });
        const response = await admin(token, 'GET', `/users/${user.id}`);
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.equal(body.id, user.id);
        assert.equal(body.loginName, user.loginName);
        assert.equal(body.emailAddress, email);
        assert.equal(body.emailVerified, false);
        assert.equal(body.phoneNumber, null);
        assert.equal(body.displayName, 'Ann');
        assert.equal(body.country, 'DE');
        assert.equal(body.locale, 'de-DE');
        assert.deepEqual(body.customFields, { favourite: 'tea' });
        assert.equal(body.hasPassword, true);
        assert.equal(body.disabled, false);
        assert.equal(typeof body.internalId, 'number');
        assert.ok(!Number.isNaN(Date.parse(body.createdAt)));
        assert.ok(!Number.isNaN(Date.parse(body.modifiedAt)));
        assert.equal(body.password, undefined);
        assert.equal(body.passwordHash, undefined);
        assert.doesNotMatch(response.body, /argon2/);
      });

      it('deletes a user: 204, then 404, and its token ends', async () => {
        const user = await persona.createUser(app);
        assert.equal((await me(app, user.accessToken)).statusCode, 200);
        const deleted = await admin(token, 'DELETE', `/users/${user.id}`);
        assert.equal(deleted.statusCode, 204, deleted.body);
        assert.equal(deleted.body, '');
        assertProblem(await admin(token, 'GET', `/users/${user.id}`), 404, 'user_not_found');
        assertProblem(await admin(token, 'DELETE', `/users/${user.id}`), 404, 'user_not_found');
        assert.equal((await me(app, user.accessToken)).statusCode, 401);
        assert.equal((await logIn(app, user)).statusCode, 400);
      });

      it('disables a user: its token ends and it cannot log in; enabling lets it log in again', async () => {
        const user = await persona.createUser(app);
        const bystander = await persona.createUser(app);
        const disabled = await admin(token, 'PUT', `/users/${user.id}/status`, { disabled: true });
        assert.equal(disabled.statusCode, 200, disabled.body);
        assert.equal(disabled.json().id, user.id);
        assert.equal(disabled.json().disabled, true);
        assert.equal((await admin(token, 'GET', `/users/${user.id}`)).json().disabled, true);

        assert.equal((await me(app, user.accessToken)).statusCode, 401);
        const refused = await logIn(app, user);
        assert.equal(refused.statusCode, 400, refused.body);
        assert.equal(refused.json().errorCode, 'invalid_grant');
        const refreshed = await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { grant_type: 'refresh_token', refresh_token: user.refreshToken },
        });
        assert.equal(refreshed.statusCode, 400, refreshed.body);
        assert.equal((await me(app, bystander.accessToken)).statusCode, 200);

        const enabled = await admin(token, 'PUT', `/users/${user.id}/status`, { disabled: false });
        assert.equal(enabled.statusCode, 200, enabled.body);
        assert.equal(enabled.json().disabled, false);
        const loggedIn = await logIn(app, user);
        assert.equal(loggedIn.statusCode, 200, loggedIn.body);
        assert.equal((await me(app, loggedIn.json().access_token)).statusCode, 200);
      });

      it('refuses a bad status body and an unknown user', async () => {
        const user = await persona.createUser(app);
        for (const payload of [{}, { disabled: 'yes' }, { disabled: true, extra: 1 }]) {
          const response = await admin(token, 'PUT', `/users/${user.id}/status`, payload);
          const body = assertProblem(response, 400, 'invalid_input');
          assert.ok(Array.isArray(body.errors), response.body);
        }
        assert.equal((await admin(token, 'GET', `/users/${user.id}`)).json().disabled, false);
        assert.equal((await me(app, user.accessToken)).statusCode, 200);
        assertProblem(
          await admin(token, 'PUT', '/users/00000000-0000-7000-8000-000000000000/status', { disabled: true }),
          404,
          'user_not_found',
        );
      });

      it("revokes a user's tokens and says how many", async () => {
        const user = await persona.createUser(app);
        const second = await logIn(app, user);
        assert.equal(second.statusCode, 200);
        const bystander = await persona.createUser(app);
        const response = await admin(token, 'POST', `/users/${user.id}/revoke-tokens`);
        assert.equal(response.statusCode, 200, response.body);
        // Two log-ins, each an access and a refresh token.
        assert.deepEqual(response.json(), { revoked: 4 });
        assert.equal((await me(app, user.accessToken)).statusCode, 401);
        assert.equal((await me(app, second.json().access_token)).statusCode, 401);
        assert.equal((await me(app, bystander.accessToken)).statusCode, 200);
        const again = await admin(token, 'POST', `/users/${user.id}/revoke-tokens`);
        assert.deepEqual(again.json(), { revoked: 0 });
        // Revocation ends sessions, not the account.
        assert.equal((await logIn(app, user)).statusCode, 200);
        assertProblem(
          await admin(token, 'POST', '/users/00000000-0000-7000-8000-000000000000/revoke-tokens'),
          404,
          'user_not_found',
        );
      });

      it('exports the user and its token metadata, without any secret', async () => {
        const user = await persona.createUser(app, { displayName: 'Exported', hobby: 'chess' });
        const response = await admin(token, 'GET', `/users/${user.id}/export`);
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.ok(!Number.isNaN(Date.parse(body.exportedAt)));
        assert.equal(body.user.id, user.id);
        assert.equal(body.user.loginName, user.loginName);
        assert.equal(body.user.displayName, 'Exported');
        assert.deepEqual(body.user.customFields, { hobby: 'chess' });
        assert.deepEqual(body.tokens.map((t: { kind: string }) => t.kind).sort(), ['access', 'refresh']);
        for (const t of body.tokens) {
          assert.deepEqual(Object.keys(t).sort(), ['createdAt', 'expiresAt', 'id', 'kind', 'profileId']);
          assert.ok(Date.parse(t.expiresAt) > Date.now());
        }

        const text = response.body;
        assert.doesNotMatch(text, /\$argon2/);
        assert.doesNotMatch(text, /hash/i);
        for (const secret of [user.accessToken, user.refreshToken, user.password]) {
          assert.ok(!text.includes(secret), 'a secret is in the export');
          assert.ok(!text.includes(hashSecret(secret)), "a secret's hash is in the export");
        }
        assert.ok(!text.includes(token) && !text.includes(hashSecret(token)));
      });
    });
  });
}
