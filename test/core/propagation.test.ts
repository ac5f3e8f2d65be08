import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import type { PersonaEvent } from '../../src/events/bus.ts';
import { freshnessBoundMs, type PostgresEventBus } from '../../src/events/postgres-bus.ts';
import { postgresUrl, testDatabases } from '../helpers/databases.ts';
import {
  appHeaders,
  bearer,
  eventually,
  heard,
  startPersona,
  type TestPersona,
  type TestUser,
} from '../helpers/persona.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';

const postgres = testDatabases.find((d) => d.name === 'postgres');
assert.ok(postgres);

const meOn = (instance: TestPersona, app: CreatedApp, user: TestUser) =>
  instance.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) });

const rename = (instance: TestPersona, app: CreatedApp, user: TestUser, displayName: string) =>
  instance.request({
    method: 'POST',
    url: `/api/apps/${app.appId}/users/me`,
    headers: bearer(user.accessToken),
    payload: { displayName },
  });

const ofUser = (type: PersonaEvent['type'], user: TestUser) => (event: PersonaEvent) =>
  event.type === type && 'userId' in event && event.userId === user.id;

describe('change propagation across instances sharing PostgreSQL', { skip: postgres.skip }, () => {
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
    await b?.close();
    await a?.close();
  });

  it('serves a token and a user from its caches until told otherwise', async () => {
    const user = await a.createUser(app, { displayName: 'Cached' });
    // A's sign-up and log-in tell B of the user through the outbox, after their commits. A read on B that such an
    // event overtakes is answered but not cached (decision 0015's epoch rule): wait out the freshness bound, after
    // which a live B has heard every event committed before it.
    await new Promise((resolve) => setTimeout(resolve, freshnessBoundMs + 100));
    assert.ok(b.bus.live);
    assert.equal((await meOn(b, app, user)).json().displayName, 'Cached', 'B has read and cached both');
    // Behind the instances' backs, without an event: B answers from its caches, A (which never cached them) does not.
    await a.database.db.updateTable('users').set({ display_name: 'Changed' }).where('id', '=', user.id).execute();
    assert.equal((await meOn(b, app, user)).json().displayName, 'Cached');
    await a.database.db.deleteFrom('tokens').where('user_id', '=', user.id).execute();
    assert.equal((await meOn(b, app, user)).statusCode, 200, 'B answered from its token cache');
    assert.equal((await meOn(a, app, user)).statusCode, 401);
  });

  it('reads through no cache at all when the caches are sized 0', async () => {
    const uncached = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
      env: { USER_CACHE_MB: '0', TOKEN_CACHE_MB: '0' },
    });
    try {
      const user = await a.createUser(app, { displayName: 'Cached' });
      assert.equal((await meOn(uncached, app, user)).json().displayName, 'Cached');
      await a.database.db.updateTable('users').set({ display_name: 'Changed' }).where('id', '=', user.id).execute();
      assert.equal((await meOn(uncached, app, user)).json().displayName, 'Changed');
      assert.deepEqual([uncached.core.cacheStats().users.entries, uncached.core.cacheStats().tokens.entries], [0, 0]);
    } finally {
      await uncached.close();
    }
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
      assert.equal((await meOn(b, app, user)).statusCode, 200, 'B has looked the token up and cached it');
      const reached = heard(b, ofUser('tokens.ended', user));
      const response = await revoke(user);
      assert.ok(response.statusCode < 300, response.body);
      assert.equal((await meOn(a, app, user)).statusCode, 401, 'at once on the instance that revoked');
      await reached;
      const onB = await meOn(b, app, user);
      assert.equal(onB.statusCode, 401);
      assert.equal(onB.json().errorCode, 'WRONG_TOKEN');
    });
  }

  it('ends the old pair on every instance when a refresh token is used', async () => {
    const user = await a.createUser(app);
    assert.equal((await meOn(b, app, user)).statusCode, 200);
    const reached = heard(b, ofUser('tokens.ended', user));
    const refreshed = await a.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { grant_type: 'refresh_token', refresh_token: user.refreshToken },
    });
    assert.equal(refreshed.statusCode, 200);
    await reached;
    assert.equal((await meOn(b, app, user)).statusCode, 401);
    assert.equal((await meOn(b, app, { ...user, accessToken: refreshed.json().access_token })).statusCode, 200);
  });

  it("sees a user's change made on another instance, though it had the user cached", async () => {
    const user = await a.createUser(app, { displayName: 'Before' });
    assert.equal((await meOn(b, app, user)).json().displayName, 'Before', 'B has read and cached the user');
    const reached = heard(b, ofUser('user.changed', user));
    assert.equal((await rename(a, app, user, 'After')).statusCode, 200);
    assert.equal((await meOn(a, app, user)).json().displayName, 'After', 'at once on the instance that wrote');
    await reached;
    assert.equal((await meOn(b, app, user)).json().displayName, 'After');
  });

  it('sees settings changed on another instance', async () => {
    const admin = await a.adminToken(app);
    const settingsOn = async (instance: TestPersona) =>
      (await instance.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(admin) })).json().settings;
    assert.equal((await settingsOn(b)).accessTokenTtlSeconds, 3600, 'B has read and cached the app');
    const reached = heard(b, (event) => event.type === 'app.changed' && event.appId === app.appId);
    await a.request({
      method: 'PATCH',
      url: '/admin/v1/app',
      headers: bearer(admin),
      payload: { settings: { accessTokenTtlSeconds: 900 } },
    });
    await reached;
    assert.equal((await settingsOn(b)).accessTokenTtlSeconds, 900);
  });

  it("sees catalogue changes made on another instance, though it had the app's catalogues cached", async () => {
    const admin = await a.adminToken(app);
    const user = await a.createUser(app);
    const call = (
      instance: TestPersona,
      token: string,
      method: 'GET' | 'PUT' | 'DELETE',
      url: string,
      payload?: object,
    ) => instance.request({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
    await call(a, admin, 'PUT', '/admin/v1/preference-options', {
      items: [{ category: 'OtherSport', label: 'Chess' }],
    });
    const movie = { id: '0192e0a0-0000-7000-8000-00000000c0de', title: 'First title', year: 2024 };
    await call(a, admin, 'PUT', '/admin/v1/movies', { items: [movie] });
    await a.request({
      method: 'POST',
      url: '/admin/v1/history',
      headers: bearer(admin),
      payload: { items: [{ userId: user.id, movieId: movie.id, watchedAt: '2026-01-01T20:00:00Z' }] },
    });
    const labels = async () =>
      (await call(b, user.accessToken, 'GET', '/users/me/profile/preferences?filter=OtherSport'))
        .json()
        .data.map((option: { label: string }) => option.label);
    const titles = async () =>
      (await call(b, user.accessToken, 'GET', '/users/me/movies/history'))
        .json()
        .data.map((viewing: { title: string }) => viewing.title);
    assert.deepEqual(await labels(), ['Chess']);
    assert.deepEqual(await titles(), ['First title']);
    // Behind the instances' backs, B keeps answering from its caches…
    await a.database.db.updateTable('movies').set({ title: 'Changed behind' }).where('id', '=', movie.id).execute();
    assert.deepEqual(await titles(), ['First title']);
    // …until a write through the core tells every instance.
    const renamed = heard(b, (event) => event.type === 'catalogue.changed' && event.appId === app.appId);
    await call(a, admin, 'PUT', '/admin/v1/movies', { items: [{ ...movie, title: 'Second title' }] });
    await renamed;
    assert.deepEqual(await titles(), ['Second title']);
    const added = heard(b, (event) => event.type === 'catalogue.changed' && event.catalogue === 'preference_options');
    await call(a, admin, 'PUT', '/admin/v1/preference-options', {
      items: [{ category: 'OtherSport', label: 'Bridge' }],
    });
    await added;
    assert.deepEqual(await labels(), ['Bridge', 'Chess']);
  });

  it('caches nothing while its event connection is down, and forgets everything once it reads again', async () => {
    const busOfB = b.bus as PostgresEventBus;
    const user = await a.createUser(app, { displayName: 'One' });
    const victim = await a.createUser(app);
    assert.equal((await meOn(b, app, user)).json().displayName, 'One');
    assert.equal((await meOn(b, app, victim)).statusCode, 200);
    await sql`select pg_terminate_backend(${busOfB.listenerPid})`.execute(a.database.db);
    await eventually(() => !busOfB.live);

    // While B hears nothing: its reads go to the database and are not kept, so what A changes meanwhile is seen.
    assert.equal((await meOn(b, app, user)).json().displayName, 'One');
    assert.equal((await rename(a, app, user, 'Two')).statusCode, 200);
    const revoked = await a.request({
      method: 'POST',
      url: `/admin/v1/users/${victim.id}/revoke-tokens`,
      headers: bearer(await a.adminToken(app)),
    });
    assert.equal(revoked.statusCode, 200);
    assert.equal((await meOn(b, app, user)).json().displayName, 'Two');
    assert.equal((await meOn(b, app, victim)).statusCode, 401, 'a token revoked while B was deaf');
    assert.equal(b.core.cacheStats().users.entries, 0, 'nothing was cached while disconnected');

    await eventually(() => busOfB.live, 15_000);
    assert.equal((await meOn(b, app, user)).json().displayName, 'Two');
    // Events reach B again: a change after the reconnect invalidates what B cached after it.
    const reached = heard(b, ofUser('user.changed', user));
    assert.equal((await rename(a, app, user, 'Three')).statusCode, 200);
    await reached;
    assert.equal((await meOn(b, app, user)).json().displayName, 'Three');
  });

  it('stops answering from its caches within the bound when its event connection goes silent, before it knows', async () => {
    // C reaches PostgreSQL through a proxy that can silence its event connection alone, as a dead route would: no
    // event can reach C, and nothing tells C so until its reads of the outbox time out.
    const target = new URL(postgresUrl);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${proxy.port}`;
    const c = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
      env: { DATABASE_URL: target.toString() },
    });
    try {
      const busOfC = c.bus as PostgresEventBus;
      const user = await a.createUser(app);
      assert.equal((await meOn(c, app, user)).statusCode, 200, 'C has looked the token up and cached it');
      const { rows } = await sql<{ port: number }>`
        select client_port as port from pg_stat_activity where pid = ${busOfC.listenerPid}`.execute(a.database.db);
      assert.ok(proxy.silenceConnection(Number(rows[0]?.port)), "the proxy carries C's event connection");
      const losses = busOfC.connectionLosses;

      const revoked = await a.request({
        method: 'POST',
        url: `/admin/v1/users/${user.id}/revoke-tokens`,
        headers: bearer(await a.adminToken(app)),
      });
      assert.equal(revoked.statusCode, 200);
      assert.equal((await meOn(a, app, user)).statusCode, 401, 'at once on the instance that revoked');
      // C's reads go unanswered: once the latest that returned was sent longer ago than the bound, C no longer vouches
      // for its caches.
      await eventually(() => !busOfC.live);
      const onC = await meOn(c, app, user);
      assert.equal(onC.statusCode, 401, 'C read the token from the database');
      assert.equal(busOfC.connectionLosses, losses, 'C stopped trusting its caches before it knew the connection lost');
    } finally {
      await c.close();
      await proxy.close();
    }
  });

  it('leaves nothing committed when the publish fails, so no instance is left stale', async () => {
    const user = await a.createUser(app, { displayName: 'Kept' });
    assert.equal((await meOn(b, app, user)).json().displayName, 'Kept', 'B has it cached');
    const notifications = a.bus.notifications.bind(a.bus);
    const payloadsOf = a.bus.payloadsOf.bind(a.bus);
    // The transport fails inside the writing transaction (or statement, for a write of one statement: see
    // `UnitOfWork.writeWithEvents`): the outbox refuses a row without a payload.
    a.bus.notifications = (events) =>
      events.length === 0 ? [] : [{ ...notifications(events)[0], parameters: [[null]] } as never];
    a.bus.payloadsOf = (events) => (events.length === 0 ? undefined : [null as never]);
    try {
      const failed = await rename(a, app, user, 'Lost');
      assert.ok(failed.statusCode >= 500, `a failed publish fails the request: ${failed.statusCode}`);
      assert.doesNotMatch(failed.body, /event_outbox|payload/i, 'the cause is not shown');
    } finally {
      a.bus.notifications = notifications;
      a.bus.payloadsOf = payloadsOf;
    }
    const stored = await a.database.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.display_name, 'Kept', 'the write rolled back with its publish');
    assert.equal((await meOn(a, app, user)).json().displayName, 'Kept');
    assert.equal((await meOn(b, app, user)).json().displayName, 'Kept');
    const reached = heard(b, ofUser('user.changed', user));
    assert.equal((await rename(a, app, user, 'Saved')).statusCode, 200, 'the next write goes through');
    await reached;
    assert.equal((await meOn(b, app, user)).json().displayName, 'Saved');
  });

  it('delivers to every handler though one throws and one rejects, and the write succeeds', async () => {
    const failures: string[] = [];
    for (const instance of [a, b]) {
      instance.bus.reportHandlerErrorsTo((error) => failures.push(String((error as Error).message)));
    }
    const unsubscribe = [a, b].flatMap((instance) => [
      instance.bus.subscribe(() => {
        throw new Error('a handler threw');
      }),
      instance.bus.subscribe(async () => {
        throw new Error('a handler rejected');
      }),
    ]);
    try {
      const user = await a.createUser(app, { displayName: 'Before' });
      assert.equal((await meOn(a, app, user)).json().displayName, 'Before');
      assert.equal((await meOn(b, app, user)).json().displayName, 'Before');
      const reached = heard(b, ofUser('user.changed', user));
      assert.equal((await rename(a, app, user, 'After')).statusCode, 200);
      assert.equal((await meOn(a, app, user)).json().displayName, 'After', "A's cache was invalidated all the same");
      await reached;
      assert.equal((await meOn(b, app, user)).json().displayName, 'After', "and B's");
      await eventually(() => failures.length >= 4);
      assert.ok(failures.includes('a handler threw') && failures.includes('a handler rejected'));
    } finally {
      for (const stop of unsubscribe) stop();
    }
  });
});

for (const database of testDatabases) {
  describe(`handlers on one instance on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp();
    });
    after(() => persona.close());

    it('a throwing handler stops neither the write nor the cache invalidation', async () => {
      const failures: unknown[] = [];
      persona.bus.reportHandlerErrorsTo((error) => failures.push(error));
      const stop = persona.bus.subscribe(() => {
        throw new Error('a handler threw');
      });
      try {
        const user = await persona.createUser(app, { displayName: 'Before' });
        assert.equal((await meOn(persona, app, user)).json().displayName, 'Before');
        assert.equal((await rename(persona, app, user, 'After')).statusCode, 200);
        assert.equal((await meOn(persona, app, user)).json().displayName, 'After');
        assert.ok(failures.length > 0, 'the failure was reported');
      } finally {
        stop();
      }
    });
  });
}
