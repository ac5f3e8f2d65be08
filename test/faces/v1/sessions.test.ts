import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../helpers/databases.ts';
import {
  appHeaders,
  configureApp,
  eventually,
  startPersona,
  type TestPersona,
  uniqueName,
} from '../../helpers/persona.ts';
import { assertV1Error, register, v1AppHeaders, v1Call } from './helpers.ts';

for (const database of testDatabases) {
  describe(`v1 sessions on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const post = (url: string, payload: unknown, headers: Record<string, string>) =>
      persona.request({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
    const profileOf = (token: string) => v1Call(persona, token, 'GET', '/v1/user/profile?fields=id,email,handle');

    it('registers with an email and a handle: 201 with a session that reads the profile', async () => {
      const app = await persona.createApp();
      const handle = uniqueName('h').slice(0, 30);
      const session = await register(persona, app, { handle });
      assert.ok(session.sessionToken.startsWith(`${app.appId}.`));
      assert.ok(session.refreshToken.startsWith(`${app.appId}.`));
      const profile = await profileOf(session.sessionToken);
      assert.equal(profile.statusCode, 200, profile.body);
      assert.deepEqual(profile.json(), { id: session.userId, email: session.email, handle });
    });

    it('shares accounts with the Kii face both ways', async () => {
      const app = await persona.createApp();
      const loginName = uniqueName();
      const registered = await post('/v1/user/auth/register', { loginName, password: 'pass-word1' }, v1AppHeaders(app));
      assert.equal(registered.statusCode, 201, registered.body);
      const kiiLogIn = await post(
        '/api/oauth2/token',
        { username: loginName, password: 'pass-word1' },
        appHeaders(app),
      );
      assert.equal(kiiLogIn.statusCode, 200, kiiLogIn.body);
      assert.equal(kiiLogIn.json().id, registered.json().userId);

      const kiiUser = await persona.createUser(app);
      const v1LogIn = await post(
        '/v1/user/auth/login',
        { username: kiiUser.loginName, password: kiiUser.password },
        appHeaders(app),
      );
      assert.equal(v1LogIn.statusCode, 200, v1LogIn.body);
      assert.equal(v1LogIn.json().userId, kiiUser.id);
      // A Kii token is a session token here, and the reverse.
      assert.equal((await profileOf(kiiUser.accessToken)).json().id, kiiUser.id);
      const kiiRead = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: { authorization: `Bearer ${v1LogIn.json().sessionToken}` },
      });
      assert.equal(kiiRead.statusCode, 200, kiiRead.body);
    });

    it('refuses a handle another account has in any case, and creates no account', async () => {
      const app = await persona.createApp();
      const handle = uniqueName('taken').slice(0, 30);
      await register(persona, app, { handle });
      const email = `${uniqueName()}@example.com`;
      const refused = await post(
        '/v1/user/auth/register',
        { email, password: 'pass-word1', handle: handle.toUpperCase() },
        v1AppHeaders(app),
      );
      assertV1Error(refused, 409, 'handle_taken', 10008);
      const logIn = await post('/v1/user/auth/login', { username: email, password: 'pass-word1' }, v1AppHeaders(app));
      assertV1Error(logIn, 401, 'GENERIC_UNAUTHORIZED');
    });

    it('refuses bad registrations with 400 and the fields named', async () => {
      const app = await persona.createApp();
      const cases: [Record<string, unknown>, string][] = [
        [{ password: 'pass-word1' }, 'email'],
        [{ email: 'not-an-email', password: 'pass-word1' }, 'email'],
        [{ email: `${uniqueName()}@example.com`, password: 'short' }, 'password'],
        [{ email: `${uniqueName()}@example.com`, password: 'pass-word1', handle: 'a-b' }, 'handle'],
        [{ email: `${uniqueName()}@example.com`, password: 'pass-word1', admin: true }, 'admin'],
      ];
      for (const [payload, field] of cases) {
        const body = assertV1Error(
          await post('/v1/user/auth/register', payload, v1AppHeaders(app)),
          400,
          'generic_client_error',
          10002,
        );
        assert.ok(
          body.details?.some((detail) => detail.field.includes(field) || detail.message.includes(field)),
          JSON.stringify(body),
        );
      }
      const taken = await register(persona, app);
      assertV1Error(
        await post('/v1/user/auth/register', { email: taken.email, password: 'pass-word1' }, v1AppHeaders(app)),
        409,
        'user_already_exists',
      );
    });

    it('needs the app credentials: Persona’s headers or Kii’s; anything else is 401', async () => {
      const app = await persona.createApp();
      const payload = { email: `${uniqueName()}@example.com`, password: 'pass-word1' };
      assertV1Error(await post('/v1/user/auth/register', payload, {}), 401, 'GENERIC_UNAUTHORIZED', 10003);
      assertV1Error(
        await post('/v1/user/auth/register', payload, { 'x-app-id': app.appId, 'x-app-key': 'wrong' }),
        401,
        'GENERIC_UNAUTHORIZED',
      );
      assertV1Error(
        await post('/v1/user/auth/register', payload, { 'x-app-id': 'no-such-app', 'x-app-key': app.appKey }),
        401,
        'GENERIC_UNAUTHORIZED',
      );
      const viaKii = await post('/v1/user/auth/register', payload, appHeaders(app));
      assert.equal(viaKii.statusCode, 201, viaKii.body);
    });

    it('logs in by email or login name; a wrong password is 401 GENERIC_UNAUTHORIZED', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      const ok = await post(
        '/v1/user/auth/login',
        { username: session.email, password: session.password },
        v1AppHeaders(app),
      );
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(Object.keys(ok.json()).sort(), ['refreshToken', 'sessionToken', 'userId']);
      assertV1Error(
        await post('/v1/user/auth/login', { username: session.email, password: 'wrong-pass' }, v1AppHeaders(app)),
        401,
        'GENERIC_UNAUTHORIZED',
      );
      assertV1Error(
        await post('/v1/user/auth/login', { username: session.email }, v1AppHeaders(app)),
        400,
        'generic_client_error',
      );
    });

    it('refreshes the session: 201 with a new session token, the refresh token kept', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      const first = await post(
        '/v1/user/auth/refresh-session',
        { refreshToken: session.refreshToken },
        v1AppHeaders(app),
      );
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(Object.keys(first.json()), ['sessionToken']);
      const second = await post(
        '/v1/user/auth/refresh-session',
        { refreshToken: session.refreshToken },
        v1AppHeaders(app),
      );
      assert.equal(second.statusCode, 201, second.body);
      assert.notEqual(first.json().sessionToken, second.json().sessionToken);
      for (const token of [session.sessionToken, first.json().sessionToken, second.json().sessionToken]) {
        assert.equal((await profileOf(token)).statusCode, 200);
      }
      assertV1Error(
        await post('/v1/user/auth/refresh-session', { refreshToken: `${app.appId}.unknown` }, v1AppHeaders(app)),
        401,
        'GENERIC_UNAUTHORIZED',
      );
    });

    it('tells an expired session and an expired refresh token from anything else', async () => {
      const app = await persona.createApp();
      await configureApp(persona, app, { accessTokenTtlSeconds: 1, refreshTokenTtlSeconds: 1 });
      const session = await register(persona, app);
      assertV1Error(await profileOf('not-a-token'), 401, 'GENERIC_UNAUTHORIZED', 10003);
      assertV1Error(await v1Call(persona, undefined, 'GET', '/v1/user/profile?fields=id'), 401, 'GENERIC_UNAUTHORIZED');
      // The lifetime is one second: the token expires while the test watches.
      await eventually(async () => (await profileOf(session.sessionToken)).statusCode === 401);
      assertV1Error(await profileOf(session.sessionToken), 401, 'SESSION_TOKEN_EXPIRED', 10004);
      const refreshed = await post(
        '/v1/user/auth/refresh-session',
        { refreshToken: session.refreshToken },
        v1AppHeaders(app),
      );
      assertV1Error(refreshed, 401, 'REFRESH_TOKEN_EXPIRED', 10005);
    });

    it('applies the rate limit of log-ins per address, with Retry-After and RateLimit headers', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      await configureApp(persona, app, { logInsPerAddress: 2 });
      const logIn = () =>
        post('/v1/user/auth/login', { username: session.email, password: session.password }, v1AppHeaders(app));
      assert.equal((await logIn()).statusCode, 200);
      assert.equal((await logIn()).statusCode, 200);
      const refused = await logIn();
      assertV1Error(refused, 429, 'too_many_requests', 10011);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.match(String(refused.headers.ratelimit), /remaining=0/);
      // The refresh counts under the same budget.
      assertV1Error(
        await post('/v1/user/auth/refresh-session', { refreshToken: session.refreshToken }, v1AppHeaders(app)),
        429,
        'too_many_requests',
      );
    });

    it('throttles failed log-ins of an account: refused before the password is checked, right or wrong', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      await configureApp(persona, app, { logInDelayAfterFailures: 2, logInLockAfterFailures: 3 });
      const logIn = (password: string) =>
        post('/v1/user/auth/login', { username: session.email, password }, v1AppHeaders(app));
      for (let i = 0; i < 3; i++) {
        const response = await logIn('wrong-pass');
        assert.ok([401, 429].includes(response.statusCode), response.body);
      }
      const refused = await logIn(session.password);
      assertV1Error(refused, 429, 'too_many_requests');
      assert.ok(Number(refused.headers['retry-after']) > 0);
    });
  });
}
