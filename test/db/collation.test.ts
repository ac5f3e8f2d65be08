import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { pairSubject, ThrottlingRepository } from '../../src/core/throttling/throttling.repository.ts';
import { localeCollatedDatabase, openTestDatabase, type TestDatabase, testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, configureApp, startPersona, type TestPersona } from '../helpers/persona.ts';

// The rest of the suite runs on a database with C collation (`test`); this file runs the code that once depended on
// it on one with a locale collation (ICU en-US, where `}` sorts before `|`). The whole suite can be run there too:
// TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_icu.
const database = await localeCollatedDatabase();

for (const tested of [...testDatabases, { ...database, name: 'postgres with ICU en-US' }]) {
  describe(`known addresses on ${tested.name}`, { skip: tested.skip }, () => {
    let opened: Awaited<ReturnType<typeof openTestDatabase>>;
    before(async () => {
      opened = await openTestDatabase(tested as TestDatabase);
    });
    after(() => opened?.drop());

    it("finds the addresses an account logged in from, and no other account's", async () => {
      const { unitOfWork } = opened.database;
      const appId = 'collation-app';
      await unitOfWork.db
        .insertInto('apps')
        .values({
          id: appId,
          name: appId,
          app_key_hash: 'k',
          client_id: appId,
          client_secret_hash: 's',
          settings: '{}',
          created_at: Date.now(),
        })
        .execute();
      const throttling = new ThrottlingRepository(unitOfWork);
      const now = Date.now();
      const succeeded = { failures: 0, lastFailureAt: null, lockedUntil: null, succeededAt: now };
      // Accounts whose pairs a range of subjects mixes up with the account's own under one collation or another.
      const pairs = [
        ['user:ann', '198.51.100.41'],
        ['user:ann', '2001:db8::7'],
        ['user:ann|x', '198.51.100.42'],
        ['user:ann}', '198.51.100.43'],
        ['user:Ann', '198.51.100.44'],
        ['user:ann0', '198.51.100.45'],
      ] as const;
      await unitOfWork.run(async () => {
        for (const [account, address] of pairs) {
          await throttling.lockPair(appId, account, address, now);
          await throttling.updatePair(appId, pairSubject(account, address), succeeded, now);
        }
      });
      const known = await throttling.knownAddresses(appId, 'user:ann', now - 1000, 10);
      assert.deepEqual(known.sort(), ['198.51.100.41', '2001:db8::7']);
    });
  });
}

describe('Persona on a PostgreSQL database with a locale collation (ICU en-US)', { skip: database.skip }, () => {
  let persona: TestPersona;
  before(async () => {
    persona = await startPersona(database, { env: { TRUST_PROXY: '127.0.0.1' } });
  });
  after(() => persona?.close());

  const logIn = (app: CreatedApp, username: string, password: string, address: string) =>
    persona.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: { ...appHeaders(app), 'x-forwarded-for': address },
      payload: { username, password },
    });

  it('lets the owner in from a known address while strangers have locked its account', async () => {
    const app = await persona.createApp();
    await configureApp(persona, app, { accountLockAfterFailures: 3 });
    const owner = await persona.createUser(app);
    assert.equal((await logIn(app, owner.loginName, owner.password, '198.51.100.40')).statusCode, 200);
    for (const address of ['203.0.113.21', '203.0.113.22', '203.0.113.23']) {
      assert.equal((await logIn(app, owner.loginName, 'wrong-password', address)).statusCode, 400);
    }
    // This refusal remembers the locked identifier with the addresses the account knows, read in one query.
    assert.equal((await logIn(app, owner.loginName, owner.password, '203.0.113.24')).statusCode, 429);
    assert.equal(
      (await logIn(app, owner.loginName, owner.password, '198.51.100.40')).statusCode,
      200,
      'the owner from a known address is not refused as a stranger',
    );
  });

  it('finds users by a prefix of their names in the admin search, in creation order', async () => {
    const app = await persona.createApp();
    const names = ['Zoë|one', 'zoe}two', 'ZOE three', 'Zo-four'];
    const ids: string[] = [];
    for (const displayName of names) ids.push((await persona.createUser(app, { displayName })).id);
    const search = async (query: string) => {
      const response = await persona.request({
        method: 'GET',
        url: `/admin/v1/users?query=${encodeURIComponent(query)}`,
        headers: bearer(await persona.adminToken(app)),
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().items.map((user: { id: string }) => user.id);
    };
    assert.deepEqual(await search('zoe'), [ids[1], ids[2]]);
    assert.deepEqual(await search('ZOË|'), [ids[0]]);
    assert.deepEqual(await search('zo'), ids);
  });
});
