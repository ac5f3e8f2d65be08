import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { CoreError } from '../../../src/core/errors.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, eventually, startPersona, type TestPersona } from '../../helpers/persona.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

for (const database of testDatabases) {
  describe(`the console's sessions and the core calls it added, on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp('Console sessions');
    });
    after(() => persona.close());

    const signIn = async (created: CreatedApp) => {
      const answer = await persona.request({
        method: 'POST',
        url: '/console/sign-in',
        headers: form,
        payload: new URLSearchParams({ client_id: created.clientId, client_secret: created.clientSecret }).toString(),
      });
      assert.equal(answer.statusCode, 303, answer.body);
      const cookie = String(answer.headers['set-cookie']);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.doesNotMatch(cookie, /Secure/, 'not over plain HTTP');
      return cookie.split(';')[0] as string;
    };
    const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

    it("endSession ends the caller's own admin token and no other", async () => {
      const first = await persona.adminToken(app);
      const second = await persona.adminToken(app);
      const principal = await persona.core.sessions.authenticate(first, undefined);
      await persona.core.sessions.endSession(principal);
      await assert.rejects(persona.core.sessions.authenticate(first, undefined), (error: unknown) => {
        assert.ok(error instanceof CoreError);
        assert.equal(error.code, 'invalid_token');
        return true;
      });
      assert.equal((await persona.core.sessions.authenticate(second, undefined)).kind, 'admin');
      // Ending a session that already ended ends nothing and is no error.
      await persona.core.sessions.endSession(principal);
    });

    it("endSession ends a user's own session (its pair) and leaves their other sessions", async () => {
      const user = await persona.createUser(app);
      const other = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey },
        payload: { username: user.loginName, password: user.password },
      });
      const principal = await persona.core.sessions.authenticate(user.accessToken, undefined);
      await persona.core.sessions.endSession(principal);
      const me = (token: string) =>
        persona.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(token) });
      assert.equal((await me(user.accessToken)).statusCode, 401);
      assert.equal((await me(other.json().access_token)).statusCode, 200);
      const refreshed = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey },
        payload: { grant_type: 'refresh_token', refresh_token: user.refreshToken },
      });
      assert.equal(refreshed.statusCode, 400, "the pair's refresh token ended with it");
    });

    it('endSession needs a token', async () => {
      await assert.rejects(
        persona.core.sessions.endSession({ kind: 'anonymous', appId: app.appId }),
        (error: unknown) => error instanceof CoreError && error.code === 'unauthenticated',
      );
    });

    it('signs out through the console: the cookie is cleared and the token ends in the core', async () => {
      // An app of its own, so that the audit log holds this test's sessions alone.
      const app = await persona.createApp('Console sign-out');
      const cookie = await signIn(app);
      const page = await persona.request({ method: 'GET', url: '/console/users', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(csrf);
      const out = await persona.request({
        method: 'POST',
        url: '/console/sign-out',
        headers: { ...form, cookie },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(out.statusCode, 303);
      assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
      const replay = await persona.request({ method: 'GET', url: '/console/users', headers: { cookie } });
      assert.equal(replay.statusCode, 303);
      assert.equal(replay.headers.location, '/console/sign-in');
      const api = await persona.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(tokenOf(cookie)) });
      assert.equal(api.statusCode, 401);
      // The sign-in and the sign-out are in the audit log, both naming the console session's token.
      const audit = async (action: string) => {
        const answer = await persona.request({
          method: 'GET',
          url: `/admin/v1/audit?action=${action}`,
          headers: bearer(await persona.adminToken(app)),
        });
        assert.equal(answer.statusCode, 200, answer.body);
        return answer.json().items as { actor: { kind: string; id: string }; details: { tokenId: string } }[];
      };
      const ended = await audit('admin.session_ended');
      assert.equal(ended.length, 1);
      assert.deepEqual(ended[0]?.actor.kind, 'admin');
      assert.equal(ended[0]?.actor.id, app.clientId);
      const started = await audit('admin.session_started');
      assert.ok(
        started.some((entry) => entry.details.tokenId === ended[0]?.details.tokenId),
        'the sign-in that issued the ended token is recorded',
      );
    });

    it('shows no user of another app (404 page), and changes none', async () => {
      const otherApp = await persona.createApp('Other');
      const stranger = await persona.createUser(otherApp);
      const cookie = await signIn(app);
      const page = await persona.request({ method: 'GET', url: `/console/users/${stranger.id}`, headers: { cookie } });
      assert.equal(page.statusCode, 404);
      assert.match(String(page.headers['content-type']), /text\/html/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(
        (await persona.request({ method: 'GET', url: '/console/users', headers: { cookie } })).body,
      )?.[1];
      assert.ok(csrf);
      const disable = await persona.request({
        method: 'POST',
        url: `/console/users/${stranger.id}/disable`,
        headers: { ...form, cookie },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(disable.statusCode, 404);
      const read = await persona.request({
        method: 'GET',
        url: `/admin/v1/users/${stranger.id}`,
        headers: bearer(await persona.adminToken(otherApp)),
      });
      assert.equal(read.json().disabled, false);
    });

    it('takes no token of a user as a console session, and refuses changes from other origins before anything', async () => {
      const user = await persona.createUser(app);
      const asUser = await persona.request({
        method: 'GET',
        url: '/console/users',
        headers: { cookie: `persona_console=${user.accessToken}` },
      });
      assert.equal(asUser.statusCode, 403);
      assert.match(asUser.body, /<h1>Refused<\/h1>/);
      const crossSite = await persona.request({
        method: 'POST',
        url: '/console/sign-in',
        headers: { ...form, origin: 'https://attacker.example' },
        payload: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret }).toString(),
      });
      assert.equal(crossSite.statusCode, 403);
      assert.equal(crossSite.headers['set-cookie'], undefined);
    });

    it('rotates the app key: shown once, the old key refused, the new one taken, the session kept, audited', async () => {
      const own = await persona.createApp('Key rotation');
      const cookie = await signIn(own);
      const settings = await persona.request({ method: 'GET', url: '/console/settings', headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(settings.body)?.[1];
      assert.ok(csrf);
      const rotated = await persona.request({
        method: 'POST',
        url: '/console/settings/rotate-app-key',
        headers: { ...form, cookie },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(rotated.statusCode, 200);
      const appKey = /<code class="secret">([0-9a-f]{32})<\/code>/.exec(rotated.body)?.[1];
      assert.ok(appKey, 'the new key is on the page');
      const signUp = (key: string) =>
        persona.request({
          method: 'POST',
          url: `/api/apps/${own.appId}/users`,
          headers: {
            'x-kii-appid': own.appId,
            'x-kii-appkey': key,
            'content-type': 'application/vnd.kii.RegistrationRequest+json',
          },
          payload: { loginName: `k${Date.now()}`, password: 'pass-word1' },
        });
      assert.equal((await signUp(own.appKey)).statusCode, 401, 'the old key ended');
      assert.equal((await signUp(appKey)).statusCode, 201);
      assert.equal(
        (await persona.request({ method: 'GET', url: '/console/settings', headers: { cookie } })).statusCode,
        200,
        'the console session stays',
      );
      const audit = await persona.request({
        method: 'GET',
        url: '/admin/v1/audit?action=app.key_rotated',
        headers: bearer(tokenOf(cookie)),
      });
      assert.equal(audit.json().items.length, 1);
      assert.deepEqual(audit.json().items[0].actor.kind, 'admin');
    });

    it('rotateAppKeyAsAdmin is for the app admin only', async () => {
      const user = await persona.createUser(app);
      const principal = await persona.core.sessions.authenticate(user.accessToken, undefined);
      await assert.rejects(
        persona.core.apps.rotateAppKeyAsAdmin(principal),
        (error: unknown) => error instanceof CoreError && error.code === 'forbidden',
      );
      assert.equal((await persona.createUser(app)).id.length, 36, "the app's key still works");
    });

    it("reads a user's log-in failures and locks (admin only, this app's only) and shows them on the user's page", async () => {
      const own = await persona.createApp('Locks');
      const admin = await persona.core.sessions.authenticate(await persona.adminToken(own), undefined);
      await persona.core.apps.updateSettings(admin, { logInDelayAfterFailures: 2, logInLockAfterFailures: 2 });
      const user = await persona.createUser(own);
      const untouched = await persona.createUser(own);
      for (let attempt = 0; attempt < 2; attempt++) {
        const wrong = await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { 'x-kii-appid': own.appId, 'x-kii-appkey': own.appKey },
          payload: { username: user.loginName, password: 'wrong-password' },
        });
        assert.equal(wrong.statusCode, 400);
      }
      const state = await persona.core.credentialThrottle.credentialStateOfUser(admin, user.id);
      const pair = state.find((record) => record.scope === 'pair');
      const account = state.find((record) => record.scope === 'account');
      assert.ok(pair && account, JSON.stringify(state));
      assert.equal(pair.failures, 2);
      assert.ok(pair.lockedUntil !== null && pair.lockedUntil > Date.now(), 'the pair is locked');
      assert.ok(pair.lastSuccessAt !== null, 'the address logged in before');
      assert.equal(account.failures, 2);
      assert.equal(account.lockedUntil, null, 'the account lock needs 50');
      const calm = await persona.core.credentialThrottle.credentialStateOfUser(admin, untouched.id);
      assert.deepEqual(
        calm.map((record) => [record.scope, record.failures, record.lockedUntil]),
        [['pair', 0, null]],
        'a user who only logged in has the address they logged in from, with no failure',
      );

      const otherAdmin = await persona.core.sessions.authenticate(await persona.adminToken(app), undefined);
      assert.deepEqual(await persona.core.credentialThrottle.credentialStateOfUser(otherAdmin, user.id), []);
      const asUser = await persona.core.sessions.authenticate(user.accessToken, undefined);
      await assert.rejects(
        persona.core.credentialThrottle.credentialStateOfUser(asUser, user.id),
        (error: unknown) => error instanceof CoreError && error.code === 'forbidden',
      );

      const cookie = await signIn(own);
      const page = await persona.request({ method: 'GET', url: `/console/users/${user.id}`, headers: { cookie } });
      const section = page.body.slice(page.body.indexOf('id="locks-h"'), page.body.indexOf('id="preferences-h"'));
      assert.match(section, /<td>2<\/td>/);
      assert.match(section, /<strong>\d{4}-\d\d-\d\d [\d:]+ UTC<\/strong>/, 'the lock is shown with its end');

      // The right password is refused while the lock holds (and this instance remembers the refusal)...
      const logIn = () =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { 'x-kii-appid': own.appId, 'x-kii-appkey': own.appKey },
          payload: { username: user.loginName, password: user.password },
        });
      assert.equal((await logIn()).statusCode, 429);
      assert.equal((await logIn()).statusCode, 429);
      // ...until the admin lifts it from the user's page.
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(csrf);
      const lift = await persona.request({
        method: 'POST',
        url: `/console/users/${user.id}/lift-locks`,
        headers: { ...form, cookie },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(lift.statusCode, 303);
      assert.equal((await logIn()).statusCode, 200);
      const after = await persona.core.credentialThrottle.credentialStateOfUser(admin, user.id);
      assert.ok(
        after.every((record) => record.failures === 0 && record.lockedUntil === null),
        JSON.stringify(after),
      );
      const audit = await persona.core.audit.list(
        admin,
        { userId: user.id, action: 'credentials.unlocked' },
        { limit: 5 },
      );
      assert.equal(audit.items.length, 1);
      assert.deepEqual(audit.items[0]?.details, { lifted: 1 });
      assert.equal(audit.items[0]?.actor.kind, 'admin');

      // Another app's admin lifts nothing of this app's user, and a user may not lift at all.
      assert.equal(await persona.core.credentialThrottle.liftLocksOfUser(otherAdmin, user.id), 0);
      await assert.rejects(
        persona.core.credentialThrottle.liftLocksOfUser(asUser, user.id),
        (error: unknown) => error instanceof CoreError && error.code === 'forbidden',
      );
      const stranger = await persona.request({
        method: 'POST',
        url: `/console/users/${(await persona.createUser(app)).id}/lift-locks`,
        headers: { ...form, cookie },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(stranger.statusCode, 404);
    });

    it('lists catalogues and deletes items, an item in use kept with the reason on the page', async () => {
      const own = await persona.createApp('Catalogues');
      const token = await persona.adminToken(own);
      const put = (url: string, payload: object) =>
        persona.request({ method: 'PUT', url, headers: bearer(token), payload });
      assert.equal(
        (await put('/admin/v1/ratings-bodies', { items: [{ id: 'MPAA', name: 'MPAA', ratings: ['G', 'PG'] }] }))
          .statusCode,
        200,
      );
      const movieId = randomUUID();
      const movie = await put('/admin/v1/movies', {
        items: [{ id: movieId, title: 'Rated <i>', year: 2001, ratings: { MPAA: 'PG' } }],
      });
      assert.equal(movie.statusCode, 200, movie.body);
      const cookie = await signIn(own);
      const list = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=ratings-bodies',
        headers: { cookie },
      });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /<td>G, PG<\/td>/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(list.body)?.[1];
      assert.ok(csrf);
      const remove = (kind: string, id: string, confirmed = 'yes') =>
        persona.request({
          method: 'POST',
          url: `/console/catalogues/${kind}/${id}/delete`,
          headers: { ...form, cookie },
          payload: new URLSearchParams({ _csrf: csrf, confirmed }).toString(),
        });
      const unconfirmed = await remove('movies', movieId, '');
      assert.equal(unconfirmed.statusCode, 303, 'asked about first');
      assert.equal(unconfirmed.headers.location, `/console/catalogues/movies/${movieId}/delete`);
      const asked = await persona.request({
        method: 'GET',
        url: `/console/catalogues/movies/${movieId}/delete?name=${encodeURIComponent('Rated <i>')}`,
        headers: { cookie },
      });
      assert.match(asked.body, /Delete <strong>Rated &#60;i&#62;<\/strong>/);
      assert.match(asked.body, /name="confirmed" value="yes"/);
      const refused = await remove('ratings-bodies', 'MPAA');
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /role="alert" class="error">Not deleted: Movies are rated by this body/);
      const movies = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=movies',
        headers: { cookie },
      });
      assert.match(movies.body, /Rated &#60;i&#62;/);
      assert.equal((await remove('movies', movieId)).statusCode, 303);
      assert.equal((await remove('ratings-bodies', 'MPAA')).statusCode, 303);
      const after = await persona.request({ method: 'GET', url: '/admin/v1/ratings-bodies', headers: bearer(token) });
      assert.deepEqual(after.json().items, []);
      const audit = await persona.request({
        method: 'GET',
        url: '/admin/v1/audit?action=catalogue.item_deleted',
        headers: bearer(token),
      });
      assert.equal(audit.json().items.length, 2);
      const unknown = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=nope',
        headers: { cookie },
      });
      assert.equal(unknown.statusCode, 404);
    });

    it('edits a movie (the core refuses a bad year beside the field) and retries a failed job, audited', async () => {
      const own = await persona.createApp('Edit and retry');
      const token = await persona.adminToken(own);
      const movieId = randomUUID();
      const put = await persona.request({
        method: 'PUT',
        url: '/admin/v1/movies',
        headers: bearer(token),
        payload: { items: [{ id: movieId, title: 'Old title', year: 1999, genres: ['Drama'] }] },
      });
      assert.equal(put.statusCode, 200);
      const cookie = await signIn(own);
      const editUrl = `/console/catalogues/movies/${movieId}/edit`;
      const page = await persona.request({ method: 'GET', url: editUrl, headers: { cookie } });
      assert.match(page.body, /<input id="movie-title" name="title" value="Old title"/);
      assert.match(page.body, /<textarea id="movie-genres" name="genres" rows="3">Drama<\/textarea>/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const edit = (fields: Record<string, string>) =>
        persona.request({
          method: 'POST',
          url: editUrl,
          headers: { ...form, cookie },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const bad = await edit({ title: 'New', year: '12', genres: 'Drama' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /aria-invalid="true" aria-describedby="year-error"/);
      assert.match(bad.body, /<p id="year-error" class="error">must be a year from 1870 to 2100<\/p>/);
      const good = await edit({ title: 'New title', year: '2001', genres: 'Drama\r\nThriller\r\n' });
      assert.equal(good.statusCode, 303, good.body);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const movie = await persona.core.movies.getMovie(admin, movieId);
      assert.deepEqual([movie.title, movie.year, movie.genres], ['New title', 2001, ['Drama', 'Thriller']]);
      const missing = await persona.request({
        method: 'GET',
        url: `/console/catalogues/movies/${randomUUID()}/edit`,
        headers: { cookie },
      });
      assert.equal(missing.statusCode, 404);

      const kind = `test.fails-${randomUUID()}`;
      let runs = 0;
      persona.core.jobs.register(kind, async () => {
        runs += 1;
        if (runs === 1) throw new Error('the first run fails');
        return { ok: true };
      });
      const jobId = (await persona.core.jobs.enqueue(kind, null, { appId: own.appId, maxAttempts: 1 })) ?? '';
      await eventually(async () => (await persona.core.jobs.getJob(admin, jobId)).status === 'failed');
      const jobPage = await persona.request({ method: 'GET', url: `/console/jobs/${jobId}`, headers: { cookie } });
      assert.match(jobPage.body, /Failed: the first run fails\./);
      const retry = () =>
        persona.request({
          method: 'POST',
          url: `/console/jobs/${jobId}/retry`,
          headers: { ...form, cookie },
          payload: new URLSearchParams({ _csrf: csrf }).toString(),
        });
      assert.equal((await retry()).statusCode, 303);
      await eventually(async () => (await persona.core.jobs.getJob(admin, jobId)).status === 'succeeded');
      const again = await retry();
      assert.equal(again.statusCode, 409, 'only a failed job is retried');
      assert.match(again.body, /Only a failed job can be retried; this one is succeeded/);
      const audit = await persona.core.audit.list(admin, { action: 'job.retried' }, { limit: 5 });
      assert.deepEqual(
        audit.items.map((e) => e.details),
        [{ jobId, kind }],
      );
      const stranger = await persona.createApp('Not the job owner');
      await assert.rejects(
        persona.core.jobs.retryJob(
          await persona.core.sessions.authenticate(await persona.adminToken(stranger), undefined),
          jobId,
        ),
        (error: unknown) => error instanceof CoreError && error.code === 'job_not_found',
      );
    });

    it('creates and edits items of every other catalogue, the core refusal beside its field, nothing saved', async () => {
      const own = await persona.createApp('Item forms');
      const token = await persona.adminToken(own);
      const cookie = await signIn(own);
      const list = (kind: string) =>
        persona.request({ method: 'GET', url: `/console/catalogues?kind=${kind}`, headers: { cookie } });
      const schools = await list('schools');
      assert.match(schools.body, /href="\/console\/catalogues\/schools\/new"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(schools.body)?.[1] ?? '';
      const send = (url: string, fields: Record<string, string>) =>
        persona.request({
          method: 'POST',
          url,
          headers: { ...form, cookie },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const blank = await send('/console/catalogues/schools/new', { name: '   ' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /aria-describedby="name-error" aria-invalid="true"/);
      assert.match(blank.body, /<p id="name-error" class="error">must be 1 to 300 characters<\/p>/);
      const forged = await persona.request({
        method: 'POST',
        url: '/console/catalogues/schools/new',
        headers: { ...form, cookie },
        payload: 'name=Forged',
      });
      assert.equal(forged.statusCode, 403);
      assert.equal((await send('/console/catalogues/schools/new', { name: 'Lycée Hoche' })).statusCode, 303);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const [school] = (await persona.core.students.listOptions(admin, 'schools', { limit: 5 })).items;
      assert.equal(school?.name, 'Lycée Hoche');
      const listed = await list('schools');
      const editHref = `/console/catalogues/schools/${school?.id}/edit?name=Lyc%C3%A9e+Hoche`;
      assert.ok(listed.body.includes(`href="${editHref}"`), listed.body);
      const editPage = await persona.request({ method: 'GET', url: editHref, headers: { cookie } });
      assert.match(editPage.body, /<input id="item-name" name="name" value="Lycée Hoche" required>/);
      const renamed = await send(`/console/catalogues/schools/${school?.id}/edit`, {
        name: 'Lycée Hoche (Versailles)',
      });
      assert.equal(renamed.statusCode, 303, renamed.body);
      assert.deepEqual(
        (await persona.core.students.listOptions(admin, 'schools', { limit: 5 })).items.map((o) => o.name),
        ['Lycée Hoche (Versailles)'],
      );

      assert.equal((await send('/console/catalogues/study-levels/new', { name: 'Licence 1' })).statusCode, 303);
      assert.equal(
        (await persona.core.students.listOptions(admin, 'study_levels', { limit: 5 })).items[0]?.name,
        'Licence 1',
      );
      const badBody = await send('/console/catalogues/ratings-bodies/new', { id: 'bad id!', name: 'FSK', ratings: '' });
      assert.equal(badBody.statusCode, 400);
      assert.match(badBody.body, /<p id="id-error" class="error">/);
      const body = await send('/console/catalogues/ratings-bodies/new', {
        id: 'FSK',
        name: 'FSK',
        ratings: '0\r\n6\r\n12\r\n',
      });
      assert.equal(body.statusCode, 303, body.body);
      assert.equal(
        (await send('/console/catalogues/ratings-bodies/FSK/edit', { name: 'FSK (DE)', ratings: '0\n6\n12\n16' }))
          .statusCode,
        303,
      );
      const bodies = await persona.core.movies.listRatingsBodies(admin, { limit: 5 });
      assert.deepEqual(
        bodies.items.map((b) => [b.id, b.name, b.ratings]),
        [['FSK', 'FSK (DE)', ['0', '6', '12', '16']]],
      );
      const option = await send('/console/catalogues/preference-options/new', {
        category: 'MovieGenre',
        label: 'Horror',
        attribute: 'genre:Horror',
        position: '',
      });
      assert.equal(option.statusCode, 303, option.body);
      const badOption = await send('/console/catalogues/preference-options/new', {
        category: 'NoSuchCategory',
        label: 'Odd',
        attribute: '',
        position: 'x',
      });
      assert.equal(badOption.statusCode, 400);
      assert.match(badOption.body, /<p id="category-error" class="error">is not a preference category<\/p>/);
      assert.match(badOption.body, /<p id="position-error" class="error">must be an integer/);
      const icon = await send('/console/catalogues/icons/new', {
        id: 'cat',
        uri: 'https://example.com/cat.png',
        aspect: '',
        imageId: '',
      });
      assert.equal(icon.statusCode, 303, icon.body);
      assert.equal(
        (await persona.core.icons.listIcons(admin, { limit: 5 })).items[0]?.uri,
        'https://example.com/cat.png',
      );
      const unknown = await persona.request({
        method: 'GET',
        url: '/console/catalogues/no-such-catalogue/new',
        headers: { cookie },
      });
      assert.equal(unknown.statusCode, 404);
    });

    it('creates a movie from a form: the core refuses a bad id beside it, an existing id is not replaced', async () => {
      const own = await persona.createApp('Movie create');
      const token = await persona.adminToken(own);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const cookie = await signIn(own);
      const list = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=movies',
        headers: { cookie },
      });
      assert.match(list.body, /href="\/console\/catalogues\/movies\/new"/);
      const page = await persona.request({ method: 'GET', url: '/console/catalogues/movies/new', headers: { cookie } });
      assert.match(page.body, /<input id="movie-id" name="id" value="" required>/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const create = (fields: Record<string, string>) =>
        persona.request({
          method: 'POST',
          url: '/console/catalogues/movies/new',
          headers: { ...form, cookie },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const bad = await create({ id: 'not a uuid', title: 'Film', year: '2001' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<p id="id-error" class="error">/);
      const id = randomUUID();
      const made = await create({ id, title: 'Made here', year: '2001', genres: 'Drama\nComedy' });
      assert.equal(made.statusCode, 303, made.body);
      const movie = await persona.core.movies.getMovie(admin, id);
      assert.deepEqual([movie.title, movie.year, movie.genres], ['Made here', 2001, ['Drama', 'Comedy']]);
      const again = await create({ id, title: 'Replaced?', year: '2002' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /a movie has this id already/);
      assert.equal((await persona.core.movies.getMovie(admin, id)).title, 'Made here');
    });

    it('uploads schools and study levels from CSV or JSON as a job, all or none; a bad row said by its line', async () => {
      const own = await persona.createApp('Schools upload');
      const token = await persona.adminToken(own);
      const cookie = await signIn(own);
      const page = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=schools',
        headers: { cookie },
      });
      assert.match(page.body, /action="\/console\/catalogues\/schools\/upload"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const upload = async (kind: string, content: string, name: string) => {
        const body = new FormData();
        body.set('_csrf', csrf);
        body.set('file', new File([content], name));
        const encoded = new Request('http://console.test/', { method: 'POST', body });
        return persona.request({
          method: 'POST',
          url: `/console/catalogues/${kind}/upload`,
          headers: { cookie, 'content-type': encoded.headers.get('content-type') ?? '' },
          payload: Buffer.from(await encoded.arrayBuffer()),
        });
      };
      const bad = await upload(
        'schools',
        `name\nLycée Hoche\n${'x'.repeat(301)}\n"Lycée ""Henri IV"""\n`,
        'schools.csv',
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<li>line 3: name must be 1 to 300 characters<\/li>/);
      const shape = await upload('schools', 'title\nX\n', 'schools.csv');
      assert.match(shape.body, /must name its columns, among them name/);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      assert.equal((await persona.core.students.listOptions(admin, 'schools', { limit: 5 })).items.length, 0);
      const started = await upload('schools', 'name\nLycée Hoche\n"Lycée ""Henri IV"""\n', 'schools.csv');
      assert.equal(started.statusCode, 303, started.body);
      const jobUrl = String(started.headers.location);
      let state: { status: string; text: string } | undefined;
      await eventually(async () => {
        state = (await persona.request({ method: 'GET', url: `${jobUrl}/progress`, headers: { cookie } })).json();
        return state?.status === 'succeeded';
      });
      assert.equal(state?.text, 'Done. 2 of 2 saved.');
      const jobPage = await persona.request({ method: 'GET', url: jobUrl, headers: { cookie } });
      assert.match(jobPage.body, /href="\/console\/catalogues\?kind=schools">See the schools/);
      assert.deepEqual(
        (await persona.core.students.listOptions(admin, 'schools', { limit: 5 })).items.map((o) => o.name).sort(),
        ['Lycée "Henri IV"', 'Lycée Hoche'],
      );
      const levels = await upload('study-levels', '{"items": [{"name": "Licence 1"}, {"name": "Master 2"}]}', 'l.json');
      assert.equal(levels.statusCode, 303, levels.body);
      await eventually(async () => {
        const names = (await persona.core.students.listOptions(admin, 'study_levels', { limit: 5 })).items;
        return names.length === 2;
      });
      const audit = await persona.core.audit.list(admin, { action: 'catalogue.items_saved' }, { limit: 10 });
      assert.ok(
        audit.items.some((entry) => entry.actor.id === own.clientId && entry.details.catalogue === 'schools'),
        'recorded as the uploader',
      );

      const api = await persona.request({
        method: 'POST',
        url: '/admin/v1/study-levels/import',
        headers: bearer(token),
        payload: { items: [{ name: '' }] },
      });
      assert.equal(api.statusCode, 400);
      const accepted = await persona.request({
        method: 'POST',
        url: '/admin/v1/study-levels/import',
        headers: bearer(token),
        payload: { items: [{ name: 'Doctorat' }] },
      });
      assert.equal(accepted.statusCode, 202);
      assert.ok(accepted.json().jobId);
    });

    it('uploads ratings bodies and icons from CSV or JSON, saved at once all or none; a bad row said by its line', async () => {
      const own = await persona.createApp('Bodies upload');
      const token = await persona.adminToken(own);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const cookie = await signIn(own);
      const page = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=ratings-bodies',
        headers: { cookie },
      });
      assert.match(page.body, /action="\/console\/catalogues\/ratings-bodies\/upload"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const upload = async (kind: string, content: string) => {
        const body = new FormData();
        body.set('_csrf', csrf);
        body.set('file', new File([content], 'file'));
        const encoded = new Request('http://console.test/', { method: 'POST', body });
        return persona.request({
          method: 'POST',
          url: `/console/catalogues/${kind}/upload`,
          headers: { cookie, 'content-type': encoded.headers.get('content-type') ?? '' },
          payload: Buffer.from(await encoded.arrayBuffer()),
        });
      };
      const bad = await upload('ratings-bodies', 'id,name,ratings\nFSK,FSK,0|6|12\nbad id!,MPAA,G|PG\n');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<li>line 3: id must be/);
      assert.equal((await persona.core.movies.listRatingsBodies(admin, { limit: 5 })).items.length, 0);
      const good = await upload('ratings-bodies', 'id,name,ratings\nFSK,FSK,0|6|12|16|18\nMPAA,MPAA,G|PG|PG-13|R\n');
      assert.equal(good.statusCode, 303, good.body);
      assert.equal(good.headers.location, '/console/catalogues?kind=ratings-bodies&notice=file-saved');
      assert.deepEqual(
        (await persona.core.movies.listRatingsBodies(admin, { limit: 5 })).items.map((b) => [b.id, b.ratings]),
        [
          ['FSK', ['0', '6', '12', '16', '18']],
          ['MPAA', ['G', 'PG', 'PG-13', 'R']],
        ],
      );
      const shape = await upload('icons', '[{"id": "cat"}]');
      assert.equal(shape.statusCode, 400);
      assert.match(shape.body, /<li>item 1: must have id, uri/);
      const icons = await upload('icons', '{"items": [{"id": "cat", "uri": "https://example.com/cat.png"}]}');
      assert.equal(icons.statusCode, 303, icons.body);
      assert.equal(
        (await persona.core.icons.listIcons(admin, { limit: 5 })).items[0]?.uri,
        'https://example.com/cat.png',
      );
    });

    it('fails an import the job itself refuses at once, without retries, with a readable message', async () => {
      const own = await persona.createApp('Refused import');
      const token = await persona.adminToken(own);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const horror = randomUUID();
      await persona.core.preferences.upsertOptions(admin, [{ id: horror, category: 'MovieGenre', label: 'Horror' }]);
      // Checked at once, the batch is good; only the database knows another option holds the label.
      const jobId = await persona.core.preferences.startOptionsImport(admin, [
        { id: randomUUID(), category: 'MovieGenre', label: 'Horror' },
      ]);
      let job = await persona.core.jobs.getJob(admin, jobId);
      await eventually(async () => {
        job = await persona.core.jobs.getJob(admin, jobId);
        return job.status === 'failed';
      });
      assert.equal(job.attempts, 1, 'not retried');
      assert.equal(
        job.lastError,
        `The import was refused: items[0].label: option ${horror} of this category has this label already`,
      );
      const cookie = await signIn(own);
      const page = await persona.request({ method: 'GET', url: `/console/jobs/${jobId}`, headers: { cookie } });
      assert.ok(page.body.includes(`option ${horror} of this category has this label already`));
    });

    it('uploads preference options from CSV as a job; a bad row said by its line, nothing imported', async () => {
      const own = await persona.createApp('Options upload');
      const token = await persona.adminToken(own);
      const cookie = await signIn(own);
      const page = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=preference-options',
        headers: { cookie },
      });
      assert.match(page.body, /action="\/console\/catalogues\/preference-options\/upload"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const upload = async (content: string) => {
        const body = new FormData();
        body.set('_csrf', csrf);
        body.set('file', new File([content], 'options.csv'));
        const encoded = new Request('http://console.test/', { method: 'POST', body });
        return persona.request({
          method: 'POST',
          url: '/console/catalogues/preference-options/upload',
          headers: { cookie, 'content-type': encoded.headers.get('content-type') ?? '' },
          payload: Buffer.from(await encoded.arrayBuffer()),
        });
      };
      const bad = await upload('category,label,position\nMovieGenre,Horror,1\nNoSuchCategory,Odd,x\n');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<li>line 3: category is not a preference category<\/li>/);
      assert.match(bad.body, /<li>line 3: position must be an integer from -1000000 to 1000000<\/li>/);
      const started = await upload('category,label,attribute\nMovieGenre,Horror,genre:Horror\nMovieGenre,Comedy,\n');
      assert.equal(started.statusCode, 303, started.body);
      const jobUrl = String(started.headers.location);
      let state: { status: string; text: string } | undefined;
      await eventually(async () => {
        state = (await persona.request({ method: 'GET', url: `${jobUrl}/progress`, headers: { cookie } })).json();
        return state?.status === 'succeeded';
      });
      assert.equal(state?.text, 'Done. 2 of 2 saved.');
      const options = await persona.request({
        method: 'GET',
        url: '/admin/v1/preference-options',
        headers: bearer(token),
      });
      assert.deepEqual(
        options
          .json()
          .items.map((o: { label: string }) => o.label)
          .sort(),
        ['Comedy', 'Horror'],
      );
    });

    it('counts sign-ups and active users per UTC day (admin only) and draws them on the dashboard', async () => {
      const own = await persona.createApp('Activity');
      const token = await persona.adminToken(own);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const empty = await persona.core.identity.activityPerDay(admin, 7);
      assert.equal(empty.length, 7);
      assert.equal(empty[6]?.day, new Date().toISOString().slice(0, 10));
      assert.deepEqual(
        empty.map((d) => d.signUps + d.activeUsers),
        [0, 0, 0, 0, 0, 0, 0],
      );
      const first = await persona.createUser(own);
      await persona.createUser(own);
      // A second log-in of the same user is the same active user.
      const again = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { 'x-kii-appid': own.appId, 'x-kii-appkey': own.appKey },
        payload: { username: first.loginName, password: first.password },
      });
      assert.equal(again.statusCode, 200);
      await persona.createUser(app);
      const today = (await persona.core.identity.activityPerDay(admin, 30)).at(-1);
      assert.equal(today?.signUps, 2, "another app's users are not counted");
      assert.equal(today?.activeUsers, 2);
      for (const days of [0, 91, 1.5]) {
        await assert.rejects(
          persona.core.identity.activityPerDay(admin, days),
          (error: unknown) => error instanceof CoreError && error.code === 'invalid_input',
        );
      }
      await assert.rejects(
        persona.core.identity.activityPerDay(await persona.core.sessions.authenticate(first.accessToken, undefined), 7),
        (error: unknown) => error instanceof CoreError && error.code === 'forbidden',
      );
      const cookie = await signIn(own);
      const page = await persona.request({ method: 'GET', url: '/console/dashboard', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      for (const title of ['Requests per second', 'Latency percentiles', 'Log-in failures and refusals']) {
        assert.match(page.body, new RegExp(`<figcaption id="[a-z-]+-caption">${title}`));
      }
      assert.match(page.body, /<svg viewBox="0 0 600 200" class="chart-bars" role="img"/);
      assert.match(page.body, /Sign-ups per day, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d; latest: Sign-ups 2</);
      assert.doesNotMatch(page.body, /style=/, 'no style attribute for the policy to refuse');
    });

    it('uploads movies from CSV and JSON as a job whose progress the page reads; bad rows said by line, nothing imported', async () => {
      const own = await persona.createApp('Upload');
      const token = await persona.adminToken(own);
      const cookie = await signIn(own);
      const page = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=movies',
        headers: { cookie },
      });
      assert.match(page.body, /enctype="multipart\/form-data"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const upload = async (name: string, content: string, formToken = csrf) => {
        const body = new FormData();
        body.set('_csrf', formToken);
        body.set('file', new File([content], name));
        const encoded = new Request('http://console.test/', { method: 'POST', body });
        return persona.request({
          method: 'POST',
          url: '/console/catalogues/movies/upload',
          headers: { cookie, 'content-type': encoded.headers.get('content-type') ?? '' },
          payload: Buffer.from(await encoded.arrayBuffer()),
        });
      };
      const ids = Array.from({ length: 600 }, () => randomUUID());
      const csv = [
        'id,title,year,genres,ratings',
        ...ids.map((id, n) => `${id},"Film ${n}, the ""cut""",${1990 + (n % 30)},Drama|Comedy,`),
      ].join('\r\n');
      const bad = await upload('movies.csv', `id,title,year\nnot-a-uuid,Fine,2001\n${randomUUID()},,20x1\n`);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /<li>line 2: id must be a UUID<\/li>/);
      assert.match(bad.body, /<li>line 3: title must be 1 to 300 characters<\/li>/);
      assert.match(bad.body, /<li>line 3: year must be a year from 1870 to 2100<\/li>/);
      const shape = await upload('movies.json', '[{"id": 3}]');
      assert.match(shape.body, /item 1: id must be a string/);
      assert.equal((await upload('movies.csv', csv, 'forged')).statusCode, 403);
      const list = () => persona.request({ method: 'GET', url: '/admin/v1/movies?limit=1', headers: bearer(token) });
      assert.deepEqual((await list()).json().items, [], 'nothing imported by the refused uploads');

      const started = await upload('movies.csv', csv);
      assert.equal(started.statusCode, 303, started.body);
      const jobUrl = String(started.headers.location);
      assert.match(jobUrl, /^\/console\/jobs\/[0-9a-f-]{36}$/);
      const jobPage = await persona.request({ method: 'GET', url: jobUrl, headers: { cookie } });
      assert.match(jobPage.body, /<progress id="job-progress" max="100"/);
      let state: { status: string; percent: number; text: string; finished: boolean } | undefined;
      await eventually(async () => {
        state = (await persona.request({ method: 'GET', url: `${jobUrl}/progress`, headers: { cookie } })).json();
        return state?.finished === true;
      });
      assert.deepEqual(state, { status: 'succeeded', percent: 100, text: 'Done. 600 of 600 saved.', finished: true });
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const stored: { id: string; title: string; genres: string[] }[] = [];
      for (let cursor: string | undefined, more = true; more; ) {
        const movies = await persona.core.movies.listMovies(admin, { cursor, limit: 100 });
        stored.push(...movies.items);
        cursor = movies.nextCursor ?? undefined;
        more = cursor !== undefined;
      }
      assert.equal(stored.length, 600);
      const first = stored.find((m) => m.id === ids[0]);
      assert.ok(first);
      assert.equal(first.title, 'Film 0, the "cut"');
      assert.deepEqual(first.genres, ['Drama', 'Comedy']);
      const audit = await persona.request({
        method: 'GET',
        url: '/admin/v1/audit?action=catalogue.items_saved',
        headers: bearer(token),
      });
      assert.deepEqual(
        audit
          .json()
          .items.map((e: { details: { count: number } }) => e.details.count)
          .sort(),
        [100, 250, 250],
        'one entry a chunk, as the admin who uploaded',
      );
      assert.equal(audit.json().items[0].actor.id, own.clientId);

      const json = await upload(
        'movies.json',
        JSON.stringify({ items: [{ id: [...ids].sort()[0], title: 'Renamed', year: 2000 }] }),
      );
      assert.equal(json.statusCode, 303);
      const renamedJob = String(json.headers.location);
      await eventually(async () => {
        return (await persona.request({ method: 'GET', url: `${renamedJob}/progress`, headers: { cookie } })).json()
          .finished;
      });
      // The first page is in id order: the smallest id is on it.
      const renamed = await persona.request({
        method: 'GET',
        url: '/console/catalogues?kind=movies',
        headers: { cookie },
      });
      assert.match(renamed.body, /<td>Renamed<\/td>/);
      const stranger = await signIn(await persona.createApp('Not the uploader'));
      const hidden = await persona.request({ method: 'GET', url: renamedJob, headers: { cookie: stranger } });
      assert.equal(hidden.statusCode, 404, "another app's admin does not see the job");
    });

    it("reads and lifts a user's household PIN lock (admin only, this app's only, audited), the PIN kept", async () => {
      const own = await persona.createApp('PIN lock');
      const token = await persona.adminToken(own);
      const admin = await persona.core.sessions.authenticate(token, undefined);
      const user = await persona.createUser(own);
      const owner = await persona.core.sessions.authenticate(user.accessToken, undefined);
      assert.deepEqual(await persona.core.households.pinStateOfUser(admin, user.id), {
        status: 'UNSET',
        failedAttempts: 0,
        lockedUntil: null,
      });
      assert.equal(await persona.core.households.liftPinLock(admin, user.id), false, 'nothing to lift');
      await persona.core.households.setPin(owner, '1234', undefined);
      const codes: string[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await persona.core.households.setPin(owner, '5678', '0000').catch((error: CoreError) => codes.push(error.code));
      }
      assert.deepEqual(codes, ['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'pin_locked']);
      const locked = await persona.core.households.pinStateOfUser(admin, user.id);
      assert.equal(locked.status, 'LOCKED');
      assert.equal(locked.failedAttempts, 5);
      assert.ok((locked.lockedUntil ?? 0) > Date.now());

      const userToken = await persona.core.sessions.authenticate(user.accessToken, undefined);
      await assert.rejects(persona.core.households.pinStateOfUser(userToken, user.id), CoreError);
      const other = await persona.createApp('PIN lock, another app');
      const otherAdmin = await persona.core.sessions.authenticate(await persona.adminToken(other), undefined);
      await assert.rejects(persona.core.households.liftPinLock(otherAdmin, user.id), { code: 'user_not_found' });
      await assert.rejects(persona.core.households.pinStateOfUser(otherAdmin, user.id), { code: 'user_not_found' });

      const cookie = await signIn(own);
      const page = await persona.request({ method: 'GET', url: `/console/users/${user.id}`, headers: { cookie } });
      assert.match(page.body, /<dt>Household PIN<\/dt><dd>Locked until [^<]+ \(5 wrong PINs\)<\/dd>/);
      assert.match(page.body, /action="\/console\/users\/[^"]+\/lift-pin-lock"/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const lifted = await persona.request({
        method: 'POST',
        url: `/console/users/${user.id}/lift-pin-lock`,
        headers: { ...form, cookie },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(lifted.statusCode, 303);
      assert.equal(lifted.headers.location, `/console/users/${user.id}?notice=pin-unlocked`);
      const after = await persona.request({ method: 'GET', url: `/console/users/${user.id}`, headers: { cookie } });
      assert.match(after.body, /<dt>Household PIN<\/dt><dd>Set<\/dd>/);
      assert.doesNotMatch(after.body, /lift-pin-lock/);
      // The PIN is kept: the right one is taken at once, a wrong one counted from zero.
      await persona.core.households.setPin(owner, '5678', '1234');
      const audit = await persona.core.audit.list(admin, { action: 'user.pin_unlocked' }, { limit: 5 });
      assert.deepEqual(
        audit.items.map((entry) => [entry.userId, entry.actor.id, entry.details.lifted]),
        [[user.id, own.clientId, true]],
      );

      const api = await persona.request({
        method: 'GET',
        url: `/admin/v1/users/${user.id}/pin`,
        headers: bearer(token),
      });
      assert.deepEqual(api.json(), { status: 'SET', failedAttempts: 0, lockedUntil: null });
      const unlock = await persona.request({
        method: 'POST',
        url: `/admin/v1/users/${user.id}/pin/unlock`,
        headers: bearer(token),
      });
      assert.deepEqual(unlock.json(), { lifted: false });
    });

    it("edits, exports, resets the PIN of and deletes a user, through the admin's core calls, audited", async () => {
      const own = await persona.createApp('User actions');
      const token = await persona.adminToken(own);
      const user = await persona.createUser(own, { displayName: 'Before' });
      const cookie = await signIn(own);
      const page = await persona.request({ method: 'GET', url: `/console/users/${user.id}`, headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(csrf);
      const post = (action: string, fields: Record<string, string> = {}) =>
        persona.request({
          method: 'POST',
          url: `/console/users/${user.id}/${action}`,
          headers: { ...form, cookie },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const actions = async () =>
        (
          await persona.request({ method: 'GET', url: `/admin/v1/audit?userId=${user.id}`, headers: bearer(token) })
        ).json().items as { action: string; details: Record<string, unknown> }[];

      const edited = await post('edit', { displayName: 'After', emailAddress: '', country: '' });
      assert.equal(edited.statusCode, 303);
      assert.equal(edited.headers.location, `/console/users/${user.id}?notice=updated`);
      const read = () => persona.request({ method: 'GET', url: `/admin/v1/users/${user.id}`, headers: bearer(token) });
      assert.equal((await read()).json().displayName, 'After');
      const [update] = await actions();
      assert.equal(update?.action, 'user.updated');
      assert.deepEqual(update?.details, { fields: ['displayName'] }, 'only what changed was sent');
      const badEmail = await post('edit', { emailAddress: 'not an address' });
      assert.equal(badEmail.statusCode, 400);
      assert.match(badEmail.body, /role="alert" class="error">Not saved: /);

      const exported = await persona.request({
        method: 'GET',
        url: `/console/users/${user.id}/export`,
        headers: { cookie },
      });
      assert.equal(exported.statusCode, 200);
      assert.match(String(exported.headers['content-disposition']), /attachment; filename="user-[0-9a-f-]+\.json"/);
      assert.equal(exported.json().user.id, user.id);
      assert.doesNotMatch(exported.body, /hash/i, 'no secret in the export');

      assert.equal((await post('reset-pin')).statusCode, 303);

      const unconfirmed = await post('delete', { confirm: 'someone else' });
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, new RegExp(`Not deleted: type ${user.loginName.toLowerCase()}`));
      assert.equal((await read()).statusCode, 200, 'still there');
      const deleted = await post('delete', { confirm: user.loginName.toLowerCase() });
      assert.equal(deleted.statusCode, 303);
      assert.equal(deleted.headers.location, '/console/users?notice=deleted');
      assert.equal((await read()).statusCode, 404);
      assert.equal((await actions())[0]?.action, 'user.deleted');
    });

    it("lists the app's jobs, newest first and keyset-paged (admin only, this app's only), on the jobs page", async () => {
      const own = await persona.createApp('Jobs');
      const stranger = await persona.createApp('Other jobs');
      // Due in an hour: they stay queued, so the test reads what it wrote.
      const kind = `console-test-${database.name}`;
      persona.core.jobs.register(kind, async () => undefined);
      const later = { runAt: Date.now() + 3_600_000 };
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        const id = await persona.core.jobs.enqueue(kind, { n }, { appId: own.appId, maxAttempts: 3, ...later });
        assert.ok(id);
        ids.push(id);
      }
      await persona.core.jobs.enqueue(kind, { n: 0 }, { appId: stranger.appId, ...later });
      const admin = await persona.core.sessions.authenticate(await persona.adminToken(own), undefined);
      const first = await persona.core.jobs.listJobs(admin, { limit: 2 });
      assert.deepEqual(
        first.items.map((job) => job.id),
        [ids[2], ids[1]],
      );
      assert.ok(first.nextCursor);
      const second = await persona.core.jobs.listJobs(admin, { cursor: first.nextCursor, limit: 2 });
      assert.deepEqual(
        second.items.map((job) => job.id),
        [ids[0]],
      );
      assert.equal(second.nextCursor, null);
      assert.equal(second.items[0]?.status, 'queued');
      const user = await persona.createUser(own);
      await assert.rejects(
        persona.core.jobs.listJobs(await persona.core.sessions.authenticate(user.accessToken, undefined), { limit: 2 }),
        (error: unknown) => error instanceof CoreError && error.code === 'forbidden',
      );
      const cookie = await signIn(own);
      const page = await persona.request({ method: 'GET', url: '/console/jobs', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.equal(page.body.match(new RegExp(`<td>${kind}</td>`, 'g'))?.length, 3, "the app's three, not the other's");
      assert.match(page.body, /<td>0 of 3<\/td>/);
    });

    it('marks the cookie Secure behind a trusted TLS proxy, and takes the origin the proxy names', async () => {
      const proxied = await startPersona(database, { env: { TRUST_PROXY: '127.0.0.1' } });
      try {
        const own = await proxied.createApp('Behind a proxy');
        const answer = await proxied.request({
          method: 'POST',
          url: '/console/sign-in',
          headers: {
            ...form,
            'x-forwarded-proto': 'https',
            'x-forwarded-host': 'persona.example',
            origin: 'https://persona.example',
          },
          payload: new URLSearchParams({ client_id: own.clientId, client_secret: own.clientSecret }).toString(),
        });
        assert.equal(answer.statusCode, 303, answer.body);
        assert.match(String(answer.headers['set-cookie']), /; Secure$/);
      } finally {
        await proxied.close();
      }
    });

    it('answers HTML with a strict policy under /console, and leaves /openapi.json without console paths', async () => {
      const missing = await persona.request({ method: 'GET', url: '/console/no-such-page' });
      assert.equal(missing.statusCode, 404);
      assert.match(String(missing.headers['content-type']), /text\/html/);
      assert.match(String(missing.headers['content-security-policy']), /default-src 'self'/);
      const signInPage = await persona.request({ method: 'GET', url: '/console/sign-in' });
      assert.doesNotMatch(signInPage.body, /<script>|style="/, 'no inline script or style');
      const document = (await persona.request({ method: 'GET', url: '/openapi.json' })).json();
      assert.deepEqual(
        Object.keys(document.paths).filter((path) => path.startsWith('/console')),
        [],
      );
    });
  });
}
