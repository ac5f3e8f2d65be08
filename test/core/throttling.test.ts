import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, configureApp, startPersona, type TestPersona, uniqueName } from '../helpers/persona.ts';

// Every request names its client address in X-Forwarded-For, believed because it comes from the trusted 127.0.0.1.
const env = { TRUST_PROXY: '127.0.0.1' };

async function logIn(persona: TestPersona, app: CreatedApp, username: string, password: string, address: string) {
  return persona.request({
    method: 'POST',
    url: '/api/oauth2/token',
    headers: { ...appHeaders(app), 'x-forwarded-for': address },
    payload: { username, password },
  });
}

async function failuresOf(persona: TestPersona, app: CreatedApp, scope: string, subject: string): Promise<number> {
  const row = await persona.database.unitOfWork.db
    .selectFrom('credential_failures')
    .select('failures')
    .where('app_id', '=', app.appId)
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return Number(row?.failures ?? 0);
}

async function auditActions(persona: TestPersona, app: CreatedApp, query = ''): Promise<Record<string, unknown>[]> {
  const response = await persona.request({
    method: 'GET',
    url: `/admin/v1/audit?limit=100${query}`,
    headers: bearer(await persona.adminToken(app)),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items;
}

for (const database of testDatabases) {
  describe(`log-in throttling on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    before(async () => {
      persona = await startPersona(database, { env: { ...env, HASH_QUEUE_LENGTH: '64' } });
    });
    after(() => persona?.close());

    it('slows one address down after five failures, answering 429 without a hash, and lets the owner in from elsewhere', async () => {
      const app = await persona.createApp();
      const owner = await persona.createUser(app);
      for (let i = 0; i < 5; i++) {
        const wrong = await logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.7');
        assert.equal(wrong.statusCode, 400, wrong.body);
        assert.equal(wrong.json().errorCode, 'invalid_grant');
      }
      const hashesBefore = persona.core.passwords.computed;
      const throttled = await logIn(persona, app, owner.loginName, owner.password, '203.0.113.7');
      assert.equal(throttled.statusCode, 429, throttled.body);
      assert.equal(throttled.json().errorCode, 'TOO_MANY_REQUESTS');
      assert.ok(Number(throttled.headers['retry-after']) >= 1, 'a Retry-After in seconds');
      assert.equal(persona.core.passwords.computed, hashesBefore, 'a throttled attempt computes no hash');

      const fromHome = await logIn(persona, app, owner.loginName, owner.password, '198.51.100.20');
      assert.equal(fromHome.statusCode, 200, 'the owner from an address with no failures still logs in');
    });

    it('counts a burst of 50 concurrent wrong passwords exactly: five checked, the rest refused unchecked', async () => {
      const app = await persona.createApp();
      const owner = await persona.createUser(app);
      const hashesBefore = persona.core.passwords.computed;
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.8')),
      );
      const statuses = answers.map((answer) => answer.statusCode);
      assert.equal(statuses.filter((status) => status === 400).length, 5, statuses.join(','));
      assert.equal(statuses.filter((status) => status === 429).length, 45, statuses.join(','));
      assert.equal(persona.core.passwords.computed - hashesBefore, 5);
      assert.equal(await failuresOf(persona, app, 'pair', `user:${owner.id}|203.0.113.8`), 5);
      assert.equal(await failuresOf(persona, app, 'account', `user:${owner.id}`), 5);
    });

    it('counts 50 concurrent failures without losing one when the thresholds allow them all', async () => {
      const app = await persona.createApp();
      const owner = await persona.createUser(app);
      await configureApp(persona, app, {
        logInDelayAfterFailures: 100,
        logInLockAfterFailures: 100,
        accountLockAfterFailures: 100,
        addressLockAfterFailures: 100,
      });
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.9')),
      );
      assert.deepEqual(
        answers.map((answer) => answer.statusCode),
        Array(50).fill(400),
      );
      assert.equal(await failuresOf(persona, app, 'pair', `user:${owner.id}|203.0.113.9`), 50);
      assert.equal(await failuresOf(persona, app, 'account', `user:${owner.id}`), 50);
      assert.equal(await failuresOf(persona, app, 'address', '203.0.113.9'), 50);
    });

    it('locks the pair at the lock threshold for the lock time, and records the lock in the audit log', async () => {
      const app = await persona.createApp();
      const owner = await persona.createUser(app);
      await configureApp(persona, app, {
        logInDelayAfterFailures: 3,
        logInLockAfterFailures: 3,
        logInLockSeconds: 600,
      });
      for (let i = 0; i < 3; i++) {
        assert.equal((await logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.10')).statusCode, 400);
      }
      const locked = await logIn(persona, app, owner.loginName, owner.password, '203.0.113.10');
      assert.equal(locked.statusCode, 429, 'even the right password waits out the lock');
      const retryAfter = Number(locked.headers['retry-after']);
      assert.ok(retryAfter > 590 && retryAfter <= 600, `Retry-After ${retryAfter}`);
      const [event] = await auditActions(persona, app, '&action=credentials.locked');
      assert.ok(event, 'the lock is in the audit log');
      assert.equal(event.userId, owner.id);
      assert.deepEqual((event.actor as { kind: string }).kind, 'system');
      assert.equal((event.details as { scope: string }).scope, 'pair');
    });

    it('forgets the failures of a pair at a right password', async () => {
      const app = await persona.createApp();
      const owner = await persona.createUser(app);
      for (let i = 0; i < 4; i++) await logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.11');
      assert.equal((await logIn(persona, app, owner.loginName, owner.password, '203.0.113.11')).statusCode, 200);
      assert.equal(await failuresOf(persona, app, 'pair', `user:${owner.id}|203.0.113.11`), 0);
      for (let i = 0; i < 5; i++) {
        assert.equal((await logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.11')).statusCode, 400);
      }
    });

    it('throttles unknown users alike, so that throttling tells nothing about who exists', async () => {
      const app = await persona.createApp();
      const ghost = uniqueName('ghost');
      for (let i = 0; i < 5; i++) {
        assert.equal((await logIn(persona, app, ghost, 'wrong-password', '203.0.113.12')).statusCode, 400);
      }
      assert.equal((await logIn(persona, app, ghost, 'wrong-password', '203.0.113.12')).statusCode, 429);
    });

    it('locks an address guessing many accounts, except for an account it logged in to before', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { addressLockAfterFailures: 3 });
      const regular = await persona.createUser(app);
      assert.equal((await logIn(persona, app, regular.loginName, regular.password, '203.0.113.13')).statusCode, 200);
      for (let i = 0; i < 3; i++) {
        const victim = await persona.createUser(app);
        assert.equal((await logIn(persona, app, victim.loginName, 'wrong-password', '203.0.113.13')).statusCode, 400);
      }
      const next = await persona.createUser(app);
      assert.equal((await logIn(persona, app, next.loginName, next.password, '203.0.113.13')).statusCode, 429);
      assert.equal(
        (await logIn(persona, app, regular.loginName, regular.password, '203.0.113.13')).statusCode,
        200,
        'an account this address logged in to before is not locked out with it',
      );
      assert.equal((await logIn(persona, app, next.loginName, next.password, '198.51.100.30')).statusCode, 200);
    });

    it('locks an account guessed from many addresses for new addresses only, never for its known one', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { accountLockAfterFailures: 3 });
      const owner = await persona.createUser(app);
      assert.equal((await logIn(persona, app, owner.loginName, owner.password, '198.51.100.40')).statusCode, 200);
      for (const address of ['203.0.113.21', '203.0.113.22', '203.0.113.23']) {
        assert.equal((await logIn(persona, app, owner.loginName, 'wrong-password', address)).statusCode, 400);
      }
      assert.equal((await logIn(persona, app, owner.loginName, owner.password, '203.0.113.24')).statusCode, 429);
      assert.equal((await logIn(persona, app, owner.loginName, owner.password, '198.51.100.40')).statusCode, 200);
      // Now answered from the instance's memory of the locked identifier, with the same outcome for each.
      assert.equal((await logIn(persona, app, owner.loginName, 'wrong-password', '203.0.113.25')).statusCode, 429);
      assert.equal((await logIn(persona, app, owner.loginName, owner.password, '198.51.100.40')).statusCode, 200);
    });

    it('throttles the admin client credentials and the old password of a password change', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { logInDelayAfterFailures: 2, logInLockAfterFailures: 2 });
      const client = (secret: string) =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { 'x-forwarded-for': '203.0.113.30' },
          payload: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: secret },
        });
      assert.equal((await client('wrong-secret')).statusCode, 400);
      assert.equal((await client('wrong-secret')).statusCode, 400);
      assert.equal((await client(app.clientSecret)).statusCode, 429);

      const owner = await persona.createUser(app);
      const change = (oldPassword: string) =>
        persona.request({
          method: 'PUT',
          url: `/api/apps/${app.appId}/users/me/password`,
          headers: { ...bearer(owner.accessToken), 'x-forwarded-for': '203.0.113.31' },
          payload: { oldPassword, newPassword: 'brand-new-password' },
        });
      assert.equal((await change('wrong-old-1')).statusCode, 400);
      assert.equal((await change('wrong-old-2')).statusCode, 400);
      assert.equal((await change(owner.password)).statusCode, 429);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY names the sender', async () => {
      const untrusting = await startPersona(database);
      try {
        const app = await untrusting.createApp();
        const owner = await untrusting.createUser(app);
        for (let i = 0; i < 5; i++) {
          await logIn(untrusting, app, owner.loginName, 'wrong-password', `203.0.113.${100 + i}`);
        }
        const spoofed = await logIn(untrusting, app, owner.loginName, owner.password, '198.51.100.99');
        assert.equal(spoofed.statusCode, 429, 'a forged header does not buy a fresh address');
      } finally {
        await untrusting.close();
      }
    });
  });

  describe(`throttling shared by two instances on ${database.name}`, { skip: database.skip }, () => {
    it('counts failures made on either instance together', async () => {
      const target = database.create();
      let a: TestPersona | undefined;
      let b: TestPersona | undefined;
      try {
        a = await startPersona(database, { shared: target, env });
        b = await startPersona(database, { shared: target, env });
        const app = await a.createApp();
        const owner = await a.createUser(app);
        for (const instance of [a, b, a, b, a]) {
          assert.equal((await logIn(instance, app, owner.loginName, 'wrong-password', '203.0.113.40')).statusCode, 400);
        }
        assert.equal((await logIn(b, app, owner.loginName, owner.password, '203.0.113.40')).statusCode, 429);
        assert.equal((await logIn(a, app, owner.loginName, owner.password, '203.0.113.40')).statusCode, 429);
      } finally {
        await b?.close();
        await a?.close();
        await target.drop();
      }
    });
  });
}
