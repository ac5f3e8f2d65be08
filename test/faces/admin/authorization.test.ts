import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import type { UserPrincipal } from '../../../src/core/principal.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, startPersona, type TestPersona, type TestUser } from '../../helpers/persona.ts';

for (const database of testDatabases) {
  describe(`the admin API refuses every other caller before it acts, on ${database.name}`, {
    skip: database.skip,
  }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let admin: string;
    let user: TestUser;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp('Admin authorization');
      admin = await persona.adminToken(app);
      user = await persona.createUser(app, { displayName: 'Before' });
    });
    after(() => persona.close());

    const exported = async () => {
      const response = await persona.request({
        method: 'GET',
        url: `/admin/v1/users/${user.id}/export`,
        headers: bearer(admin),
      });
      assert.equal(response.statusCode, 200, response.body);
      return { ...response.json(), exportedAt: undefined };
    };
    const audited = async () => {
      const response = await persona.request({
        method: 'GET',
        url: `/admin/v1/audit?userId=${user.id}`,
        headers: bearer(admin),
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().items.length as number;
    };

    it("refuses a user's own token on PATCH /users/{its own id} (403) and writes nothing", async () => {
      const before = await exported();
      const auditBefore = await audited();
      const response = await persona.request({
        method: 'PATCH',
        url: `/admin/v1/users/${user.id}`,
        headers: bearer(user.accessToken),
        payload: { displayName: 'Hacked', customFields: { role: 'admin' } },
      });
      assert.equal(response.statusCode, 403, response.body);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.deepEqual(await exported(), before, 'nothing of the user changed');
      assert.equal(await audited(), auditBefore, 'nothing recorded');
    });

    it("refuses a user's token before the body is read: a bad body answers 403, not 400", async () => {
      const response = await persona.request({
        method: 'PUT',
        url: '/admin/v1/movies',
        headers: { ...bearer(user.accessToken), 'content-type': 'application/json' },
        payload: '{ not json',
      });
      assert.equal(response.statusCode, 403, response.body);
      const anonymous = await persona.request({
        method: 'PUT',
        url: '/admin/v1/movies',
        headers: { 'content-type': 'application/json' },
        payload: '{ not json',
      });
      assert.equal(anonymous.statusCode, 401, anonymous.body);
    });

    it("checks the principal in the core too: the admin's user update refuses a user's principal", async () => {
      const principal = (await persona.core.sessions.authenticate(user.accessToken, app.appId)) as UserPrincipal;
      const before = await exported();
      await assert.rejects(persona.core.accounts.updateUserAsAdmin(principal, user.id, { displayName: 'Hacked' }), {
        code: 'forbidden',
      });
      assert.deepEqual(await exported(), before);
    });
  });
}
