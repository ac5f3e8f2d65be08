import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { testDatabases } from '../helpers/databases.ts';
import { bearer, startPersona, type TestPersona } from '../helpers/persona.ts';

/**
 * What a token switched into a child profile may do, face by face: every call that changes the account is its owner's
 * alone (403, and nothing changed), while reads of the account and its catalogues act within the profile. The policy
 * is `docs/faces/households.md`, "What a child profile may do"; the core enforces it, so every face answers alike.
 */
interface Operation {
  name: string;
  method: InjectOptions['method'];
  url: (world: World) => string;
  payload?: (world: World) => unknown;
  /** The header the face takes the token in. */
  header?: 'token';
  /** Kii routes want a Kii content type. */
  contentType?: string;
}

interface World {
  appId: string;
  userId: string;
  kidId: string;
  partnerId: string;
  optionId: string;
  movieId: string;
  iconId: string;
}

const profilesUrl = '/userprofiles/v1/user/userprofiles';

/** The account owner's alone: a child profile gets 403 and the account stays as it was. */
const ownerOnly: Operation[] = [
  {
    name: 'Kii: change the password',
    method: 'PUT',
    url: (w) => `/api/apps/${w.appId}/users/me/password`,
    payload: () => ({ oldPassword: 'pass-word1', newPassword: 'kid-chose-this' }),
    contentType: 'application/vnd.kii.ChangePasswordRequest+json',
  },
  {
    name: "Kii: change the account's fields",
    method: 'POST',
    url: (w) => `/api/apps/${w.appId}/users/me`,
    payload: () => ({ displayName: 'Kid was here', emailAddress: 'kid@example.com' }),
    contentType: 'application/vnd.kii.UserUpdateRequest+json',
  },
  { name: 'Kii: delete the account', method: 'DELETE', url: (w) => `/api/apps/${w.appId}/users/me` },
  {
    name: 'Kii: ask for a password reset',
    method: 'POST',
    url: (w) => `/api/apps/${w.appId}/users/${w.userId}/password/request-reset`,
    payload: () => ({ notificationMethod: 'EMAIL' }),
    contentType: 'application/vnd.kii.ResetPasswordRequest+json',
  },
  {
    name: 'Kii: complete a password reset',
    method: 'POST',
    url: (w) => `/api/apps/${w.appId}/users/${w.userId}/password/complete-reset`,
    payload: () => ({ pinCode: '123456', newPassword: 'kid-chose-this' }),
    contentType: 'application/vnd.kii.CompletePasswordResetRequest+json',
  },
  {
    name: 'Kii: verify an address',
    method: 'POST',
    url: (w) => `/api/apps/${w.appId}/users/me/email-address/verify`,
    payload: () => ({ verificationCode: '123456' }),
    contentType: 'application/vnd.kii.AddressVerificationRequest+json',
  },
  {
    name: 'Kii: send a verification again',
    method: 'POST',
    url: (w) => `/api/apps/${w.appId}/users/me/phone-number/resend-verification`,
  },
  {
    name: 'KIP: set a preference',
    method: 'PATCH',
    url: () => '/users/me/profile/preferences',
    payload: (w) => ({ id: w.optionId, value: true }),
  },
  {
    name: 'KIP: file student information',
    method: 'POST',
    url: () => '/users/me/profile/student-information/2026',
    payload: () => ({ schoolId: 'be-0001', studyLevel: 'bachelor', academicYear: '2026-2027', lastYear: false }),
  },
  {
    name: 'KIP: replace student information',
    method: 'PUT',
    url: () => '/users/me/profile/student-information/2025',
    payload: () => ({ schoolId: 'be-0001', studyLevel: 'bachelor', academicYear: '2025-2026', lastYear: true }),
  },
  { name: "KIP: read the account's history", method: 'GET', url: () => '/users/me/movies/history' },
  { name: 'KIP: delete from the history', method: 'DELETE', url: (w) => `/users/me/movies/history/${w.movieId}` },
  {
    name: 'Households: create a profile',
    method: 'POST',
    url: () => profilesUrl,
    payload: () => ({ name: 'Kid two' }),
    header: 'token',
  },
  {
    name: 'Households: change a profile',
    method: 'PUT',
    url: (w) => `${profilesUrl}/${w.kidId}`,
    payload: () => ({ childProfile: false }),
    header: 'token',
  },
  {
    name: 'Households: delete a profile',
    method: 'DELETE',
    url: (w) => `${profilesUrl}/${w.partnerId}`,
    header: 'token',
  },
  {
    name: 'Households: set the PIN',
    method: 'PUT',
    url: () => '/userprofiles/v1/user/pin',
    payload: () => ({ pin: '0000', currentPin: '1234' }),
    header: 'token',
  },
];

/** Reads within the active profile: a child profile gets them. */
const withinProfile: Operation[] = [
  { name: 'Kii: read the own user', method: 'GET', url: (w) => `/api/apps/${w.appId}/users/me` },
  { name: 'KIP: read preferences', method: 'GET', url: () => '/users/me/profile/preferences?filter=MovieGenre' },
  { name: 'KIP: read student information', method: 'GET', url: () => '/users/me/profile/student-information' },
  { name: 'KIP: read recommendations', method: 'GET', url: () => '/users/me/movies/recommendations' },
  { name: 'KIP: search schools', method: 'GET', url: () => '/metadata/users/school-options?search=ecole' },
  { name: 'Households: list the profiles', method: 'GET', url: () => profilesUrl, header: 'token' },
  { name: 'Households: read its profile', method: 'GET', url: (w) => `${profilesUrl}/${w.kidId}`, header: 'token' },
  { name: 'Households: the icons', method: 'GET', url: () => '/imagemetadata/v1/profile', header: 'token' },
  { name: 'Households: the PIN status', method: 'GET', url: () => '/userprofiles/v1/user/pin/status', header: 'token' },
];

