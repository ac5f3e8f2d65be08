import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, heard, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';

const postgres = testDatabases.find((d) => d.name === 'postgres');
assert.ok(postgres);

/**
 * A lock the admin lifts on one instance is lifted on the others, though they remember having refused it: the
 * remembered refusals are forgotten when `credentials.unlocked` arrives over PostgreSQL.
 */
describe('a lifted log-in lock across instances sharing PostgreSQL', { skip: postgres.skip }, () => {
  let a: TestPersona;
  let b: TestPersona;
  let app: CreatedApp;

  before(async () => {
    a = await startPersona(postgres);
    b = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
    });
    app = await a.createApp('Unlock');
    const admin = await a.core.sessions.authenticate(await a.adminToken(app), undefined);
    await a.core.apps.updateSettings(admin, { logInDelayAfterFailures: 2, logInLockAfterFailures: 2 });
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  const logInOn = (instance: TestPersona, user: TestUser, password: string) =>
    instance.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { username: user.loginName, password },
    });

  it('lets the user log in on the instance that remembered the refusal', async () => {
    const user = await a.createUser(app);
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.equal((await logInOn(b, user, 'wrong-password')).statusCode, 400);
    }
    assert.equal((await logInOn(b, user, user.password)).statusCode, 429, 'B refuses, and remembers it');
    assert.equal((await logInOn(b, user, user.password)).statusCode, 429);

    const admin = await a.core.sessions.authenticate(await a.adminToken(app), undefined);
    const unlocked = heard(b, (event) => event.type === 'credentials.unlocked' && event.appId === app.appId);
    assert.equal(await a.core.credentialThrottle.liftLocksOfUser(admin, user.id), 1);
    await unlocked;
    assert.equal((await logInOn(b, user, user.password)).statusCode, 200);
  });
});
