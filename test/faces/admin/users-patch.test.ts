import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { testDatabases } from '../../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';

for (const database of testDatabases) {
  describe(`PATCH /admin/v1/users/{id} on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const patch = (token: string, id: string, payload: unknown) =>
      persona.request({
        method: 'PATCH',
        url: `/admin/v1/users/${id}`,
        headers: bearer(token),
        payload: payload as InjectOptions['payload'],
      });

    it('changes predefined and custom fields and the verification flags, with the rules of an own update', async () => {
      const app = await persona.createApp('Patching');
      const admin = await persona.adminToken(app);
      const user = await persona.createUser(app, { displayName: 'Before', level: 1 });
      const email = `${uniqueName('mail')}@example.com`;
      const changed = await patch(admin, user.id, {
        displayName: 'After',
        emailAddress: email,
        emailVerified: true,
        customFields: { level: 2, team: 'blue' },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const body = changed.json();
      assert.equal(body.displayName, 'After');
      assert.equal(body.emailAddress, email);
      assert.equal(body.emailVerified, true);
      assert.deepEqual(body.customFields, { level: 2, team: 'blue' });

      // With email verification required, the address the admin verified logs in.
      await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: bearer(admin),
        payload: { settings: { emailVerificationRequired: true } },
      });
      const logIn = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: email, password: user.password },
      });
      assert.equal(logIn.statusCode, 200, logIn.body);
      const unverified = await patch(admin, user.id, { emailVerified: false });
      assert.equal(unverified.json().emailVerified, false);
    });

    it('refuses a taken identifier (409), bad values and unknown keys (400), storing nothing', async () => {
      const app = await persona.createApp('Patching');
      const admin = await persona.adminToken(app);
      const user = await persona.createUser(app, { displayName: 'Kept' });
      const other = await persona.createUser(app);
      assert.equal((await patch(admin, user.id, { loginName: other.loginName })).statusCode, 409);
      assert.equal((await patch(admin, user.id, { emailAddress: 'not-an-address' })).statusCode, 400);
      assert.equal((await patch(admin, user.id, { displayName: 'x', admin: true })).statusCode, 400);
      const read = await persona.request({ method: 'GET', url: `/admin/v1/users/${user.id}`, headers: bearer(admin) });
      assert.equal(read.json().displayName, 'Kept');
      assert.equal(read.json().loginName, user.loginName);
    });

    it("is the admin's alone: users get 403, other apps' users and unknown ids 404", async () => {
      const app = await persona.createApp('Patching');
      const admin = await persona.adminToken(app);
      const user = await persona.createUser(app);
      assert.equal((await patch(user.accessToken, user.id, { displayName: 'Me' })).statusCode, 403);
      const rotate = await persona.request({
        method: 'POST',
        url: '/admin/v1/app/rotate-secret',
        headers: bearer(user.accessToken),
      });
      assert.equal(rotate.statusCode, 403, 'a user cannot rotate the admin secret');
      assert.equal((await persona.request({ method: 'POST', url: '/admin/v1/app/rotate-secret' })).statusCode, 401);
      const otherApp = await persona.createApp('Elsewhere');
      const stranger = await persona.createUser(otherApp);
      assert.equal((await patch(admin, stranger.id, { displayName: 'Mine' })).statusCode, 404);
      assert.equal((await patch(admin, randomUUID(), { displayName: 'Nobody' })).statusCode, 404);
      // The Kii face cannot mark its own address verified.
      const own = await persona.request({
        method: 'POST',
        url: `/api/apps/${app.appId}/users/me`,
        headers: { ...bearer(user.accessToken), 'content-type': 'application/vnd.kii.UserUpdateRequest+json' },
        payload: { emailVerified: true },
      });
      const stored = await persona.request({
        method: 'GET',
        url: `/admin/v1/users/${user.id}`,
        headers: bearer(admin),
      });
      assert.equal(stored.json().emailVerified, false, own.body);
    });
  });
}
