import assert from 'node:assert/strict';
import { argon2Sync, randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, it, mock } from 'node:test';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { UsersRepository } from '../../src/core/identity/users.repository.ts';
import { CredentialThrottle } from '../../src/core/throttling/credential-throttle.ts';
import { type TestDatabase, testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';

/**
 * A gate in a call's path: `entered` resolves when the call reaches it, and the call waits there until `open()`. It
 * lets a test make another change commit at a known point inside the call, without sleeping.
 */
function gate() {
  let reached!: () => void;
  let open!: () => void;
  const entered = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let passed = false;
  return {
    entered,
    open,
    /** Waits at the gate, the first time only (later calls pass). */
    async pass(): Promise<void> {
      if (passed) return;
      passed = true;
      reached();
      await opened;
    },
  };
}

for (const database of testDatabases) {
  describe(`sessions that hold under races, on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let admin: string;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp('Races');
      admin = await persona.adminToken(app);
    });
    after(() => persona.close());
    afterEach(() => mock.restoreAll());

    const logIn = (user: TestUser, password = user.password) =>
      persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: user.loginName, password },
      });
    const tokensOf = async (userId: string | null) =>
      (
        await persona.database.db
          .selectFrom('tokens')
          .select('id')
          .where('app_id', '=', app.appId)
          .where((eb) => (userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', userId)))
          .execute()
      ).length;
    /** Holds the next log-in at the gate once it has read the user, before its password is checked and it issues. */
    const holdNextLogIn = () => {
      const held = gate();
      const findCredentials = UsersRepository.prototype.findCredentials;
      mock.method(
        UsersRepository.prototype,
        'findCredentials',
        async function (this: UsersRepository, ...args: Parameters<UsersRepository['findCredentials']>) {
          const found = await findCredentials.apply(this, args);
          await held.pass();
          return found;
        },
      );
      return held;
    };
    const adminCall = (method: 'PUT' | 'POST', url: string, payload?: unknown) =>
      persona.request({ method, url, headers: bearer(admin), ...(payload ? { payload: payload as object } : {}) });

    it('refuses a log-in whose user is disabled once it was read, and leaves no token', async () => {
      const user = await persona.createUser(app);
      const held = holdNextLogIn();
      const answer = logIn(user);
      await held.entered;
      const disabled = await adminCall('PUT', `/admin/v1/users/${user.id}/status`, { disabled: true });
      assert.equal(disabled.statusCode, 200, disabled.body);
      held.open();
      assert.equal((await answer).statusCode, 400, 'the log-in re-read the user when it issued');
      assert.equal(await tokensOf(user.id), 0, 'no session outlived the disable');
    });

    it('refuses a log-in whose password is changed meanwhile, and leaves no token', async () => {
      const user = await persona.createUser(app);
      const held = holdNextLogIn();
      const answer = logIn(user);
      await held.entered;
      const changed = await persona.request({
        method: 'PUT',
        url: `/api/apps/${app.appId}/users/${user.id}/password`,
        headers: bearer(admin),
        payload: { newPassword: 'changed-by-admin' },
      });
      assert.equal(changed.statusCode, 204, changed.body);
      held.open();
      assert.equal((await answer).statusCode, 400);
      assert.equal(await tokensOf(user.id), 0);
      assert.equal((await logIn(user, 'changed-by-admin')).statusCode, 200);
    });

    it('never writes an old password back: a rehash during a log-in that a password change overtakes', async () => {
      const user = await persona.createUser(app);
      const nonce = randomBytes(16);
      const old = argon2Sync('argon2id', {
        message: user.password,
        nonce,
        memory: 8192,
        passes: 1,
        parallelism: 1,
        tagLength: 32,
      });
      const oldHash = `$argon2id$v=19$m=8192,t=1,p=1$${nonce.toString('base64url')}$${old.toString('base64url')}`;
      await persona.database.db
        .updateTable('users')
        .set({ password_hash: oldHash })
        .where('id', '=', user.id)
        .execute();
      const held = holdNextLogIn();
      const answer = logIn(user);
      await held.entered;
      const changed = await persona.request({
        method: 'PUT',
        url: `/api/apps/${app.appId}/users/${user.id}/password`,
        headers: bearer(admin),
        payload: { newPassword: 'the-new-one' },
      });
      assert.equal(changed.statusCode, 204, changed.body);
      held.open();
      assert.equal((await answer).statusCode, 400);
      assert.equal((await logIn(user)).statusCode, 400, 'the old password stays replaced');
      assert.equal((await logIn(user, 'the-new-one')).statusCode, 200);
    });

    it('refuses an admin token whose client secret is rotated while it is being issued', async () => {
      const held = gate();
      const { apps } = persona.core;
      const clientOf = apps.clientOf.bind(apps);
      mock.method(apps, 'clientOf', async (clientId: string) => {
        const found = await clientOf(clientId);
        await held.pass();
        return found;
      });
      const before = await tokensOf(null);
      const answer = persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        payload: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
      });
      await held.entered;
      const rotated = await apps.rotateClientSecret(app.appId);
      held.open();
      assert.equal((await answer).statusCode, 400, 'the secret it was checked against had been replaced');
      assert.equal(await tokensOf(null), 0, `no admin token outlived the rotation (${before} before)`);
      app = { ...app, clientSecret: rotated.clientSecret };
      admin = await persona.adminToken(app);
    });

    it('refuses a profile switch whose session is revoked meanwhile, and leaves no token', async () => {
      const user = await persona.createUser(app);
      const profiles = await persona.request({
        method: 'GET',
        url: '/userprofiles/v1/user/userprofiles',
        headers: { token: user.accessToken },
      });
      const profileId = profiles.json().resourceSet[0]._id as string;
      const held = gate();
      const { sessions } = persona.core;
      const issue = sessions.issueProfileToken.bind(sessions);
      mock.method(sessions, 'issueProfileToken', async (...args: Parameters<typeof issue>) => {
        await held.pass();
        return issue(...args);
      });
      const answer = persona.request({
        method: 'POST',
        url: '/ias/v3/token/actions/changeUserProfile',
        headers: { token: user.accessToken },
        payload: { newUserProfileId: profileId },
      });
      await held.entered;
      const revoked = await adminCall('POST', `/admin/v1/users/${user.id}/revoke-tokens`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      held.open();
      assert.equal((await answer).statusCode, 401);
      assert.equal(await tokensOf(user.id), 0);
    });

    describe('a refresh re-checks the user', () => {
      const refresh = (refreshToken: string) =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { grant_type: 'refresh_token', refresh_token: refreshToken },
        });

      it('refuses and ends a session whose user was disabled without its tokens ending', async () => {
        const user = await persona.createUser(app);
        // What a disable that raced the issuing of these tokens would have left behind.
        await persona.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
        assert.equal((await refresh(user.refreshToken)).statusCode, 400);
        assert.equal(await tokensOf(user.id), 0, 'the session (its access and refresh tokens) ended');
      });

      it('refuses a session begun before a password change that somehow outlived it', async () => {
        const user = await persona.createUser(app);
        await persona.database.db
          .updateTable('users')
          .set((eb) => ({ credentials_version: eb('credentials_version', '+', 1) }))
          .where('id', '=', user.id)
          .execute();
        assert.equal((await refresh(user.refreshToken)).statusCode, 400);
        const fresh = await logIn(user);
        assert.equal(fresh.statusCode, 200);
        assert.equal((await refresh(fresh.json().refresh_token)).statusCode, 200, 'a session begun after it renews');
      });
    });
  });

  describe(`the decoy hash on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    before(async () => {
      persona = await startPersona(database as TestDatabase, {
        env: { HASH_CONCURRENCY: '1', HASH_QUEUE_LENGTH: '1' },
      });
    });
    after(() => persona.close());

    it('answers unknown names like known ones after the hashing budget was full when one was first tried', async () => {
      const app = await persona.createApp('Decoy');
      const user = await persona.createUser(app);
      const logIn = (username: string) =>
        persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { ...appHeaders(app) },
          payload: { username, password: 'wrong-password' },
        });
      // The first unknown name passes every early check with room in the budget, and is held just before its hash
      // while the budget fills (a hash running, one waiting): it reaches the hash with no room left.
      const held = gate();
      const admit = CredentialThrottle.prototype.admit;
      mock.method(
        CredentialThrottle.prototype,
        'admit',
        async function (this: CredentialThrottle, ...args: Parameters<CredentialThrottle['admit']>) {
          const admitted = await admit.apply(this, args);
          await held.pass();
          return admitted;
        },
      );
      const first = logIn('nobody-at-all');
      await held.entered;
      const slowHash = `$argon2id$v=19$m=19456,t=20,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}`;
      const { passwords } = persona.core;
      const budgetFull = Promise.all([passwords.verify('guess', slowHash), passwords.verify('guess', slowHash)]);
      held.open();
      assert.equal((await first).statusCode, 503);
      await budgetFull;
      mock.restoreAll();
      const unknown = await logIn('nobody-else');
      const known = await logIn(user.loginName);
      assert.equal(unknown.statusCode, 400, `an unknown name: ${unknown.body}`);
      assert.equal(known.statusCode, 400, `a known name: ${known.body}`);
      assert.deepEqual(unknown.json(), known.json());
    });
  });
}
