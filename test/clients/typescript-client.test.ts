import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  bearer,
  createPersonaClient,
  formEncoded,
  kiiAppHeaders,
  type PersonaClient,
} from '../../clients/typescript/index.ts';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { startPersona, type TestPersona, uniqueName } from '../helpers/persona.ts';

// The generated client against a listening Persona: what compiles here is what the document promises.
for (const database of testDatabases) {
  describe(`the TypeScript client on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let client: PersonaClient;
    let app: CreatedApp;

    before(async () => {
      persona = await startPersona(database);
      await persona.http.listen({ port: 0, host: '127.0.0.1' });
      client = createPersonaClient({
        baseUrl: `http://127.0.0.1:${(persona.http.server.address() as AddressInfo).port}`,
      });
      app = await persona.createApp();
    });
    after(async () => {
      await persona?.close();
    });

    it('signs up, logs in, reads and updates the profile, and finds the user in the admin list', async () => {
      const loginName = uniqueName('client');
      const signUp = await client.POST('/api/apps/{appID}/users', {
        params: { path: { appID: app.appId } },
        headers: {
          ...kiiAppHeaders(app.appId, app.appKey),
          'content-type': 'application/vnd.kii.RegistrationRequest+json',
        },
        body: { loginName, password: 'pass-word1', displayName: 'Client', shoeSize: 42 },
      });
      assert.equal(signUp.response.status, 201, JSON.stringify(signUp.error));
      assert.match(
        String(signUp.response.headers.get('content-type')),
        /^application\/vnd\.kii\.RegistrationResponse\+json/,
      );
      assert.ok(signUp.data);
      const userId = signUp.data.userID;

      const logIn = await client.POST('/api/oauth2/token', {
        headers: kiiAppHeaders(app.appId, app.appKey),
        body: { username: loginName, password: 'pass-word1' },
      });
      assert.equal(logIn.response.status, 200, JSON.stringify(logIn.error));
      assert.ok(logIn.data);
      assert.equal(logIn.data.id, userId);
      const token = logIn.data.access_token;

      const me = await client.GET('/api/apps/{appID}/users/{userRef}', {
        params: { path: { appID: app.appId, userRef: 'me' } },
        headers: bearer(token),
      });
      assert.equal(me.response.status, 200, JSON.stringify(me.error));
      assert.equal(me.data?.userID, userId);
      assert.equal(me.data?.displayName, 'Client');
      assert.equal(me.data?.shoeSize, 42);

      const update = await client.POST('/api/apps/{appID}/users/{userRef}', {
        params: { path: { appID: app.appId, userRef: 'me' } },
        headers: { ...bearer(token), 'content-type': 'application/vnd.kii.UserUpdateRequest+json' },
        body: { displayName: 'Client, renamed', country: 'FR' },
      });
      assert.equal(update.response.status, 200, JSON.stringify(update.error));
      assert.equal(typeof update.data?.modifiedAt, 'number');

      const reread = await client.GET('/api/apps/{appID}/users/{userRef}', {
        params: { path: { appID: app.appId, userRef: 'me' } },
        headers: bearer(token),
      });
      assert.equal(reread.data?.displayName, 'Client, renamed');
      assert.equal(reread.data?.country, 'FR');
      // Custom fields are replaced wholesale by an update.
      assert.equal(reread.data?.shoeSize, undefined);

      const admin = await client.POST('/api/oauth2/token', {
        body: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
      });
      assert.equal(admin.response.status, 200, JSON.stringify(admin.error));
      assert.ok(admin.data);

      // `limit` has a default: the client may leave it out.
      const list = await client.GET('/admin/v1/users', {
        params: { query: { query: loginName } },
        headers: bearer(admin.data.access_token),
      });
      assert.equal(list.response.status, 200, JSON.stringify(list.error));
      assert.ok(list.data);
      assert.deepEqual(
        list.data.items.map((user) => [user.id, user.loginName, user.displayName, user.country]),
        [[userId, loginName.toLowerCase(), 'Client, renamed', 'FR']],
      );
      assert.equal(list.data.nextCursor, null);
    });

    it('logs in with a form-encoded token request', async () => {
      const user = await persona.createUser(app);
      const logIn = await client.POST('/api/apps/{appID}/oauth2/token', {
        params: { path: { appID: app.appId } },
        headers: { ...kiiAppHeaders(app.appId, app.appKey), 'content-type': 'application/x-www-form-urlencoded' },
        body: { grant_type: 'password', username: user.loginName, password: user.password },
        bodySerializer: formEncoded,
      });
      assert.equal(logIn.response.status, 200, JSON.stringify(logIn.error));
      assert.equal(logIn.data?.id, user.id);
    });

    it("answers refusals in each face's error body, as the client types them", async () => {
      const anonymous = await client.GET('/api/apps/{appID}/users/{userRef}', {
        params: { path: { appID: app.appId, userRef: 'me' } },
      });
      assert.equal(anonymous.response.status, 401);
      assert.equal(anonymous.error?.errorCode, 'UNAUTHORIZED');
      assert.match(
        String(anonymous.response.headers.get('content-type')),
        /^application\/vnd\.kii\.UnauthorizedAccessException\+json/,
      );

      const wrongPassword = await client.POST('/api/oauth2/token', {
        headers: kiiAppHeaders(app.appId, app.appKey),
        body: { username: uniqueName('nobody'), password: 'pass-word1' },
      });
      assert.equal(wrongPassword.response.status, 400);
      assert.equal(wrongPassword.error?.error, 'invalid_grant');

      const user = await persona.createUser(app);
      const asUser = await client.GET('/admin/v1/users', { headers: bearer(user.accessToken) });
      assert.equal(asUser.response.status, 403);
      assert.equal(asUser.error?.code, 'forbidden');
      assert.match(String(asUser.response.headers.get('content-type')), /^application\/problem\+json/);

      const adminToken = await persona.adminToken(app);
      const badLimit = await client.GET('/admin/v1/users', {
        params: { query: { limit: 0 } },
        headers: bearer(adminToken),
      });
      assert.equal(badLimit.response.status, 400);
      assert.equal(badLimit.error?.status, 400);
      assert.equal(typeof badLimit.error?.detail, 'string');

      const profiles = await client.GET('/userprofiles/v1/user/userprofiles/{profileId}', {
        params: { path: { profileId: '00000000-0000-7000-8000-000000000000' } },
        headers: { token: user.accessToken },
      });
      assert.equal(profiles.response.status, 404);
      assert.equal(profiles.error?.code, 'PROFILE_NOT_FOUND');
    });
  });
}
