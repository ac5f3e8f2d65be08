import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import type { UserPrincipal } from '../../../src/core/principal.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, startPersona, type TestPersona, type TestUser } from '../../helpers/persona.ts';

const profilesUrl = '/userprofiles/v1/user/userprofiles';

function assertFailure(response: LightMyRequestResponse, status: number, code?: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.equal(body.status, status);
  assert.equal(typeof body.message, 'string');
  assert.match(body.code, /^[A-Z0-9_]+$/);
  if (code) assert.equal(body.code, code);
  assert.doesNotMatch(response.body, /\bat .+\.ts:\d+/);
}

for (const database of testDatabases) {
  describe(`household profiles on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const call = (
      token: string | undefined,
      method: InjectOptions['method'],
      url: string,
      payload?: unknown,
      headers: Record<string, string> = token === undefined ? {} : { token },
    ) =>
      persona.request({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const create = async (user: TestUser, body: Record<string, unknown>) => {
      const response = await call(user.accessToken, 'POST', profilesUrl, body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json()._id as string;
    };
    const list = async (user: TestUser, query = '') => {
      const response = await call(user.accessToken, 'GET', `${profilesUrl}${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as {
        totalRecords: number;
        resourceSet: { _id: string; name: string; default: boolean }[];
      };
    };

    /** An app with ratings bodies and icons, and a user signed up through the Kii face. */
    const world = async (settings: Record<string, unknown> = {}) => {
      const app = await persona.createApp('Household app');
      const admin = await persona.adminToken(app);
      const put = async (url: string, payload: unknown) => {
        const response = await persona.request({
          method: 'PUT',
          url,
          headers: bearer(admin),
          payload: payload as never,
        });
        assert.equal(response.statusCode, 200, response.body);
      };
      await put('/admin/v1/ratings-bodies', {
        items: [{ id: 'FSK', name: 'FSK', ratings: ['0', '6', '12', '16', '18'] }],
      });
      await put('/admin/v1/icons', { items: [{ id: 'icon-fox', uri: 'https://icons.example/fox.png' }] });
      if (Object.keys(settings).length > 0) {
        const response = await persona.request({
          method: 'PATCH',
          url: '/admin/v1/app',
          headers: bearer(admin),
          payload: { settings },
        });
        assert.equal(response.statusCode, 200, response.body);
      }
      const user = await persona.createUser(app, { displayName: 'Ann Peeters' });
      return { app, admin, user };
    };

    it('gives every new account a default profile, named after the user, listed first', async () => {
      const { user } = await world();
      const profiles = await list(user);
      assert.equal(profiles.totalRecords, 1);
      assert.deepEqual(profiles.resourceSet[0], {
        _id: profiles.resourceSet[0]?._id,
        accountId: user.id,
        default: true,
        name: 'Ann Peeters',
        childProfile: false,
        pinPromptRequired: false,
        preferredAudioLanguage: null,
        preferredSubtitleLanguage: null,
        ratingsThresholds: [],
        iconName: null,
        additionalProperties: [],
      });
    });

    it('creates, reads, lists with limit and page, changes and deletes profiles', async () => {
      const { user } = await world();
      const kid = await create(user, {
        name: 'Kid',
        childProfile: true,
        pinPromptRequired: true,
        preferredAudioLanguage: 'nld',
        preferredSubtitleLanguage: 'FRA',
        ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '12' }],
        iconName: 'icon-fox',
        additionalProperties: [{ name: 'colour', value: 'green' }],
      });
      const teen = await create(user, { name: 'Teen' });
      const read = await call(user.accessToken, 'GET', `${profilesUrl}/${kid}`);
      assert.equal(read.statusCode, 200, read.body);
      assert.deepEqual(read.json(), {
        _id: kid,
        accountId: user.id,
        default: false,
        name: 'Kid',
        childProfile: true,
        pinPromptRequired: true,
        preferredAudioLanguage: 'nld',
        preferredSubtitleLanguage: 'fra',
        ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '12' }],
        iconName: 'icon-fox',
        additionalProperties: [{ name: 'colour', value: 'green' }],
      });
      assert.deepEqual(
        (await list(user)).resourceSet.map((profile) => profile.name),
        ['Ann Peeters', 'Kid', 'Teen'],
      );
      const second = await list(user, '?limit=1&page=2');
      assert.equal(second.totalRecords, 3);
      assert.deepEqual(
        second.resourceSet.map((profile) => profile._id),
        [kid],
      );
      assert.deepEqual((await list(user, '?limit=2&page=3')).resourceSet, []);
      assertFailure(await call(user.accessToken, 'GET', `${profilesUrl}?page=2`), 400);

      const changed = await call(user.accessToken, 'PUT', `${profilesUrl}/${teen}`, { name: 'Teenager' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(changed.json(), { matchedCount: 1, modifiedCount: 1 });
      const same = await call(user.accessToken, 'PUT', `${profilesUrl}/${teen}`, { name: 'Teenager' });
      assert.deepEqual(same.json(), { matchedCount: 1, modifiedCount: 0 });
      const deleted = await call(user.accessToken, 'DELETE', `${profilesUrl}/${teen}`);
      assert.equal(deleted.statusCode, 201, deleted.body);
      assert.deepEqual(deleted.json(), { matchedCount: 1, deletedCount: 1 });
      assertFailure(await call(user.accessToken, 'GET', `${profilesUrl}/${teen}`), 404, 'PROFILE_NOT_FOUND');
      assertFailure(await call(user.accessToken, 'DELETE', `${profilesUrl}/${teen}`), 404);
    });

    it('accepts the token in token, nv-authorizations or Authorization: Bearer, and 401 without one', async () => {
      const { user } = await world();
      const headerVariants: Record<string, string>[] = [
        { token: user.accessToken },
        { 'nv-authorizations': user.accessToken },
        { 'nv-authorizations': `Bearer ${user.accessToken}` },
        { authorization: `Bearer ${user.accessToken}` },
      ];
      for (const headers of headerVariants) {
        const response = await call(undefined, 'GET', profilesUrl, undefined, headers);
        assert.equal(response.statusCode, 200, `${JSON.stringify(Object.keys(headers))}: ${response.body}`);
      }
      assertFailure(await call(undefined, 'GET', profilesUrl), 401);
      assertFailure(await call(`${user.accessToken}x`, 'GET', profilesUrl), 401);
      const echoed = await call(user.accessToken, 'GET', profilesUrl, undefined, {
        token: user.accessToken,
        'x-correlation-id': 'household-flow-1',
      });
      assert.equal(echoed.headers['x-correlation-id'], 'household-flow-1');
    });

    it('refuses bad fields, naming each, and stores nothing', async () => {
      const { user } = await world();
      const bad = [
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(65) }, 'name'],
        [{ name: 'Kid', childProfile: true }, 'ratingsThresholds'],
        [
          { name: 'Kid', ratingsThresholds: [{ ratingsBody: 'MPAA', ratingsThreshold: 'PG' }] },
          'ratingsThresholds[0].ratingsBody',
        ],
        [
          { name: 'Kid', ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '21' }] },
          'ratingsThresholds[0].ratingsThreshold',
        ],
        [{ name: 'Kid', preferredAudioLanguage: 'english' }, 'preferredAudioLanguage'],
        [{ name: 'Kid', iconName: 'icon-unicorn' }, 'iconName'],
        [
          { name: 'Kid', additionalProperties: Array.from({ length: 33 }, (_, i) => ({ name: `p${i}`, value: 'v' })) },
          'additionalProperties',
        ],
        [{ childProfile: true }, 'name'],
      ] as const;
      for (const [body] of bad) assertFailure(await call(user.accessToken, 'POST', profilesUrl, body), 400);
      assert.equal((await list(user)).totalRecords, 1);
      const [defaultProfile] = (await list(user)).resourceSet;
      assertFailure(
        await call(user.accessToken, 'PUT', `${profilesUrl}/${defaultProfile?._id}`, { childProfile: true }),
        400,
      );
    });

    it('keeps names unique per account whatever their case (409), and only per account', async () => {
      const { app, user } = await world();
      await create(user, { name: 'Kid' });
      assertFailure(await call(user.accessToken, 'POST', profilesUrl, { name: 'KID' }), 409, 'PROFILE_NAME_TAKEN');
      const teen = await create(user, { name: 'Teen' });
      assertFailure(await call(user.accessToken, 'PUT', `${profilesUrl}/${teen}`, { name: 'kid' }), 409);
      const neighbour = await persona.createUser(app);
      await create(neighbour, { name: 'Kid' });
    });

    it("answers 404 for another account's profile, and never shows it", async () => {
      const { app, user } = await world();
      const kid = await create(user, { name: 'Kid' });
      const other = await persona.createUser(app);
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        assertFailure(
          await call(
            other.accessToken,
            method,
            `${profilesUrl}/${kid}`,
            method === 'PUT' ? { name: 'Mine' } : undefined,
          ),
          404,
        );
      }
      assertFailure(await call(user.accessToken, 'GET', `${profilesUrl}/${randomUUID()}`), 404);
      assert.equal((await list(other)).totalRecords, 1);
    });

    it('never deletes the default profile (403)', async () => {
      const { user } = await world();
      const [defaultProfile] = (await list(user)).resourceSet;
      assertFailure(await call(user.accessToken, 'DELETE', `${profilesUrl}/${defaultProfile?._id}`), 403);
      assert.equal((await list(user)).totalRecords, 1);
    });

    it("holds the app's cap, also under a burst of 20 concurrent creates", async () => {
      const { user } = await world({ maxProfilesPerAccount: 3 });
      await create(user, { name: 'One' });
      await create(user, { name: 'Two' });
      assertFailure(await call(user.accessToken, 'POST', profilesUrl, { name: 'Three' }), 403, 'PROFILE_LIMIT_REACHED');

      const { user: busy } = await world();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => call(busy.accessToken, 'POST', profilesUrl, { name: `Burst ${i}` })),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      assert.equal(statuses.filter((status) => status === 201).length, 4, JSON.stringify(statuses));
      assert.ok(
        statuses.every((status) => status === 201 || status === 403),
        JSON.stringify(statuses),
      );
      assert.equal((await list(busy)).totalRecords, 5);
    });

    it('refuses to create, change or delete anything while the token is bound to a child profile', async () => {
      const { user } = await world();
      const kid = await create(user, {
        name: 'Kid',
        childProfile: true,
        ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '6' }],
      });
      const principal = (await persona.core.sessions.authenticate(user.accessToken, undefined)) as UserPrincipal;
      const asChild: UserPrincipal = {
        ...principal,
        profile: { id: kid, child: true, ratingThresholds: [{ ratingsBody: 'FSK', rating: '6' }] },
      };
      await assert.rejects(persona.core.households.createProfile(asChild, { name: 'Sneaky' }), { code: 'forbidden' });
      await assert.rejects(persona.core.households.updateProfile(asChild, kid, { child: false }), {
        code: 'forbidden',
      });
      await assert.rejects(persona.core.households.deleteProfile(asChild, kid), { code: 'forbidden' });
      assert.equal((await persona.core.households.listProfiles(asChild, {})).total, 2);
    });

    it("lists the app's icons, and keeps an icon that a profile shows", async () => {
      const { admin, user } = await world();
      const icons = await call(user.accessToken, 'GET', '/imagemetadata/v1/profile');
      assert.equal(icons.statusCode, 200, icons.body);
      assert.deepEqual(icons.json(), {
        count: 1,
        results: [{ resourceId: 'icon-fox', aspect: '1x1', uri: 'https://icons.example/fox.png', imageId: 'icon-fox' }],
      });
      const badIcon = await persona.request({
        method: 'PUT',
        url: '/admin/v1/icons',
        headers: bearer(admin),
        payload: {
          items: [
            { id: 'icon-owl', uri: 'not a url' },
            { id: 'bad id', uri: 'https://icons.example/x.png' },
          ],
        },
      });
      assert.equal(badIcon.statusCode, 400, badIcon.body);
      assert.deepEqual(
        badIcon.json().errors.map((error: { field: string }) => error.field),
        ['items[0].uri', 'items[1].id'],
      );
      await create(user, { name: 'Fox', iconName: 'icon-fox' });
      const deleted = await persona.request({
        method: 'DELETE',
        url: '/admin/v1/icons/icon-fox',
        headers: bearer(admin),
      });
      assert.equal(deleted.statusCode, 409, deleted.body);
      const other = await world();
      const theirs = await call(other.user.accessToken, 'GET', '/imagemetadata/v1/profile');
      assert.equal(theirs.json().count, 1);
    });

    it("puts the account's profiles in the user's export, and deleting the user removes them", async () => {
      const { admin, user } = await world();
      await create(user, {
        name: 'Kid',
        childProfile: true,
        ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '12' }],
      });
      const exported = await persona.request({
        method: 'GET',
        url: `/admin/v1/users/${user.id}/export`,
        headers: bearer(admin),
      });
      assert.equal(exported.statusCode, 200, exported.body);
      assert.deepEqual(
        exported
          .json()
          .profiles.map((p: { name: string; default: boolean; childProfile: boolean }) => [
            p.name,
            p.default,
            p.childProfile,
          ]),
        [
          ['Ann Peeters', true, false],
          ['Kid', false, true],
        ],
      );
      const removed = await persona.request({
        method: 'DELETE',
        url: `/admin/v1/users/${user.id}`,
        headers: bearer(admin),
      });
      assert.equal(removed.statusCode, 204);
      const left = await persona.database.db
        .selectFrom('profiles')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      assert.deepEqual(left, []);
    });

    it('creates the default profile with a pseudo user too', async () => {
      const app: CreatedApp = await persona.createApp('Pseudo app');
      const response = await persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users`,
        headers: {
          'x-kii-appid': app.appId,
          'x-kii-appkey': app.appKey,
          'content-type': 'application/vnd.kii.RegistrationAndAuthorizationRequest+json',
        },
        payload: {},
      });
      assert.equal(response.statusCode, 201, response.body);
      const token = response.json()._accessToken as string;
      const profiles = await call(token, 'GET', profilesUrl);
      assert.equal(profiles.statusCode, 200, profiles.body);
      assert.equal(profiles.json().totalRecords, 1);
      assert.equal(profiles.json().resourceSet[0].default, true);
    });
  });
}
