import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import type { PersonaEvent } from '../../src/events/bus.ts';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';

const postgres = testDatabases.find((d) => d.name === 'postgres');
assert.ok(postgres);

describe('token revocation across instances sharing PostgreSQL', { skip: postgres.skip }, () => {
  let a: TestPersona;
  let b: TestPersona;
  let app: CreatedApp;

  before(async () => {
    a = await startPersona(postgres);
    b = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
    });
    app = await a.createApp();
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  const meOn = (instance: TestPersona, user: TestUser) =>
    instance.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) });

  /** Resolves when instance `on` has received the revocation of `user`'s tokens. */
  const revocationReaching = (on: TestPersona, user: TestUser) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the revocation never reached the other instance')), 5000);
      const unsubscribe = on.bus.subscribe((event: PersonaEvent) => {
        if (event.type === 'identity.user-tokens-revoked' && event.userId === user.id) {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      });
    });

  it('serves a token from its cache until told otherwise', async () => {
    const user = await a.createUser(app);
    assert.equal((await meOn(b, user)).statusCode, 200);
    // Ending the rows behind the instances' backs, without an event: B still trusts its cached look-up.
    await a.database.db.deleteFrom('tokens').where('user_id', '=', user.id).execute();
    assert.equal((await meOn(b, user)).statusCode, 200, 'B answered from its cache');
    assert.equal((await meOn(a, user)).statusCode, 401, 'A never cached it');
  });

  for (const [what, revoke] of [
    [
      'a password change',
      (user: TestUser) =>
        a.request({
          method: 'PUT',
          url: `/api/apps/${app.appId}/users/me/password`,
          headers: bearer(user.accessToken),
          payload: { oldPassword: user.password, newPassword: 'changed-1' },
        }),
    ],
    [
      'a deletion',
      (user: TestUser) =>
        a.request({ method: 'DELETE', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) }),
    ],
    [
      'disabling',
      async (user: TestUser) =>
        a.request({
          method: 'PUT',
          url: `/admin/v1/users/${user.id}/status`,
          headers: bearer(await a.adminToken(app)),
          payload: { disabled: true },
        }),
    ],
    [
      "the admin's revoke-tokens",
      async (user: TestUser) =>
        a.request({
          method: 'POST',
          url: `/admin/v1/users/${user.id}/revoke-tokens`,
          headers: bearer(await a.adminToken(app)),
        }),
    ],
  ] as const) {
    it(`ends a token cached on another instance at ${what}`, async () => {
      const user = await a.createUser(app);
      assert.equal((await meOn(b, user)).statusCode, 200, 'B has looked the token up and cached it');
      const reached = revocationReaching(b, user);
      const response = await revoke(user);
      assert.ok(response.statusCode < 300, response.body);
      assert.equal((await meOn(a, user)).statusCode, 401, 'at once on the instance that revoked');
      await reached;
      const onB = await meOn(b, user);
      assert.equal(onB.statusCode, 401);
      assert.equal(onB.json().errorCode, 'WRONG_TOKEN');
    });
  }

  it('ends the old pair on every instance when a refresh token is used', async () => {
    const user = await a.createUser(app);
    assert.equal((await meOn(b, user)).statusCode, 200);
    const reached = new Promise<void>((resolve) => {
      const unsubscribe = b.bus.subscribe((event) => {
        if (event.type === 'identity.tokens-revoked') {
          unsubscribe();
          resolve();
        }
      });
    });
    const refreshed = await a.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { grant_type: 'refresh_token', refresh_token: user.refreshToken },
    });
    assert.equal(refreshed.statusCode, 200);
    await reached;
    assert.equal((await meOn(b, user)).statusCode, 401);
  });

  it("sees a user's change made on another instance, though it had the user cached", async () => {
    const user = await a.createUser(app, { displayName: 'Before' });
    assert.equal((await meOn(b, user)).json().displayName, 'Before', 'B has read and cached the user');
    const reached = new Promise<void>((resolve) => {
      const unsubscribe = b.bus.subscribe((event) => {
        if (event.type === 'identity.user-changed' && event.userId === user.id) {
          unsubscribe();
          resolve();
        }
      });
    });
    const update = await a.request({
      method: 'POST',
      url: `/api/apps/${app.appId}/users/me`,
      headers: bearer(user.accessToken),
      payload: { displayName: 'After' },
    });
    assert.equal(update.statusCode, 200);
    assert.equal((await meOn(a, user)).json().displayName, 'After', 'at once on the instance that wrote');
    await reached;
    assert.equal((await meOn(b, user)).json().displayName, 'After');
  });

  it('serves a user from its cache until told otherwise, and not at all with USER_CACHE_SIZE=0', async () => {
    const uncached = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
      env: { USER_CACHE_SIZE: '0' },
    });
    try {
      const user = await a.createUser(app, { displayName: 'Cached' });
      assert.equal((await meOn(b, user)).json().displayName, 'Cached');
      assert.equal((await meOn(uncached, user)).json().displayName, 'Cached');
      // A change behind the instances' backs, without an event: only the uncached instance sees it.
      await a.database.db.updateTable('users').set({ display_name: 'Changed' }).where('id', '=', user.id).execute();
      assert.equal((await meOn(b, user)).json().displayName, 'Cached');
      assert.equal((await meOn(uncached, user)).json().displayName, 'Changed');
    } finally {
      await uncached.close();
    }
  });

  it('sees settings changed on another instance', async () => {
    const admin = await a.adminToken(app);
    const reached = new Promise<void>((resolve) => {
      const unsubscribe = b.bus.subscribe((event) => {
        if (event.type === 'apps.changed') {
          unsubscribe();
          resolve();
        }
      });
    });
    assert.equal(
      (await b.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(admin) })).json().settings
        .accessTokenTtlSeconds,
      3600,
    );
    await a.request({
      method: 'PATCH',
      url: '/admin/v1/app',
      headers: bearer(admin),
      payload: { settings: { accessTokenTtlSeconds: 900 } },
    });
    await reached;
    assert.equal(
      (await b.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(admin) })).json().settings
        .accessTokenTtlSeconds,
      900,
    );
  });
});

for (const database of testDatabases) {
  describe(`sweeping expired tokens on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    it('deletes expired tokens of every app, in batches, and keeps live ones', async () => {
      const app = await persona.createApp();
      const user = await persona.createUser(app);
      const now = Date.now();
      const expired = Array.from({ length: 2500 }, (_, i) => ({
        id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        app_id: app.appId,
        user_id: user.id,
        kind: 'access' as const,
        token_hash: `expired-${i}`,
        pair_id: `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`,
        profile_id: null,
        expires_at: now - 1000,
        created_at: now - 5000,
      }));
      for (let i = 0; i < expired.length; i += 500) {
        await persona.database.db
          .insertInto('tokens')
          .values(expired.slice(i, i + 500))
          .execute();
      }
      assert.equal(await persona.core.identity.sweepExpiredTokens(now), 2500);
      const left = await persona.database.db
        .selectFrom('tokens')
        .select('token_hash')
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(left.length, 2, 'the live access and refresh token stay');
      const me = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: bearer(user.accessToken),
      });
      assert.equal(me.statusCode, 200);
      assert.equal(await persona.core.identity.sweepExpiredTokens(now), 0);
    });
  });
}
