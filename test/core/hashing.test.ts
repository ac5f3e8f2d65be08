import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { UsersRepository } from '../../src/core/identity/users.repository.ts';
import { ThrottlingRepository } from '../../src/core/throttling/throttling.repository.ts';
import { type TestDatabase, testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';

const sqlite = testDatabases.find((d) => d.name === 'sqlite');

/**
 * A Persona with a budget of one hash and two waiting, for the suite it is called in, and one user. The user logged
 * in from 127.0.0.1 (the helper did); strangers come from addresses of their own, one each, so that the throttle (five
 * failures per account and address) leaves the budget to be tested.
 */
function floodedPersona(database: TestDatabase | undefined) {
  const flooded = {} as { persona: TestPersona; app: CreatedApp; user: TestUser };
  before(async () => {
    assert.ok(database);
    flooded.persona = await startPersona(database, {
      env: { HASH_CONCURRENCY: '1', HASH_QUEUE_LENGTH: '2', TRUST_PROXY: '127.0.0.1' },
    });
    flooded.app = await flooded.persona.createApp('Flooded');
    flooded.user = await flooded.persona.createUser(flooded.app);
  });
  after(() => flooded.persona.close());
  let stranger = 0;
  const logIn = (password: string, address = `203.0.113.${++stranger}`) =>
    flooded.persona.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: { ...appHeaders(flooded.app), 'x-forwarded-for': address },
      payload: { username: flooded.user.loginName, password },
    });
  return { flooded, logIn };
}

describe('the bounded hashing budget', () => {
  const { flooded, logIn } = floodedPersona(sqlite);

  it('refuses log-ins past the queue at once (503), answers the rest, and keeps serving everything else', async () => {
    const flood = Array.from({ length: 30 }, () => logIn('wrong-password'));
    const me = await flooded.persona.request({
      method: 'GET',
      url: `/api/apps/${flooded.app.appId}/users/me`,
      headers: bearer(flooded.user.accessToken),
    });
    assert.equal(me.statusCode, 200, 'a request that hashes nothing is served during the flood');
    const answers = await Promise.all(flood);
    const statuses = answers.map((answer) => answer.statusCode);
    assert.equal(statuses.filter((status) => status === 400).length, 3, JSON.stringify(statuses));
    assert.equal(statuses.filter((status) => status === 503).length, 27, JSON.stringify(statuses));
    const refused = answers.find((answer) => answer.statusCode === 503);
    assert.equal(refused?.json().errorCode, 'SERVICE_UNAVAILABLE');
    // The budget is free again once the flood has been answered.
    assert.equal((await logIn(flooded.user.password)).statusCode, 200);
  });

  it('lets an address that logged in to the account before go ahead of a full queue of strangers', async () => {
    const flood = Array.from({ length: 30 }, () => logIn('wrong-password'));
    const owner = logIn(flooded.user.password, '127.0.0.1');
    const answers = await Promise.all(flood);
    assert.ok(
      answers.some((answer) => answer.statusCode === 503),
      'the strangers filled the queue',
    );
    assert.equal((await owner).statusCode, 200, 'the owner was not refused with them');
  });
});

for (const database of testDatabases) {
  describe(`strangers refused while the hashing budget is full, on ${database.name}`, { skip: database.skip }, () => {
    const { flooded, logIn } = floodedPersona(database);

    /**
     * Fills the budget (one check running, two waiting) with checks of a hash made with 20 passes, about half a second
     * each, so that it stays full long enough to test, whatever the machine; resolves with their end once it is full.
     */
    const fillTheBudget = () => {
      const slowHash = `$argon2id$v=19$m=19456,t=20,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}`;
      const { passwords } = flooded.persona.core;
      const checks = Promise.all(Array.from({ length: 3 }, () => passwords.verify('guess', slowHash)));
      assert.ok(passwords.saturated);
      return checks;
    };

    it('reads the addresses the account knows once, then refuses the strangers who follow without reading', async () => {
      const budgetFull = fillTheBudget();
      try {
        assert.equal(
          (await logIn('wrong-password')).statusCode,
          503,
          'the first stranger reads what the account knows',
        );
        // Spies, not stand-ins: the real methods run against the real database; only their calls are counted.
        const userReads = mock.method(UsersRepository.prototype, 'findCredentials');
        const knownReads = mock.method(ThrottlingRepository.prototype, 'knownAddresses');
        const pairReads = mock.method(ThrottlingRepository.prototype, 'find');
        const more = await Promise.all(Array.from({ length: 20 }, () => logIn('wrong-password')));
        assert.ok(flooded.persona.core.passwords.saturated, 'the budget was full throughout');
        assert.deepEqual(
          more.map((answer) => answer.statusCode),
          Array(20).fill(503),
        );
        const reads = userReads.mock.callCount() + knownReads.mock.callCount() + pairReads.mock.callCount();
        assert.equal(reads, 0, `${reads} reads for 20 strangers (two each without the memory)`);
      } finally {
        mock.restoreAll();
        await budgetFull;
      }
    });

    it('remembers at once an address that logs in on this instance', async () => {
      const address = '198.51.100.77';
      // The memory of the account's addresses is made while the budget is full, without this address.
      let budgetFull = fillTheBudget();
      assert.equal((await logIn('wrong-password')).statusCode, 503);
      await budgetFull;
      assert.equal((await logIn(flooded.user.password, address)).statusCode, 200);
      budgetFull = fillTheBudget();
      const owner = await logIn(flooded.user.password, address);
      await budgetFull;
      assert.equal(owner.statusCode, 200, 'the new address went ahead of strangers, not refused with them');
    });
  });
}
