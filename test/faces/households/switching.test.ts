import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { UserPrincipal } from '../../../src/core/principal.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, type TestUser } from '../../helpers/persona.ts';

const profilesUrl = '/userprofiles/v1/user/userprofiles';
const switchUrl = '/ias/v3/token/actions/changeUserProfile';

function assertFailure(response: LightMyRequestResponse, status: number, code?: string): void {
  assert.equal(response.statusCode, status, response.body);
  if (code) assert.equal(response.json().code, code);
}

for (const database of testDatabases) {
  describe(`profile switching and the parental PIN on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const call = (token: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
      persona.request({
        method,
        url,
        headers: { token },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
      const response = await call(token, method, url, payload);
      assert.ok(response.statusCode === 200 || response.statusCode === 201, `${method} ${url}: ${response.body}`);
      return response.json();
    };

    const world = async () => {
      const app = await persona.createApp('Switching app');
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
      const user = await persona.createUser(app);
      const kid = (
        await ok(user.accessToken, 'POST', profilesUrl, {
          name: 'Kid',
          childProfile: true,
          ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '12' }],
        })
      )._id as string;
      const partner = (await ok(user.accessToken, 'POST', profilesUrl, { name: 'Partner' }))._id as string;
      return { app, admin, put, user, kid, partner };
    };
    const switchTo = (token: string, profileId: string, pin?: string) =>
      call(token, 'POST', switchUrl, { newUserProfileId: profileId, ...(pin === undefined ? {} : { pin }) });
    const tokenFor = async (user: TestUser, profileId: string, pin?: string) => {
      const response = await switchTo(user.accessToken, profileId, pin);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.activeProfileId, profileId);
      assert.equal(body.expires_in, 3600);
      return body.access_token as string;
    };
    const pinFailures = async (user: TestUser) =>
      Number(
        (
          await persona.database.db
            .selectFrom('account_pins')
            .select('failed_attempts')
            .where('user_id', '=', user.id)
            .executeTakeFirstOrThrow()
        ).failed_attempts,
      );

    it('issues a token bound to the chosen profile, and the old token stays valid', async () => {
      const { app, user, partner } = await world();
      const partnerToken = await tokenFor(user, partner);
      const principal = (await persona.core.sessions.authenticate(partnerToken, undefined)) as UserPrincipal;
      assert.equal(principal.profile?.id, partner);
      assert.equal(principal.userId, user.id);
      await ok(user.accessToken, 'GET', profilesUrl);
      assertFailure(await switchTo(user.accessToken, randomUUID()), 404, 'PROFILE_NOT_FOUND');
      // A fresh log-in starts on the default profile.
      const logIn = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: user.loginName, password: user.password },
      });
      assert.equal(logIn.statusCode, 200, logIn.body);
      const fresh = (await persona.core.sessions.authenticate(logIn.json().access_token, undefined)) as UserPrincipal;
      const [defaultProfile] = (await ok(user.accessToken, 'GET', profilesUrl)).resourceSet;
      assert.equal(fresh.profile?.id, defaultProfile._id);
    });

    it('on a child profile, changes nothing and leaves only with the PIN', async () => {
      const { user, kid, partner } = await world();
      const kidToken = await tokenFor(user, kid);
      assertFailure(await call(kidToken, 'POST', profilesUrl, { name: 'Sneaky' }), 403);
      assertFailure(await call(kidToken, 'PUT', `${profilesUrl}/${kid}`, { childProfile: false }), 403);
      assertFailure(await call(kidToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '0000' }), 403);
      assertFailure(await switchTo(kidToken, partner), 403, 'WRONG_PIN');
      assertFailure(await switchTo(kidToken, partner, '1234'), 403, 'PIN_NOT_SET');
      await ok(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '1234' });
      assertFailure(await switchTo(kidToken, partner, '9999'), 403, 'WRONG_PIN');
      const back = await tokenFor(user, partner);
      assert.ok(back);
      const released = await switchTo(kidToken, partner, '1234');
      assert.equal(released.statusCode, 200, released.body);
      // Moving between child profiles, or to one from an adult, needs no PIN.
      await tokenFor(user, kid);
      assert.equal((await switchTo(kidToken, kid)).statusCode, 200);
    });

    it('ends the tokens bound to a profile when the profile is deleted', async () => {
      const { user, partner } = await world();
      const partnerToken = await tokenFor(user, partner);
      await ok(partnerToken, 'GET', profilesUrl);
      const deleted = await call(user.accessToken, 'DELETE', `${profilesUrl}/${partner}`);
      assert.equal(deleted.statusCode, 201, deleted.body);
      assertFailure(await call(partnerToken, 'GET', profilesUrl), 401);
      await ok(user.accessToken, 'GET', profilesUrl);
    });

    it('sets and changes the PIN, with the current one, and reports its status', async () => {
      const { user } = await world();
      assert.deepEqual(await ok(user.accessToken, 'GET', '/userprofiles/v1/user/pin/status'), {
        status: 'UNSET',
        lockTimeRemaining: 0,
      });
      for (const pin of ['123', '123456789', '12a4', '']) {
        assertFailure(await call(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin }), 400);
      }
      assert.deepEqual(await ok(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '1234' }), {
        status: 'SET',
        lockTimeRemaining: 0,
      });
      assertFailure(
        await call(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '5678' }),
        403,
        'WRONG_PIN',
      );
      assertFailure(
        await call(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '5678', currentPin: '0000' }),
        403,
        'WRONG_PIN',
      );
      assert.equal(await pinFailures(user), 1);
      await ok(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '5678', currentPin: '1234' });
      assert.equal(await pinFailures(user), 0);
    });

    it('locks PIN checks after five wrong PINs, refuses the right one meanwhile, and counts a burst of 20 exactly', async () => {
      const { user, kid, partner } = await world();
      await ok(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '2468' });
      const kidToken = await tokenFor(user, kid);
      const burst = await Promise.all(Array.from({ length: 20 }, () => switchTo(kidToken, partner, '1111')));
      assert.ok(
        burst.every((answer) => answer.statusCode === 403),
        JSON.stringify(burst.map((a) => a.body)),
      );
      assert.equal(await pinFailures(user), 20);
      const status = await ok(user.accessToken, 'GET', '/userprofiles/v1/user/pin/status');
      assert.equal(status.status, 'LOCKED');
      assert.ok(status.lockTimeRemaining > 14 * 60 && status.lockTimeRemaining <= 15 * 60, JSON.stringify(status));
      assertFailure(await switchTo(kidToken, partner, '2468'), 403, 'PIN_LOCKED');

      // When the lock has ended, the right PIN works again and the count starts over.
      await persona.database.db
        .updateTable('account_pins')
        .set({ locked_until: Date.now() - 1000 })
        .where('user_id', '=', user.id)
        .execute();
      assert.equal((await switchTo(kidToken, partner, '2468')).statusCode, 200);
      assert.equal(await pinFailures(user), 0);
    });

    it("lets the admin reset a user's PIN", async () => {
      const { admin, user } = await world();
      await ok(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '1234' });
      const reset = await persona.request({
        method: 'DELETE',
        url: `/admin/v1/users/${user.id}/pin`,
        headers: bearer(admin),
      });
      assert.equal(reset.statusCode, 204, reset.body);
      assert.equal((await ok(user.accessToken, 'GET', '/userprofiles/v1/user/pin/status')).status, 'UNSET');
      await ok(user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '4321' });
      const unknown = await persona.request({
        method: 'DELETE',
        url: `/admin/v1/users/${randomUUID()}/pin`,
        headers: bearer(admin),
      });
      assert.equal(unknown.statusCode, 404);
      const asUser = await persona.request({
        method: 'DELETE',
        url: `/admin/v1/users/${user.id}/pin`,
        headers: bearer(user.accessToken),
      });
      assert.equal(asUser.statusCode, 403);
    });

    it("keeps a child profile's recommendations below its threshold, while the parent's are not", async () => {
      const { admin, app, put, user, kid } = await world();
      const films = ['0', '6', '12', '16', '18'].map((rating) => ({
        id: randomUUID(),
        title: `Rated ${rating}`,
        year: 2024,
        genres: ['Drama'],
        ratings: { FSK: rating },
      }));
      await put('/admin/v1/movies', { items: films });
      const crowd = await persona.createUser(app);
      const history = await persona.request({
        method: 'POST',
        url: '/admin/v1/history',
        headers: bearer(admin),
        payload: {
          items: films.map((film, i) => ({
            userId: crowd.id,
            movieId: film.id,
            watchedAt: new Date(Date.now() - i * 60_000).toISOString(),
          })),
        },
      });
      assert.equal(history.statusCode, 200, history.body);
      await persona.core.recommendations.train(app.appId, { force: true });
      const titles = async (token: string) =>
        (
          await persona.request({
            method: 'GET',
            url: '/users/me/movies/recommendations?pageSize=100',
            headers: bearer(token),
          })
        )
          .json()
          .data.map((item: { title: string }) => item.title)
          .sort();
      assert.deepEqual(await titles(user.accessToken), ['Rated 0', 'Rated 12', 'Rated 16', 'Rated 18', 'Rated 6']);
      assert.deepEqual(await titles(await tokenFor(user, kid)), ['Rated 0', 'Rated 6']);
    });
  });
}

const postgres = testDatabases.find((d) => d.name === 'postgres');

describe('the PIN lock across two instances sharing PostgreSQL', { skip: postgres?.skip ?? true }, () => {
  let a: TestPersona | undefined;
  let b: TestPersona | undefined;

  before(async () => {
    assert.ok(postgres);
    a = await startPersona(postgres);
    b = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
    });
  });
  // Whatever started is closed, even when starting the second instance failed: an open pool would keep the file's
  // process, and so the whole run, alive.
  after(async () => {
    await b?.close();
    await a?.close();
  });

  it('refuses the right PIN on one instance while wrong ones on the other locked it', async () => {
    assert.ok(a && b, 'both instances started');
    const [first, second] = [a, b];
    const app = await first.createApp('Two instances');
    const admin = await first.adminToken(app);
    const ratings = await first.request({
      method: 'PUT',
      url: '/admin/v1/ratings-bodies',
      headers: bearer(admin),
      payload: { items: [{ id: 'FSK', name: 'FSK', ratings: ['0', '6', '12'] }] },
    });
    assert.equal(ratings.statusCode, 200, ratings.body);
    const user = await first.createUser(app);
    const on = (
      instance: TestPersona,
      token: string,
      method: InjectOptions['method'],
      url: string,
      payload?: unknown,
    ) => instance.request({ method, url, headers: { token }, ...(payload ? { payload: payload as never } : {}) });
    const kid = (
      await on(first, user.accessToken, 'POST', profilesUrl, {
        name: 'Kid',
        childProfile: true,
        ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: '6' }],
      })
    ).json()._id;
    const [adult] = (await on(first, user.accessToken, 'GET', profilesUrl)).json().resourceSet;
    assert.equal(
      (await on(first, user.accessToken, 'PUT', '/userprofiles/v1/user/pin', { pin: '1357' })).statusCode,
      200,
    );
    const kidToken = (await on(first, user.accessToken, 'POST', switchUrl, { newUserProfileId: kid })).json()
      .access_token;
    for (let i = 0; i < 5; i++) {
      const wrong = await on(first, kidToken, 'POST', switchUrl, { newUserProfileId: adult._id, pin: '0000' });
      assert.equal(wrong.statusCode, 403, wrong.body);
    }
    const right = await on(second, kidToken, 'POST', switchUrl, { newUserProfileId: adult._id, pin: '1357' });
    assertFailure(right, 403, 'PIN_LOCKED');
    assert.equal(
      (await on(second, user.accessToken, 'GET', '/userprofiles/v1/user/pin/status')).json().status,
      'LOCKED',
    );
  });
});
