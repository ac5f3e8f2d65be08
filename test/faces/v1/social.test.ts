import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { referralCodeOf } from '../../../src/core/accounts/public-profile.ts';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';
import { assertV1Error, register, type V1Session, v1AppHeaders, v1Call } from './helpers.ts';

const newHandle = (prefix = 'h') => uniqueName(prefix).toLowerCase().slice(-30);
const newSlug = () => uniqueName('c').toLowerCase().slice(-40);

for (const database of testDatabases) {
  describe(`v1 containers, public profiles and referrals on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const admin = async (app: CreatedApp, method: InjectOptions['method'], url: string, payload?: unknown) =>
      persona.request({
        method,
        url: `/admin/v1${url}`,
        headers: bearer(await persona.adminToken(app)),
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const saveContainer = async (app: CreatedApp, body: Record<string, unknown>) => {
      const response = await admin(app, 'PUT', '/containers', body);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { id: string; slug: string; name: string };
    };
    const join = (session: V1Session, ref: string) =>
      v1Call(persona, session.sessionToken, 'POST', `/v1/user/containers/${ref}/join`);
    const publicProfile = (token: string, username: string, containerId: string) =>
      v1Call(persona, token, 'GET', `/v1/user/by-id/${username}/public?containerId=${containerId}`);
    const referrals = (session: V1Session, query = '') =>
      v1Call(persona, session.sessionToken, 'GET', `/v1/user/referrals${query}`);
    const post = (url: string, payload: unknown, headers: Record<string, string>) =>
      persona.request({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });

    describe('containers', () => {
      it('are created and changed by the admin: by id when given, else by slug', async () => {
        const app = await persona.createApp();
        const slug = newSlug();
        const created = await saveContainer(app, { slug, name: 'Guild' });
        assert.match(created.id, /^[0-9a-f-]{36}$/);
        const renamed = await saveContainer(app, { slug, name: 'The Guild' });
        assert.equal(renamed.id, created.id);
        assert.equal(renamed.name, 'The Guild');
        const chosen = await saveContainer(app, { id: 'season-1', slug: newSlug(), name: 'Season 1' });
        assert.equal(chosen.id, 'season-1');
        const reslugged = await saveContainer(app, { id: 'season-1', slug: `${slug}-x`, name: 'Season 1' });
        assert.equal(reslugged.slug, `${slug}-x`);
        const taken = await admin(app, 'PUT', '/containers', { id: 'season-1', slug, name: 'Season 1' });
        assert.equal(taken.statusCode, 409, taken.body);
        assert.equal(taken.json().code, 'container_slug_taken');
        const list = await admin(app, 'GET', '/containers?limit=1');
        assert.equal(list.statusCode, 200, list.body);
        assert.equal(list.json().items.length, 1);
        const rest = await admin(app, 'GET', `/containers?cursor=${list.json().nextCursor}`);
        assert.equal(rest.json().items.length, 1);
        assert.equal(rest.json().nextCursor, null);
      });

      it('refuse bad input, users and anonymous callers; another app sees none of them', async () => {
        const app = await persona.createApp();
        const other = await persona.createApp();
        for (const body of [{ slug: 'Upper', name: 'x' }, { slug: 'ok', name: '  ' }, { slug: 'ok' }]) {
          const refused = await admin(app, 'PUT', '/containers', body);
          assert.equal(refused.statusCode, 400, `${JSON.stringify(body)}: ${refused.body}`);
        }
        const user = await register(persona, app);
        const asUser = await persona.request({
          method: 'PUT',
          url: '/admin/v1/containers',
          headers: bearer(user.sessionToken),
          payload: { slug: 'x1', name: 'x' },
        });
        assert.equal(asUser.statusCode, 403, asUser.body);
        const anonymous = await persona.request({
          method: 'PUT',
          url: '/admin/v1/containers',
          payload: { slug: 'x1', name: 'x' },
        });
        assert.equal(anonymous.statusCode, 401, anonymous.body);
        const container = await saveContainer(app, { slug: newSlug(), name: 'Mine' });
        assert.deepEqual((await admin(other, 'GET', '/containers')).json().items, []);
        const elsewhere = await admin(other, 'POST', `/containers/${container.id}/members`, { userIds: [user.userId] });
        assert.equal(elsewhere.statusCode, 404, elsewhere.body);
        assert.equal(elsewhere.json().code, 'container_not_found');
      });

      it('get members from the admin: every id checked first, unknown ones named and none added', async () => {
        const app = await persona.createApp();
        const other = await persona.createApp();
        const container = await saveContainer(app, { slug: newSlug(), name: 'Guild' });
        const [a, b] = await Promise.all([register(persona, app), register(persona, app)]);
        const stranger = await register(persona, other);
        const refused = await admin(app, 'POST', `/containers/${container.slug}/members`, {
          userIds: [a.userId, stranger.userId, 'no-such-user'],
        });
        assert.equal(refused.statusCode, 400, refused.body);
        assert.deepEqual(
          refused.json().errors.map((e: { field: string }) => e.field),
          ['userIds[1]', 'userIds[2]'],
        );
        assertV1Error(await publicProfile(b.sessionToken, a.userId, container.id), 404, 'generic_not_found');
        const added = await admin(app, 'POST', `/containers/${container.slug}/members`, {
          userIds: [a.userId, b.userId, a.userId],
        });
        assert.equal(added.statusCode, 200, added.body);
        assert.deepEqual(added.json(), { count: 2 });
        const again = await admin(app, 'POST', `/containers/${container.id}/members`, { userIds: [a.userId] });
        assert.deepEqual(again.json(), { count: 0 });
        assert.equal((await publicProfile(b.sessionToken, a.userId, container.id)).statusCode, 200);
      });

      it('are joined by users by id or slug: 201, then 200 with the first joining time', async () => {
        const app = await persona.createApp();
        const container = await saveContainer(app, { slug: newSlug(), name: 'Guild' });
        const user = await register(persona, app);
        const joined = await join(user, container.slug);
        assert.equal(joined.statusCode, 201, joined.body);
        assert.deepEqual(Object.keys(joined.json()).sort(), ['containerId', 'joinedAt', 'name', 'slug']);
        assert.equal(joined.json().containerId, container.id);
        const again = await join(user, container.id);
        assert.equal(again.statusCode, 200, again.body);
        assert.equal(again.json().joinedAt, joined.json().joinedAt);
        assertV1Error(await join(user, 'no-such-container'), 404, 'generic_not_found', 10007);
        const exported = await admin(app, 'GET', `/users/${user.userId}/export`);
        assert.deepEqual(exported.json().memberships, [
          { containerId: container.id, joinedAt: joined.json().joinedAt },
        ]);
        const adminJoin = await v1Call(
          persona,
          await persona.adminToken(app),
          'POST',
          `/v1/user/containers/${container.id}/join`,
        );
        assertV1Error(adminJoin, 403, 'generic_forbidden');
        const other = await persona.createApp();
        assertV1Error(await join(await register(persona, other), container.id), 404, 'generic_not_found');
      });
    });

    describe('public profiles', () => {
      it('show the fixed public fields of a member, by handle (any case) or id, to any token of the app', async () => {
        const app = await persona.createApp();
        const container = await saveContainer(app, { slug: newSlug(), name: 'Guild' });
        const handle = newHandle('Pub_');
        const member = await register(persona, app, { handle });
        await v1Call(persona, member.sessionToken, 'POST', '/v1/user/profile', {
          displayName: 'Ana',
          biography: 'Hi',
          dateOfBirth: { year: 1990, month: 1, day: 2 },
        });
        // A custom field set through the Kii face stays private too.
        const custom = await persona.request({
          method: 'POST',
          url: `/api/apps/${app.appId}/users/me`,
          headers: { ...bearer(member.sessionToken), 'content-type': 'application/json' },
          payload: { secretNote: 'private' },
        });
        assert.equal(custom.statusCode, 200, custom.body);
        await join(member, container.id);
        const reader = await register(persona, app);
        for (const username of [handle, handle.toUpperCase(), member.userId]) {
          const seen = await publicProfile(reader.sessionToken, username, container.slug);
          assert.equal(seen.statusCode, 200, seen.body);
          const body = seen.json();
          assert.deepEqual(Object.keys(body).sort(), [
            'avatarUrl',
            'biography',
            'displayName',
            'handle',
            'id',
            'memberSince',
          ]);
          assert.equal(body.id, member.userId);
          assert.equal(body.handle, handle);
          assert.equal(body.biography, 'Hi');
          assert.doesNotMatch(seen.body, /example\.com|1990|private/);
        }
        const asAdmin = await publicProfile(await persona.adminToken(app), handle, container.id);
        assert.equal(asAdmin.statusCode, 200, asAdmin.body);
      });

      it('are 404 for non-members, unknown users and containers, and other apps; 401 without a token', async () => {
        const app = await persona.createApp();
        const container = await saveContainer(app, { slug: newSlug(), name: 'Guild' });
        const elsewhereContainer = await saveContainer(app, { slug: newSlug(), name: 'Other guild' });
        const handle = newHandle();
        const member = await register(persona, app, { handle });
        await join(member, container.id);
        const reader = await register(persona, app);
        assertV1Error(
          await publicProfile(reader.sessionToken, handle, elsewhereContainer.id),
          404,
          'generic_not_found',
        );
        assertV1Error(await publicProfile(reader.sessionToken, 'nobody_here', container.id), 404, 'generic_not_found');
        assertV1Error(await publicProfile(reader.sessionToken, handle, 'no-such'), 404, 'generic_not_found');
        const other = await persona.createApp();
        const outsider = await register(persona, other);
        assertV1Error(await publicProfile(outsider.sessionToken, handle, container.id), 404, 'generic_not_found');
        assertV1Error(
          await v1Call(persona, undefined, 'GET', `/v1/user/by-id/${handle}/public?containerId=${container.id}`),
          401,
          'GENERIC_UNAUTHORIZED',
        );
        assertV1Error(
          await v1Call(persona, reader.sessionToken, 'GET', `/v1/user/by-id/${handle}/public`),
          400,
          'generic_client_error',
        );
      });
    });

    describe('referrals', () => {
      it('are recorded at registration by handle or referral code, and listed newest first', async () => {
        const app = await persona.createApp();
        const referrer = await register(persona, app);
        const code = (
          await v1Call(persona, referrer.sessionToken, 'GET', '/v1/user/profile?fields=referralCode')
        ).json().referralCode as string;
        assert.match(code, /^r-/);
        const first = await register(persona, app, { referrerHandle: code.toUpperCase(), handle: newHandle('f') });
        const handle = newHandle('Ref_');
        await v1Call(persona, referrer.sessionToken, 'POST', '/v1/user/profile', { handle });
        const second = await register(persona, app, { referrerHandle: handle.toLowerCase() });
        const list = await referrals(referrer);
        assert.equal(list.statusCode, 200, list.body);
        const body = list.json();
        assert.equal(body.total, 2);
        assert.equal(body.page, 1);
        assert.equal(body.limit, 20);
        assert.deepEqual(
          body.items.map((item: { userId: string }) => item.userId),
          [second.userId, first.userId],
        );
        assert.deepEqual(Object.keys(body.items[1]).sort(), ['displayName', 'handle', 'joinedAt', 'userId']);
        const paged = await referrals(referrer, '?page=2&limit=1');
        assert.deepEqual(
          paged.json().items.map((item: { userId: string }) => item.userId),
          [first.userId],
        );
        assert.equal(paged.json().total, 2);
        assert.equal((await referrals(first)).json().total, 0);
        const exported = await admin(app, 'GET', `/users/${first.userId}/export`);
        assert.equal(exported.statusCode, 200, exported.body);
        assert.equal(exported.json().referrerId, referrer.userId);
        assertV1Error(await referrals(referrer, '?limit=101'), 400, 'generic_client_error');
      });

      it('refuse a referrer no user of the app is, creating no account', async () => {
        const app = await persona.createApp();
        const other = await persona.createApp();
        const stranger = await register(persona, other, { handle: newHandle('s') });
        const strangerHandle = (
          await v1Call(persona, stranger.sessionToken, 'GET', '/v1/user/profile?fields=handle')
        ).json().handle;
        for (const referrerHandle of ['nobody_at_all', strangerHandle, 'r-00000000']) {
          const email = `${uniqueName()}@example.com`;
          const refused = await post(
            '/v1/user/auth/register',
            { email, password: 'pass-word1', referrerHandle },
            v1AppHeaders(app),
          );
          const body = assertV1Error(refused, 400, 'generic_client_error');
          assert.equal(body.details?.[0]?.field, 'referrerHandle');
          assertV1Error(
            await post('/v1/user/auth/login', { username: email, password: 'pass-word1' }, v1AppHeaders(app)),
            401,
            'GENERIC_UNAUTHORIZED',
          );
        }
      });

      it('are taken at the first log-in only, at most one per user, never oneself', async () => {
        const app = await persona.createApp();
        const referrer = await register(persona, app, { handle: newHandle('r') });
        const referrerHandle = (
          await v1Call(persona, referrer.sessionToken, 'GET', '/v1/user/profile?fields=handle')
        ).json().handle;
        const another = await register(persona, app, { handle: newHandle('a') });
        const anotherHandle = (
          await v1Call(persona, another.sessionToken, 'GET', '/v1/user/profile?fields=handle')
        ).json().handle;
        // Signed up through the Kii face, never logged in: its first log-in here names the referrer.
        const signUp = async () => {
          const loginName = uniqueName();
          const response = await persona.request({
            method: 'POST',
            url: `/api/apps/${app.appId}/users`,
            headers: { ...appHeaders(app), 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
            payload: { loginName, password: 'pass-word1' },
          });
          assert.equal(response.statusCode, 201, response.body);
          return {
            loginName,
            id: response.json().userID as string,
            internalId: response.json().internalUserID as number,
          };
        };
        const logIn = (username: string, named: string) =>
          post('/v1/user/auth/login', { username, password: 'pass-word1', referrerHandle: named }, v1AppHeaders(app));
        const fresh = await signUp();
        assert.equal((await logIn(fresh.loginName, referrerHandle)).statusCode, 200);
        assert.equal((await logIn(fresh.loginName, anotherHandle)).statusCode, 200);
        // A user who logged in before (the Kii helper logs in) names nobody at a later log-in.
        const seasoned = await persona.createUser(app);
        assert.equal((await logIn(seasoned.loginName, referrerHandle)).statusCode, 200);
        // Naming oneself at the first log-in (by one's own referral code) is not recorded; the log-in succeeds.
        const self = await signUp();
        const ownCode = referralCodeOf({ handle: null, internalId: self.internalId });
        assert.equal((await logIn(self.loginName, ownCode)).statusCode, 200);
        const list = (await referrals(referrer)).json();
        assert.deepEqual(
          list.items.map((item: { userId: string }) => item.userId),
          [fresh.id],
        );
        assert.equal((await referrals(another)).json().total, 0);
        const recorded = await persona.database.db
          .selectFrom('referrals')
          .select(['user_id', 'referrer_id'])
          .where('app_id', '=', app.appId)
          .orderBy('created_at')
          .execute();
        assert.deepEqual(
          recorded.map((row) => ({ ...row })),
          [{ user_id: fresh.id, referrer_id: referrer.userId }],
        );
      });
    });
  });
}