for (const database of testDatabases) {
  describe(`what a child profile may do, on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let world: World;
    let owner: string;
    let kid: string;
    let admin: string;

    const send = (token: string, operation: Operation) => {
      const payload = operation.payload?.(world);
      return persona.request({
        method: operation.method,
        url: operation.url(world),
        headers: {
          ...(operation.header === 'token' ? { token } : bearer(token)),
          ...(operation.contentType ? { 'content-type': operation.contentType } : {}),
        },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    };
    const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
      const response = await persona.request({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };
    /** Everything stored about the account, tokens aside (a switch adds one), and its PIN. */
    const accountState = async () => {
      const exported = await ok(admin, 'GET', `/admin/v1/users/${world.userId}/export`);
      const pin = await persona.database.db
        .selectFrom('account_pins')
        .select(['pin_hash', 'failed_attempts'])
        .where('user_id', '=', world.userId)
        .executeTakeFirst();
      return JSON.stringify({ ...exported, exportedAt: undefined, tokens: undefined, pin });
    };

    before(async () => {
      persona = await startPersona(database);
      const app = await persona.createApp('Household');
      admin = await persona.adminToken(app);
      await ok(admin, 'PUT', '/admin/v1/ratings-bodies', {
        items: [{ id: 'FSK', name: 'FSK', ratings: ['0', '6', '12', '16', '18'] }],
      });
      await ok(admin, 'PUT', '/admin/v1/preference-options', {
        items: [{ category: 'MovieGenre', label: 'Horror', attribute: 'genre:Horror' }],
      });
      const optionId = (await ok(admin, 'GET', '/admin/v1/preference-options')).items[0].id as string;
      await ok(admin, 'PUT', '/admin/v1/schools', { items: [{ id: 'be-0001', name: 'École Européenne' }] });
      await ok(admin, 'PUT', '/admin/v1/study-levels', { items: [{ id: 'bachelor', name: 'Bachelor' }] });
      await ok(admin, 'PUT', '/admin/v1/icons', {
        items: [{ id: 'cat', uri: 'https://img.example/cat.png', aspect: '1x1' }],
      });
      const movieId = randomUUID();
      await ok(admin, 'PUT', '/admin/v1/movies', {
        items: [
          {
            id: movieId,
            title: 'Alien',
            year: 1979,
            genres: ['Horror'],
            actors: [],
            directors: [],
            countries: ['US'],
            technologies: ['2D'],
            versions: ['OV'],
            awards: [],
            ratings: { FSK: '16' },
          },
        ],
      });
      const user = await persona.createUser(app);
      owner = user.accessToken;
      await ok(admin, 'POST', '/admin/v1/history', {
        items: [{ userId: user.id, movieId, watchedAt: '2026-01-01T20:00:00Z' }],
      });
      await ok(owner, 'PUT', '/users/me/profile/student-information/2025', {
        schoolId: 'be-0001',
        studyLevel: 'bachelor',
        academicYear: '2025-2026',
        lastYear: false,
      });
      const created = (body: Record<string, unknown>) =>
        persona
          .request({ method: 'POST', url: profilesUrl, headers: { token: owner }, payload: body })
          .then((response) => {
            assert.equal(response.statusCode, 201, response.body);
            return response.json()._id as string;
          });
      const kidId = await created({
        name: 'Kid',
        childProfile: true,
        ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '12' }],
      });
      const partnerId = await created({ name: 'Partner' });
      const pin = await persona.request({
        method: 'PUT',
        url: '/userprofiles/v1/user/pin',
        headers: { token: owner },
        payload: { pin: '1234' },
      });
      assert.equal(pin.statusCode, 200, pin.body);
      const switched = await persona.request({
        method: 'POST',
        url: '/ias/v3/token/actions/changeUserProfile',
        headers: { token: owner },
        payload: { newUserProfileId: kidId },
      });
      assert.equal(switched.statusCode, 200, switched.body);
      kid = switched.json().access_token;
      world = { appId: app.appId, userId: user.id, kidId, partnerId, optionId, movieId, iconId: 'cat' };
    });
    after(() => persona.close());

    for (const operation of ownerOnly) {
      it(`refuses ${operation.name} (403), changing nothing`, async () => {
        const before = await accountState();
        const response = await send(kid, operation);
        assert.equal(response.statusCode, 403, `${operation.name}: ${response.body}`);
        assert.equal(await accountState(), before, `${operation.name} changed the account`);
        // The owner's token still works: the refusal ended no session.
        assert.equal((await send(owner, withinProfile[0] as Operation)).statusCode, 200);
      });
    }

    for (const operation of withinProfile) {
      it(`allows ${operation.name}`, async () => {
        const response = await send(kid, operation);
        assert.equal(response.statusCode, 200, `${operation.name}: ${response.body}`);
      });
    }

    it('lets the owner do what the child profile may not (the matrix refuses the profile, not the calls)', async () => {
      const setPreference = ownerOnly.find((operation) => operation.name === 'KIP: set a preference') as Operation;
      assert.equal((await send(owner, setPreference)).statusCode, 200);
      const history = ownerOnly.find((operation) => operation.name.includes('read the account')) as Operation;
      assert.equal((await send(owner, history)).statusCode, 200);
    });

    it('refuses the admin the household icon catalogue (it has no account), as the face documents', async () => {
      const response = await persona.request({
        method: 'GET',
        url: '/imagemetadata/v1/profile',
        headers: { token: admin },
      });
      assert.equal(response.statusCode, 403, response.body);
      assert.equal((await ok(admin, 'GET', '/admin/v1/icons')).items.length, 1, 'the admin API lists them');
    });
  });
}
