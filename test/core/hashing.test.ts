import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';

const sqlite = testDatabases.find((d) => d.name === 'sqlite');

describe('the bounded hashing budget', () => {
  let persona: TestPersona;
  let app: CreatedApp;
  let user: TestUser;

  before(async () => {
    assert.ok(sqlite);
    persona = await startPersona(sqlite, {
      env: { HASH_CONCURRENCY: '1', HASH_QUEUE_LENGTH: '2', TRUST_PROXY: '127.0.0.1' },
    });
    app = await persona.createApp('Flooded');
    user = await persona.createUser(app);
  });
  after(() => persona.close());

  // The user logged in from 127.0.0.1 (the helper did); strangers come from addresses of their own, one each, so
  // that the throttle (five failures per account and address) leaves the budget to be tested.
  let stranger = 0;
  const logIn = (password: string, address = `203.0.113.${++stranger}`) =>
    persona.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: { ...appHeaders(app), 'x-forwarded-for': address },
      payload: { username: user.loginName, password },
    });

  it('refuses log-ins past the queue at once (503), answers the rest, and keeps serving everything else', async () => {
    const flood = Array.from({ length: 30 }, () => logIn('wrong-password'));
    const me = await persona.request({
      method: 'GET',
      url: `/api/apps/${app.appId}/users/me`,
      headers: bearer(user.accessToken),
    });
    assert.equal(me.statusCode, 200, 'a request that hashes nothing is served during the flood');
    const answers = await Promise.all(flood);
    const statuses = answers.map((answer) => answer.statusCode);
    assert.equal(statuses.filter((status) => status === 400).length, 3, JSON.stringify(statuses));
    assert.equal(statuses.filter((status) => status === 503).length, 27, JSON.stringify(statuses));
    const refused = answers.find((answer) => answer.statusCode === 503);
    assert.equal(refused?.json().errorCode, 'SERVICE_UNAVAILABLE');
    // The budget is free again once the flood has been answered.
    assert.equal((await logIn(user.password)).statusCode, 200);
  });

  it('lets an address that logged in to the account before go ahead of a full queue of strangers', async () => {
    const flood = Array.from({ length: 30 }, () => logIn('wrong-password'));
    const owner = logIn(user.password, '127.0.0.1');
    const answers = await Promise.all(flood);
    assert.ok(
      answers.some((answer) => answer.statusCode === 503),
      'the strangers filled the queue',
    );
    assert.equal((await owner).statusCode, 200, 'the owner was not refused with them');
  });
});
