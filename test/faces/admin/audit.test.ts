import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona } from '../../helpers/persona.ts';

interface AuditItem {
  id: string;
  occurredAt: string;
  actor: { kind: string; id: string | null; address: string | null };
  action: string;
  userId: string | null;
  details: Record<string, unknown>;
}

for (const database of testDatabases) {
  describe(`the audit log on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona?.close());

    const call = async (token: string, method: string, url: string, payload?: unknown) =>
      persona.request({
        method: method as 'GET',
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    // Each read gets an admin token of its own, which is itself audited (`admin.session_started`); unless a test asks
    // for that action, those entries are left out of what the tests count.
    const audit = async (app: CreatedApp, query = ''): Promise<{ items: AuditItem[]; nextCursor: string | null }> => {
      const response = await call(await persona.adminToken(app), 'GET', `/admin/v1/audit?limit=100${query}`);
      assert.equal(response.statusCode, 200, response.body);
      const page: { items: AuditItem[]; nextCursor: string | null } = response.json();
      if (query.includes('action=')) return page;
      return { ...page, items: page.items.filter((item) => item.action !== 'admin.session_started') };
    };

    it('records every sensitive action with its actor, newest first, and no secret', async () => {
      const app = await persona.createApp();
      const admin = await persona.adminToken(app);
      const user = await persona.createUser(app);
      const other = await persona.createUser(app);
      const expectations: [string, string | null][] = [];
      const expectOk = async (status: number, method: string, url: string, payload?: unknown, token = admin) => {
        const response = await call(token, method, url, payload);
        assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
        return response;
      };
      await expectOk(200, 'PATCH', '/admin/v1/app', { settings: { maxProfilesPerAccount: 4 } });
      expectations.push(['app.settings_changed', null]);
      await expectOk(200, 'PATCH', `/admin/v1/users/${user.id}`, { displayName: 'Renamed', emailVerified: true });
      expectations.push(['user.updated', user.id]);
      await expectOk(200, 'PUT', `/admin/v1/users/${user.id}/status`, { disabled: true });
      expectations.push(['user.disabled', user.id]);
      await expectOk(200, 'PUT', `/admin/v1/users/${user.id}/status`, { disabled: false });
      expectations.push(['user.enabled', user.id]);
      await expectOk(200, 'POST', `/admin/v1/users/${user.id}/revoke-tokens`);
      expectations.push(['user.tokens_revoked', user.id]);
      await expectOk(
        204,
        'PUT',
        `/api/apps/${app.appId}/users/${other.id}/password`,
        { oldPassword: other.password, newPassword: 'a-secret-new-password' },
        other.accessToken,
      );
      expectations.push(['user.password_changed', other.id]);
      await expectOk(200, 'PUT', '/admin/v1/icons', { items: [{ id: 'star', uri: 'https://cdn.example/star.png' }] });
      expectations.push(['catalogue.items_saved', null]);
      await expectOk(204, 'DELETE', '/admin/v1/icons/star');
      expectations.push(['catalogue.item_deleted', null]);
      await expectOk(204, 'DELETE', `/admin/v1/users/${user.id}`);
      expectations.push(['user.deleted', user.id]);
      const rotated = await expectOk(200, 'POST', '/admin/v1/app/rotate-secret');
      expectations.push(['app.client_secret_rotated', null]);

      const fresh = { ...app, clientSecret: rotated.json().clientSecret };
      const { items } = await audit(fresh);
      const ours = items.filter((item) => item.action !== 'credentials.locked');
      assert.deepEqual(
        ours.map((item) => [item.action, item.userId]),
        expectations.toReversed(),
        'every action, newest first',
      );
      const byAdmin = ours.filter((item) => item.action !== 'user.password_changed');
      for (const item of byAdmin) assert.deepEqual(item.actor.kind, 'admin', item.action);
      assert.equal(byAdmin[0]?.actor.id, app.clientId);
      const passwordChange = ours.find((item) => item.action === 'user.password_changed');
      assert.deepEqual(passwordChange?.actor, { kind: 'user', id: other.id, address: '127.0.0.1' });
      assert.deepEqual(ours.find((item) => item.action === 'user.updated')?.details, {
        fields: ['displayName', 'emailVerified'],
      });
      const sessions = await audit(fresh, '&action=admin.session_started');
      assert.ok(sessions.items.length >= 2, 'the admin tokens of this test, the one reading the log included');
      for (const item of sessions.items) {
        assert.equal(item.actor.kind, 'admin');
        assert.equal(item.actor.id, app.clientId);
        assert.equal(item.actor.address, '127.0.0.1');
        assert.equal(typeof item.details.tokenId, 'string');
      }
      const text = JSON.stringify([items, sessions.items]);
      for (const secret of [other.password, 'a-secret-new-password', rotated.json().clientSecret, app.clientSecret]) {
        assert.ok(!text.includes(secret), 'no secret in the log');
      }
      assert.ok(!text.includes('Renamed'), 'field names, not values');
    });

    it('filters by user, action and time, and pages with a cursor', async () => {
      const app = await persona.createApp();
      const admin = await persona.adminToken(app);
      const users = [await persona.createUser(app), await persona.createUser(app)];
      const start = new Date().toISOString();
      for (let i = 0; i < 3; i++) {
        for (const user of users) {
          const response = await call(admin, 'POST', `/admin/v1/users/${user.id}/revoke-tokens`);
          assert.equal(response.statusCode, 200);
        }
      }
      const first = users[0]?.id as string;
      const mine = await audit(app, `&userId=${first}`);
      assert.equal(mine.items.length, 3);
      assert.ok(mine.items.every((item) => item.userId === first));
      assert.equal((await audit(app, '&action=user.tokens_revoked')).items.length, 6);
      assert.equal((await audit(app, '&action=user.deleted')).items.length, 0);
      assert.equal((await audit(app, `&from=${encodeURIComponent(start)}`)).items.length, 6);
      assert.equal((await audit(app, `&to=${encodeURIComponent(start)}`)).items.length, 0);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await call(
          admin,
          'GET',
          `/admin/v1/audit?action=user.tokens_revoked&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = response.json();
        seen.push(...page.items.map((item: AuditItem) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 6);
      assert.equal(new Set(seen).size, 6);
      assert.deepEqual(seen, seen.toSorted().toReversed(), 'newest first');
    });

    it('records nothing of a change that did not happen', async () => {
      const app = await persona.createApp();
      const admin = await persona.adminToken(app);
      await call(admin, 'PUT', '/admin/v1/ratings-bodies', {
        items: [{ id: 'MPAA', name: 'MPAA', ratings: ['G', 'PG'] }],
      });
      const movie = await call(admin, 'PUT', '/admin/v1/movies', {
        items: [{ id: randomUUID(), title: 'Rated', year: 2001, ratings: { MPAA: 'PG' } }],
      });
      assert.equal(movie.statusCode, 200, movie.body);
      const before = (await audit(app)).items.length;
      const inUse = await call(admin, 'DELETE', '/admin/v1/ratings-bodies/MPAA');
      assert.equal(inUse.statusCode, 409, inUse.body);
      const unknown = await call(admin, 'PUT', '/admin/v1/users/01890000-0000-7000-8000-000000000000/status', {
        disabled: true,
      });
      assert.equal(unknown.statusCode, 404);
      const badSettings = await call(admin, 'PATCH', '/admin/v1/app', { settings: { logInLockAfterFailures: 0 } });
      assert.equal(badSettings.statusCode, 400);
      assert.equal((await audit(app)).items.length, before);
    });

    it('refuses users, other apps and bad filters', async () => {
      const app = await persona.createApp();
      const user = await persona.createUser(app);
      assert.equal((await call(user.accessToken, 'GET', '/admin/v1/audit')).statusCode, 403);
      assert.equal(
        (await persona.request({ method: 'GET', url: '/admin/v1/audit', headers: appHeaders(app) })).statusCode,
        401,
      );
      const admin = await persona.adminToken(app);
      for (const query of [
        'action=nope',
        'from=yesterday',
        'cursor=zzz',
        'limit=0',
        'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      ]) {
        const response = await call(admin, 'GET', `/admin/v1/audit?${query}`);
        assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      }
      const otherApp = await persona.createApp();
      await call(await persona.adminToken(otherApp), 'POST', `/admin/v1/users/${user.id}/revoke-tokens`);
      assert.equal(
        (await audit(app, '&action=user.tokens_revoked')).items.length,
        0,
        'another app’s attempt is not ours',
      );
    });
  });
}
