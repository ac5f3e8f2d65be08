import assert from 'node:assert/strict';
import { argon2, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, configureApp, startPersona, type TestPersona, uniqueName } from '../helpers/persona.ts';

const env = { TRUST_PROXY: '127.0.0.1' };

function signUp(persona: TestPersona, app: CreatedApp, address: string, body: Record<string, unknown> = {}) {
  return persona.request({
    method: 'POST',
    url: `/api/apps/${app.appId}/users`,
    headers: {
      ...appHeaders(app),
      'x-forwarded-for': address,
      'content-type': 'application/vnd.kii.RegistrationRequest+json',
    },
    payload: { loginName: uniqueName(), password: 'long-enough-1', ...body },
  });
}

for (const database of testDatabases) {
  describe(`rate limits of anonymous calls on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    before(async () => {
      persona = await startPersona(database, { env });
    });
    after(() => persona?.close());

    it('limits sign-ups per address and window with RateLimit headers, and leaves other addresses alone', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { signUpsPerAddress: 2, rateLimitWindowSeconds: 3600 });
      const first = await signUp(persona, app, '203.0.113.50');
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['ratelimit-policy'], '2;w=3600');
      assert.match(String(first.headers.ratelimit), /^limit=2, remaining=1, reset=\d+$/);
      assert.equal((await signUp(persona, app, '203.0.113.50')).statusCode, 201);
      const refused = await signUp(persona, app, '203.0.113.50');
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal(refused.json().errorCode, 'TOO_MANY_REQUESTS');
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
      assert.match(String(refused.headers.ratelimit), /^limit=2, remaining=0, reset=\d+$/);
      const pseudo = await persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users`,
        headers: {
          ...appHeaders(app),
          'x-forwarded-for': '203.0.113.50',
          'content-type': 'application/vnd.kii.AnonymousUserRegistrationRequest+json',
        },
        payload: {},
      });
      assert.equal(pseudo.statusCode, 429, 'pseudo sign-ups share the budget');
      const unread = await persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users`,
        headers: {
          ...appHeaders(app),
          'x-forwarded-for': '203.0.113.50',
          'content-type': 'application/vnd.kii.RegistrationRequest+json',
        },
        payload: '{"this is": not JSON',
      });
      assert.equal(unread.statusCode, 429, 'a spent address is refused before its body is read');
      assert.ok(Number(unread.headers['retry-after']) >= 1);
      assert.match(String(unread.headers.ratelimit), /^limit=2, remaining=0, reset=\d+$/);
      assert.equal((await signUp(persona, app, '198.51.100.50')).statusCode, 201, 'another address has its own');
      const otherApp = await persona.createApp();
      assert.equal((await signUp(persona, otherApp, '203.0.113.50')).statusCode, 201, 'another app has its own');
    });

    it('writes counts in steps far from the limit and refuses at the limit exactly', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { signUpsPerAddress: 20, rateLimitWindowSeconds: 3600 });
      const pseudo = () =>
        persona.request({
          method: 'POST',
          url: `/api/apps/${app.appId}/users`,
          headers: {
            ...appHeaders(app),
            'x-forwarded-for': '203.0.113.52',
            'content-type': 'application/vnd.kii.AnonymousUserRegistrationRequest+json',
          },
          payload: {},
        });
      const written = async () => {
        const row = await persona.database.unitOfWork.db
          .selectFrom('rate_limit_counters')
          .select('count')
          .where('app_id', '=', app.appId)
          .where('bucket', '=', 'sign_up:203.0.113.52')
          .executeTakeFirst();
        return Number(row?.count ?? 0);
      };
      for (let i = 0; i < 9; i++) assert.equal((await pseudo()).statusCode, 201);
      assert.equal(await written(), 8, 'written in steps of two (a tenth of the limit)');
      for (let i = 9; i < 20; i++) assert.equal((await pseudo()).statusCode, 201, `call ${i + 1}`);
      assert.equal(await written(), 20, 'every call written near the limit');
      assert.equal((await pseudo()).statusCode, 429, 'the 21st is refused');
    });

    it('limits token requests per address, the right password included', async () => {
      const app = await persona.createApp();
      const user = await persona.createUser(app);
      await configureApp(persona, app, { logInsPerAddress: 3, rateLimitWindowSeconds: 3600 });
      const logIn = () =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { ...appHeaders(app), 'x-forwarded-for': '203.0.113.51' },
          payload: { username: user.loginName, password: user.password },
        });
      for (let i = 0; i < 3; i++) assert.equal((await logIn()).statusCode, 200);
      const refused = await logIn();
      assert.equal(refused.statusCode, 429);
      assert.ok(Number(refused.headers['retry-after']) >= 1);
      const again = await logIn();
      assert.equal(again.statusCode, 429, 'answered from memory before the body is read');
      assert.equal(again.json().errorCode, 'TOO_MANY_REQUESTS');
    });

    it('answers refused calls after the calls that are not refused, each once', async () => {
      const app = await persona.createApp();
      const user = await persona.createUser(app);
      await configureApp(persona, app, { logInsPerAddress: 1, rateLimitWindowSeconds: 3600 });
      const logIn = () =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { ...appHeaders(app), 'x-forwarded-for': '203.0.113.52' },
          payload: { username: user.loginName, password: 'wrong-password' },
        });
      await logIn();
      assert.equal((await logIn()).statusCode, 429, 'the address has spent its budget');
      const me = () =>
        persona.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) });
      assert.equal((await me()).statusCode, 200);
      // Sent first, the refusals wait in the low-priority lane (REFUSALS_PER_TURN, 2 by default): the profile read sent
      // after them is answered before most of them.
      const order: string[] = [];
      const refusals = Array.from({ length: 40 }, () =>
        logIn().then((response) => {
          order.push('refusal');
          return response;
        }),
      );
      const read = me().then((response) => {
        order.push('read');
        return response;
      });
      const [answered, refused] = [await read, await Promise.all(refusals)];
      assert.equal(answered.statusCode, 200);
      assert.ok(order.indexOf('read') < 20, `the read came at ${order.indexOf('read')} of ${order.length}`);
      for (const response of refused) {
        assert.equal(response.statusCode, 429);
        assert.equal(response.json().errorCode, 'TOO_MANY_REQUESTS');
        assert.ok(Number(response.headers['retry-after']) >= 1);
      }
    });

    it('limits every anonymous call of the app together when anonymousCallsPerApp is set', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { anonymousCallsPerApp: 3, rateLimitWindowSeconds: 3600 });
      for (const address of ['203.0.113.60', '203.0.113.61', '203.0.113.62']) {
        assert.equal((await signUp(persona, app, address)).statusCode, 201);
      }
      assert.equal((await signUp(persona, app, '203.0.113.63')).statusCode, 429);
    });

    it('refuses limits out of range, naming the setting', async () => {
      const app = await persona.createApp();
      const response = await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: bearer(await persona.adminToken(app)),
        payload: { settings: { logInDelayAfterFailures: 8, logInLockAfterFailures: 4 } },
      });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().errors[0].field, 'logInLockAfterFailures');
    });
  });

  describe(`password policy on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    before(async () => {
      persona = await startPersona(database, { env });
    });
    after(() => persona?.close());

    it('asks new apps for 8 characters and follows the app when it asks for more', async () => {
      const app = await persona.createApp();
      const short = await signUp(persona, app, '203.0.113.70', { password: 'seven77' });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().errorCode, 'PASSWORD_TOO_SHORT');
      assert.match(short.json().message, /at least 8/);
      assert.equal((await signUp(persona, app, '203.0.113.70', { password: 'eight888' })).statusCode, 201);

      await configureApp(persona, app, { passwordMinLength: 12 });
      assert.equal((await signUp(persona, app, '203.0.113.70', { password: 'eleven11111' })).statusCode, 400);
      const user = await persona.createUser(app, { password: 'twelve-chars' });
      const change = await persona.request({
        method: 'PUT',
        url: `/api/apps/${app.appId}/users/me/password`,
        headers: bearer(user.accessToken),
        payload: { oldPassword: 'twelve-chars', newPassword: 'too-short' },
      });
      assert.equal(change.statusCode, 400);
      assert.equal(change.json().errorCode, 'PASSWORD_TOO_SHORT');
    });

    it('replaces a hash made with older parameters at the next log-in', async () => {
      const app = await persona.createApp();
      const user = await persona.createUser(app);
      const nonce = randomBytes(16);
      const old = await promisify(argon2)('argon2id', {
        message: user.password,
        nonce,
        memory: 8192,
        passes: 1,
        parallelism: 1,
        tagLength: 32,
      });
      const oldHash = `$argon2id$v=19$m=8192,t=1,p=1$${nonce.toString('base64url')}$${old.toString('base64url')}`;
      const { db } = persona.database.unitOfWork;
      await db.updateTable('users').set({ password_hash: oldHash }).where('id', '=', user.id).execute();
      const logIn = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: user.loginName, password: user.password },
      });
      assert.equal(logIn.statusCode, 200, logIn.body);
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirst();
      assert.match(String(row?.password_hash), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const again = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: user.loginName, password: user.password },
      });
      assert.equal(again.statusCode, 200, 'the new hash holds the same password');
    });
  });
}
