import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import kiiCloudSdk from 'kii-cloud-sdk';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';

// The official Kii Cloud JavaScript SDK, unchanged, against a listening Persona.
for (const database of testDatabases) {
  describe(`the official Kii SDK on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let site: string;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp('SDK');
      await persona.http.listen({ port: 0, host: '127.0.0.1' });
      site = `http://127.0.0.1:${(persona.http.server.address() as AddressInfo).port}/api`;
    });
    after(() => persona.close());

    it('registers, logs in, refreshes, updates custom fields, changes password, logs in again and deletes', async () => {
      const { Kii, KiiUser } = kiiCloudSdk.create();
      Kii.initializeWithSite(app.appId, app.appKey, site);
      const username = uniqueName('sdk');

      let user = KiiUser.userWithUsername(username, 'pass1234');
      user.set('age', 30);
      user.set('nick', 'bob');
      user = await user.register();
      const userId = user.getID();
      assert.match(userId, /^[0-9a-f-]{36}$/);
      assert.equal(user.get('age'), 30);

      user = await KiiUser.authenticate(username, 'pass1234');
      assert.equal(user.getID(), userId);
      assert.ok(user.getAccessToken());

      // The SDK has no refresh-token call; a client refreshes over REST and hands the SDK the new access token.
      const pair = await postJson(`${site}/oauth2/token`, app, { username, password: 'pass1234' });
      const refreshed = await postJson(`${site}/oauth2/token`, app, {
        grant_type: 'refresh_token',
        refresh_token: pair.refresh_token,
      });
      assert.equal(refreshed.id, userId);
      user = await KiiUser.authenticateWithToken(refreshed.access_token);
      assert.equal(user.getID(), userId);
      assert.equal(user.getUsername(), username);
      user = await user.refresh();
      assert.equal(user.get('nick'), 'bob');

      user = await user.update(null, null, { age: 31, score: 99 }, []);
      user.set('level', 7);
      user = await user.save();
      const stored = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: { authorization: `Bearer ${refreshed.access_token}` },
      });
      const body = stored.json();
      assert.equal(body.age, 31);
      assert.equal(body.score, 99);
      assert.equal(body.level, 7);
      assert.equal(body.nick, 'bob');
      // The SDK echoed server fields (internalUserID, loginName…) in its update bodies: they were ignored, not stored.
      const row = await persona.database.db
        .selectFrom('users')
        .select(['internal_id', 'custom_fields'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      assert.equal(body.internalUserID, row.internal_id);
      assert.deepEqual(Object.keys(JSON.parse(row.custom_fields)).sort(), ['age', 'level', 'nick', 'score']);

      user = await user.updatePassword('pass1234', 'pass5678');
      await assert.rejects(KiiUser.authenticate(username, 'pass1234'), /invalid_grant/);
      user = await KiiUser.authenticate(username, 'pass5678');
      assert.equal(user.getID(), userId);

      await user.delete();
      await assert.rejects(KiiUser.authenticate(username, 'pass5678'), /invalid_grant/);
    });

    it('registers a pseudo user whose token works', async () => {
      const { Kii, KiiUser } = kiiCloudSdk.create();
      Kii.initializeWithSite(app.appId, app.appKey, site);
      const pseudo = await KiiUser.registerAsPseudoUser(null, { displayName: 'Guest', hp: 5 });
      assert.equal(pseudo.isPseudoUser(), true);
      const again = await KiiUser.authenticateWithToken(pseudo.getAccessToken());
      assert.equal(again.getID(), pseudo.getID());
      assert.equal(again.get('hp'), 5);
      await again.delete();
      await assert.rejects(KiiUser.authenticateWithToken(pseudo.getAccessToken()), /WRONG_TOKEN/);
    });

    it('surfaces Persona errors as Kii error codes', async () => {
      const { Kii, KiiUser } = kiiCloudSdk.create();
      Kii.initializeWithSite(app.appId, app.appKey, site);
      const username = uniqueName('dup');
      await KiiUser.userWithUsername(username, 'pass1234').register();
      await assert.rejects(KiiUser.userWithUsername(username, 'pass1234').register(), /USER_ALREADY_EXISTS/);
    });
  });
}

interface TokenBody {
  id: string;
  access_token: string;
  refresh_token: string;
}

async function postJson(url: string, app: CreatedApp, body: unknown): Promise<TokenBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as TokenBody;
}
