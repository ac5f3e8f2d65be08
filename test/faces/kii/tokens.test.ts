import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import {
  appHeaders,
  bearer,
  startPersona,
  type TestPersona,
  type TestUser,
  uniqueName,
} from '../../helpers/persona.ts';

for (const database of testDatabases) {
  describe(`Kii tokens on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let otherApp: CreatedApp;
    let user: TestUser;
    const email = `${uniqueName('mail')}@Example.com`;
    const phone = `+4915${String(Date.now()).slice(-9)}`;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp();
      otherApp = await persona.createApp('Other');
      user = await persona.createUser(app, { emailAddress: email, phoneNumber: phone });
    });
    after(() => persona.close());

    const token = (
      payload: Record<string, unknown>,
      headers: Record<string, string> = appHeaders(app),
      url = '/api/oauth2/token',
    ) => persona.request({ method: 'POST', url, headers, payload });
    const me = (accessToken: string, target = app) =>
      persona.request({ method: 'GET', url: `/api/apps/${target.appId}/users/me`, headers: bearer(accessToken) });

    it('logs in by login name, email, phone and their prefixed forms', async () => {
      for (const username of [
        user.loginName,
        user.loginName.toUpperCase(),
        `LOGIN_NAME:${user.loginName}`,
        email.toLowerCase(),
        `EMAIL:${email}`,
        phone,
        `PHONE:${phone}`,
      ]) {
        const response = await token({ username, password: user.password });
        assert.equal(response.statusCode, 200, `${username}: ${response.body}`);
        const body = response.json();
        assert.equal(body.id, user.id);
        assert.equal(body.token_type, 'Bearer');
        assert.equal(body.expires_in, 3600);
        // `<appId>.<secret>`: 256 random bits, base64url.
        assert.match(body.access_token, new RegExp(`^${app.appId}\\.[\\w-]{43}$`));
        assert.match(body.refresh_token, new RegExp(`^${app.appId}\\.[\\w-]{43}$`));
        assert.equal((await me(body.access_token)).statusCode, 200);
      }
    });

    it('takes the app-scoped path, form bodies and Basic app credentials', async () => {
      const scoped = await token(
        { username: user.loginName, password: user.password },
        appHeaders(app),
        `/api/apps/${app.appId}/oauth2/token`,
      );
      assert.equal(scoped.statusCode, 200, scoped.body);
      const form = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: {
          authorization: `Basic ${Buffer.from(`${app.appId}:${app.appKey}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          grant_type: 'password',
          username: user.loginName,
          password: user.password,
        }).toString(),
      });
      assert.equal(form.statusCode, 200, form.body);
      assert.equal(form.json().id, user.id);
    });

    it('answers a wrong password and an unknown user alike', async () => {
      const wrong = await token({ username: user.loginName, password: 'wrong-pass' });
      const unknown = await token({ username: 'nobody-here', password: 'wrong-pass' });
      for (const response of [wrong, unknown]) {
        assert.equal(response.statusCode, 400);
        assert.deepEqual(Object.keys(response.json()).sort(), ['error', 'errorCode', 'error_description', 'message']);
        assert.equal(response.json().errorCode, 'invalid_grant');
        assert.equal(response.json().error, 'invalid_grant');
      }
      assert.equal(wrong.body, unknown.body);
    });

    it('refuses a log-in without valid app credentials, and one into another app', async () => {
      const noKey = await token({ username: user.loginName, password: user.password }, { 'x-kii-appid': app.appId });
      assert.equal(noKey.statusCode, 401);
      const badKey = await token(
        { username: user.loginName, password: user.password },
        { 'x-kii-appid': app.appId, 'x-kii-appkey': 'x' },
      );
      assert.equal(badKey.statusCode, 401);
      assert.equal(badKey.json().errorCode, 'UNAUTHORIZED');
      const elsewhere = await token({ username: user.loginName, password: user.password }, appHeaders(otherApp));
      assert.equal(elsewhere.statusCode, 400);
      assert.equal(elsewhere.json().errorCode, 'invalid_grant');
      const noApp = await token({ username: user.loginName, password: user.password }, {});
      assert.equal(noApp.statusCode, 401);
    });

    it('rejects malformed token requests with Kii errors', async () => {
      const noPassword = await token({ username: user.loginName });
      assert.equal(noPassword.statusCode, 400);
      assert.equal(noPassword.json().errorCode, 'INVALID_INPUT_DATA');
      const badGrant = await token({ grant_type: 'implicit', username: user.loginName, password: user.password });
      assert.equal(badGrant.statusCode, 400);
      assert.equal(badGrant.json().errorCode, 'INVALID_INPUT_DATA');
      const notJson = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { ...appHeaders(app), 'content-type': 'application/json' },
        payload: '{"username":',
      });
      assert.equal(notJson.statusCode, 400);
      assert.ok(notJson.json().errorCode);
    });

    it('lets expiresAt shorten, never lengthen, the access token', async () => {
      const soon = Date.now() + 120_000;
      const shorter = await token({ username: user.loginName, password: user.password, expiresAt: soon });
      assert.equal(shorter.statusCode, 200);
      assert.ok(shorter.json().expires_in <= 120 && shorter.json().expires_in >= 118, shorter.body);
      const longer = await token({
        username: user.loginName,
        password: user.password,
        expiresAt: Date.now() + 10 * 86_400_000,
      });
      assert.equal(longer.json().expires_in, 3600);
      const past = await token({ username: user.loginName, password: user.password, expiresAt: Date.now() - 1000 });
      assert.equal(past.statusCode, 400);
      assert.equal(past.json().errorCode, 'INVALID_INPUT_DATA');
    });

    it('refuses an access token once it has expired', async () => {
      const expiring = await token({ username: user.loginName, password: user.password, expiresAt: Date.now() + 1500 });
      assert.equal(expiring.statusCode, 200);
      const accessToken = expiring.json().access_token;
      assert.equal((await me(accessToken)).statusCode, 200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const expired = await me(accessToken);
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json().errorCode, 'WRONG_TOKEN');
    });

    it('uses a refresh token once: a new pair replaces the old one', async () => {
      const first = (await token({ username: user.loginName, password: user.password })).json();
      const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      const second = refreshed.json();
      assert.equal(second.id, user.id);
      assert.notEqual(second.access_token, first.access_token);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.equal((await me(second.access_token)).statusCode, 200);
      assert.equal((await me(first.access_token)).statusCode, 401, 'the old access token ends with its pair');
      const again = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      assert.equal(again.statusCode, 400);
      assert.equal(again.json().errorCode, 'invalid_grant');
    });

    it('refuses a refresh token in another app without spending it', async () => {
      const pair = (await token({ username: user.loginName, password: user.password })).json();
      const elsewhere = await token(
        { grant_type: 'refresh_token', refresh_token: pair.refresh_token },
        appHeaders(otherApp),
      );
      assert.equal(elsewhere.statusCode, 400);
      assert.equal((await me(pair.access_token)).statusCode, 200);
      const home = await token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token });
      assert.equal(home.statusCode, 200);
    });

    it('gives only one of two concurrent refreshes of the same token', async () => {
      const pair = (await token({ username: user.loginName, password: user.password })).json();
      const results = await Promise.all(
        [1, 2, 3].map(() => token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })),
      );
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 400, 400]);
    });

    it('never accepts a refresh token as an access token, nor an access token as a refresh token', async () => {
      const pair = (await token({ username: user.loginName, password: user.password })).json();
      assert.equal((await me(pair.refresh_token)).statusCode, 401);
      const swapped = await token({ grant_type: 'refresh_token', refresh_token: pair.access_token });
      assert.equal(swapped.statusCode, 400);
    });

    it('issues an admin token for client credentials, bound to its app', async () => {
      const admin = await token(
        { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
        {},
      );
      assert.equal(admin.statusCode, 200, admin.body);
      assert.equal(admin.json().id, app.clientId);
      assert.equal(admin.json().refresh_token, undefined);
      const read = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/${user.id}`,
        headers: bearer(admin.json().access_token),
      });
      assert.equal(read.statusCode, 200);
      const crossApp = await me(admin.json().access_token, otherApp);
      assert.equal(crossApp.statusCode, 401);
      const wrongSecret = await token(
        { grant_type: 'client_credentials', client_id: app.clientId, client_secret: 'nope' },
        {},
      );
      assert.equal(wrongSecret.statusCode, 400);
      assert.equal(wrongSecret.json().errorCode, 'invalid_grant');
      const wrongApp = await token(
        { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
        {},
        `/api/apps/${otherApp.appId}/oauth2/token`,
      );
      assert.equal(wrongApp.statusCode, 400);
    });

    it('takes client credentials as HTTP Basic too', async () => {
      const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
      const admin = await token({ grant_type: 'client_credentials' }, { authorization: basic });
      assert.equal(admin.statusCode, 200, admin.body);
      assert.equal(admin.json().id, app.clientId);
      const missing = await token({ grant_type: 'client_credentials' }, {});
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().errorCode, 'INVALID_INPUT_DATA');
    });

    it('refuses email and phone log-ins of unverified addresses when the app requires verification', async () => {
      const adminToken = await persona.adminToken(app);
      const setVerification = (required: boolean) =>
        persona.request({
          method: 'PATCH',
          url: '/admin/v1/app',
          headers: bearer(adminToken),
          payload: { settings: { emailVerificationRequired: required, phoneVerificationRequired: required } },
        });
      assert.equal((await setVerification(true)).statusCode, 200);
      try {
        for (const username of [email, phone]) {
          const refused = await token({ username, password: user.password });
          assert.equal(refused.statusCode, 400, username);
          assert.equal(refused.json().errorCode, 'invalid_grant');
        }
        assert.equal((await token({ username: user.loginName, password: user.password })).statusCode, 200);
      } finally {
        assert.equal((await setVerification(false)).statusCode, 200);
      }
      assert.equal((await token({ username: email, password: user.password })).statusCode, 200);
    });

    it('honours the app token lifetimes', async () => {
      const adminToken = await persona.adminToken(app);
      const patch = await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: bearer(adminToken),
        payload: { settings: { accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: 1200 } },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      const response = await token({ username: user.loginName, password: user.password });
      assert.equal(response.json().expires_in, 600);
    });
  });
}
