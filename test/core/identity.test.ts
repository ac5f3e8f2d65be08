import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { AccountsService } from '../../src/core/accounts/accounts.service.ts';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { UsersRepository } from '../../src/core/identity/users.repository.ts';
import type { AnonymousPrincipal, UserPrincipal } from '../../src/core/principal.ts';
import { testDatabases } from '../helpers/databases.ts';
import {
  appHeaders,
  bearer,
  eventually,
  startPersona,
  type TestPersona,
  type TestUser,
  uniqueName,
} from '../helpers/persona.ts';

const registration = 'application/vnd.kii.RegistrationRequest+json';

for (const database of testDatabases) {
  describe(`identity rules on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let otherApp: CreatedApp;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp();
      otherApp = await persona.createApp('Other');
    });
    after(() => persona.close());

    const signUp = (payload: Record<string, unknown>) =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users`,
        headers: { ...appHeaders(app), 'content-type': registration },
        payload,
      });
    const update = (user: TestUser, payload: Record<string, unknown>, ref = 'me') =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/${ref}`,
        headers: bearer(user.accessToken),
        payload,
      });
    const displayNameOf = async (userId: string) =>
      (
        await persona.database.db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', userId)
          .executeTakeFirstOrThrow()
      ).display_name;

    it('names the identifier that is taken by its constraint, never by the values in the message', async () => {
      // The email holds the text "login_name": matching PostgreSQL's detail reported field loginName.
      const email = `login_name.${uniqueName()}@example.com`;
      assert.equal(
        (await signUp({ loginName: uniqueName(), emailAddress: email, password: 'secret-1' })).statusCode,
        201,
      );
      const taken = await signUp({ loginName: uniqueName(), emailAddress: email, password: 'secret-1' });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().field, 'emailAddress');
      const phone = `+4915${String(Date.now()).slice(-8)}`;
      const login = `email_key${uniqueName()}`;
      assert.equal((await signUp({ loginName: login, phoneNumber: phone, password: 'secret-1' })).statusCode, 201);
      const phoneTaken = await signUp({ loginName: uniqueName(), phoneNumber: phone, password: 'secret-1' });
      assert.equal(phoneTaken.json().field, 'phoneNumber');
      const loginTaken = await signUp({ loginName: login.toUpperCase(), password: 'secret-1' });
      assert.equal(loginTaken.json().field, 'loginName');
    });

    it('gives every user an internal id of the database, distinct under concurrent sign-ups', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => signUp({ loginName: uniqueName(), password: 'secret-1' })),
      );
      const ids = responses.map((r) => {
        assert.equal(r.statusCode, 201, r.body);
        return r.json().internalUserID as number;
      });
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.ok(Number.isSafeInteger(id) && id > 0, String(id));
    });

    it('answers 404 for a user id the app does not have, before 403 for one it has', async () => {
      const caller = await persona.createUser(app);
      const other = await persona.createUser(app);
      const elsewhere = await persona.createUser(otherApp);
      const unknown = '01900000-0000-7000-8000-000000000000';
      for (const [target, status, errorCode] of [
        [unknown, 404, 'USER_NOT_FOUND'],
        [elsewhere.id, 404, 'USER_NOT_FOUND'],
        [other.id, 403, 'UNAUTHORIZED'],
      ] as const) {
        const updated = await update(caller, { displayName: 'x' }, target);
        assert.equal(updated.statusCode, status, `update ${target}: ${updated.body}`);
        assert.equal(updated.json().errorCode, errorCode);
        const deleted = await persona.request({
          method: 'DELETE',
          url: `/api/apps/${app.appId}/users/${target}`,
          headers: bearer(caller.accessToken),
        });
        assert.equal(deleted.statusCode, status, `delete ${target}`);
        const password = await persona.request({
          method: 'PUT',
          url: `/api/apps/${app.appId}/users/${target}/password`,
          headers: bearer(caller.accessToken),
          payload: { oldPassword: 'x-x-x-x', newPassword: 'y-y-y-y' },
        });
        assert.equal(password.statusCode, status, `password ${target}`);
      }
      assert.equal((await displayNameOf(other.id)) ?? null, null, 'nothing changed');
    });

    it('tells an expired access token from an unknown or ended one', async () => {
      const user = await persona.createUser(app);
      const admin = await persona.adminToken(app);
      await persona.database.db
        .updateTable('tokens')
        .set({ expires_at: Date.now() - 1000 })
        .where('user_id', '=', user.id)
        .where('kind', '=', 'access')
        .execute();
      const adminOf = (token: string) =>
        persona.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(token) });
      // The user's token: through the admin face, whose problem codes tell the cases apart.
      assert.equal((await adminOf(user.accessToken)).json().code, 'token_expired');
      assert.equal((await adminOf(`${app.appId}.no-such-token`)).json().code, 'invalid_token');
      assert.equal((await adminOf('garbage')).json().code, 'invalid_token');
      await persona.request({
        method: 'POST',
        url: `/admin/v1/users/${user.id}/revoke-tokens`,
        headers: bearer(admin),
      });
      assert.equal((await adminOf(user.accessToken)).json().code, 'invalid_token', 'ended, not expired');
      // Kii does not tell them apart.
      const kii = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: bearer(user.accessToken),
      });
      assert.equal(kii.json().errorCode, 'WRONG_TOKEN');
    });

    it('refreshes keeping the refresh token (v1) or rotating it (Kii), on the same profile', async () => {
      const user = await persona.createUser(app);
      const anonymous: AnonymousPrincipal = { kind: 'anonymous', appId: app.appId };
      const kept = await persona.core.sessions.refresh(anonymous, user.refreshToken, { rotate: false });
      assert.equal(kept.refreshToken, user.refreshToken);
      assert.notEqual(kept.accessToken, user.accessToken);
      const again = await persona.core.sessions.refresh(anonymous, user.refreshToken, { rotate: false });
      assert.notEqual(again.accessToken, kept.accessToken);
      // A log-in binds the account's default profile, and a refresh keeps the profile of the token it replaces.
      const defaultProfile = await persona.database.db
        .selectFrom('profiles')
        .select('id')
        .where('user_id', '=', user.id)
        .where('is_default', '=', true)
        .executeTakeFirstOrThrow();
      for (const token of [user.accessToken, kept.accessToken, again.accessToken]) {
        const principal = (await persona.core.sessions.authenticate(token, app.appId)) as UserPrincipal;
        assert.equal(principal.userId, user.id);
        assert.deepEqual(principal.profile, { id: defaultProfile.id, child: false, ratingThresholds: [] });
      }
      const rotated = await persona.core.sessions.refresh(anonymous, user.refreshToken, { rotate: true });
      assert.notEqual(rotated.refreshToken, user.refreshToken);
      await assert.rejects(
        persona.core.sessions.refresh(anonymous, user.refreshToken, { rotate: false }),
        { code: 'invalid_grant' },
        'a rotated refresh token is used up',
      );
      await assert.rejects(persona.core.sessions.authenticate(kept.accessToken, app.appId), { code: 'invalid_token' });

      await persona.database.db
        .updateTable('tokens')
        .set({ expires_at: Date.now() - 1000 })
        .where('user_id', '=', user.id)
        .where('kind', '=', 'refresh')
        .execute();
      for (const rotate of [false, true]) {
        await assert.rejects(persona.core.sessions.refresh(anonymous, rotated.refreshToken as string, { rotate }), {
          code: 'refresh_token_expired',
        });
      }
      await assert.rejects(
        persona.core.sessions.refresh({ kind: 'anonymous', appId: otherApp.appId }, rotated.refreshToken as string, {
          rotate: true,
        }),
        { code: 'invalid_grant' },
        "another app's refresh token",
      );
    });

    it('recomputes an update made on a stale read instead of applying it', async () => {
      const user = await persona.createUser(app, { displayName: 'Original' });
      const me = () =>
        persona.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) });
      assert.equal((await me()).json().displayName, 'Original', 'cached now');
      // Another writer, unseen by the cache: the cached row is stale.
      await persona.database.db
        .updateTable('users')
        .set((eb) => ({ display_name: 'Theirs', modified_at: eb('modified_at', '+', 5) }))
        .where('id', '=', user.id)
        .execute();
      // Computed on the stale row this update changes nothing (Original → Original); on the row as it is it must.
      const response = await update(user, { displayName: 'Original' });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(await displayNameOf(user.id), 'Original');
    });

    it('applies every one of many concurrent updates of one user in turn: all succeed, the last stays', async () => {
      const user = await persona.createUser(app, { displayName: 'Start' });
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => update(user, { displayName: `Name ${i}`, round: i })),
      );
      for (const response of responses) assert.equal(response.statusCode, 200, response.body);
      const times = responses.map((r) => r.json().modifiedAt as number);
      assert.equal(new Set(times).size, times.length, 'each update has its own modification time');
      const last = times.indexOf(Math.max(...times));
      assert.equal(await displayNameOf(user.id), `Name ${last}`, 'what is stored is the update that committed last');
    });

    it('answers conflict if even the write under lock found the row changed', async () => {
      const user = await persona.createUser(app);
      // A repository whose guarded writes never hold: a writer always in between, which the lock should prevent.
      class AlwaysOvertaken extends UsersRepository {
        writes = 0;
        override async updateUser(): Promise<number | undefined> {
          this.writes++;
          return undefined;
        }
      }
      const users = new AlwaysOvertaken(persona.database.unitOfWork, persona.bus, { maxBytes: 0, ttlMs: 1 });
      const accounts = new AccountsService(
        persona.database.unitOfWork,
        users,
        {} as never,
        persona.core.identity,
        persona.core.apps,
        {
          preferences: async () => [],
          studentInformation: async () => [],
          history: async () => [],
          profiles: async () => [],
          social: async () => ({ memberships: [], referrerId: null }),
        },
        persona.core.audit,
        persona.core.passwords,
      );
      const principal = (await persona.core.sessions.authenticate(user.accessToken, app.appId)) as UserPrincipal;
      await assert.rejects(accounts.updateUser(principal, 'me', { displayName: 'Never' }), { code: 'conflict' });
      assert.equal(users.writes, 2, 'once on the cached row, once on the row read under lock');
    });
  });
}

const postgres = testDatabases.find((d) => d.name === 'postgres');
assert.ok(postgres);

describe('racing updates on PostgreSQL', { skip: postgres.skip }, () => {
  let persona: TestPersona;
  let app: CreatedApp;
  before(async () => {
    persona = await startPersona(postgres);
    app = await persona.createApp();
  });
  after(() => persona.close());

  it('loses neither of two updates that read the same row: the later one wins', async () => {
    const user = await persona.createUser(app, { displayName: 'Original' });
    const locker = new pg.Client({ connectionString: persona.config.databaseUrl });
    await locker.connect();
    const send = (displayName: string) =>
      persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/me`,
        headers: bearer(user.accessToken),
        payload: { displayName },
      });
    /** Backends waiting for the locker's row lock, directly or behind another waiter. */
    const waitingOnTheLock = async () =>
      Number(
        (
          await locker.query(
            `with blocked as (
               select pid, pg_blocking_pids(pid) as by from pg_stat_activity where wait_event_type = 'Lock')
             select count(*) as n from blocked b
             where pg_backend_pid() = any(b.by)
                or exists (select 1 from blocked c where c.pid = any(b.by) and pg_backend_pid() = any(c.by))`,
          )
        ).rows[0].n,
      );
    try {
      await locker.query(`set search_path = ${persona.config.databaseSchema}`);
      await locker.query('begin');
      await locker.query('select id from users where id = $1 for update', [user.id]);
      // First: rename to Theirs. It reads Original, then waits for the row.
      const first = send('Theirs');
      await eventually(async () => (await waitingOnTheLock()) === 1);
      // Second: back to Original. It read Original too, so on its read the name does not change: without a guard
      // it would write only the modification time, after the first, and leave Theirs in place.
      const second = send('Original');
      await eventually(async () => (await waitingOnTheLock()) === 2);
      await locker.query('commit');
      const [a, b] = await Promise.all([first, second]);
      assert.equal(a.statusCode, 200, a.body);
      assert.equal(b.statusCode, 200, b.body);
      assert.ok(b.json().modifiedAt > a.json().modifiedAt, 'the second committed last');
      const stored = await persona.database.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.display_name, 'Original', 'the update that committed last is what is stored');
    } finally {
      await locker.query('rollback').catch(() => {});
      await locker.end();
    }
  });
});
