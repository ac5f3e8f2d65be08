import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, eventually, startPersona, type TestPersona } from '../../helpers/persona.ts';

/** The admin API's routes for the core calls the console uses: the API and the console can do the same things. */
for (const database of testDatabases) {
  describe(`the admin API's routes for the console's core calls, on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let app: CreatedApp;
    let token: string;

    before(async () => {
      persona = await startPersona(database);
      app = await persona.createApp('Console operations');
      token = await persona.adminToken(app);
    });
    after(() => persona.close());

    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      persona.request({ method, url: `/admin/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

    it('rotates the app key: the old one is refused, the new one taken', async () => {
      const own = await persona.createApp('Key rotation');
      const rotated = await persona.request({
        method: 'POST',
        url: '/admin/v1/app/rotate-key',
        headers: bearer(await persona.adminToken(own)),
      });
      assert.equal(rotated.statusCode, 200, rotated.body);
      const { appKey } = rotated.json();
      assert.notEqual(appKey, own.appKey);
      const signUp = (key: string) =>
        persona.request({
          method: 'POST',
          url: `/api/apps/${own.appId}/users`,
          headers: { 'x-kii-appid': own.appId, 'x-kii-appkey': key },
          payload: { loginName: `u${randomUUID().slice(0, 8)}`, password: 'a long password' },
        });
      assert.notEqual((await signUp(own.appKey)).statusCode, 201);
      assert.equal((await signUp(appKey)).statusCode, 201);
    });

    it("reads a user's failures and lifts their locks; an unknown user is 404", async () => {
      const user = await persona.createUser(app);
      for (let n = 0; n < 2; n += 1) {
        await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey },
          payload: { username: user.loginName, password: 'wrong password' },
        });
      }
      const state = await call('GET', `/users/${user.id}/credentials`);
      assert.equal(state.statusCode, 200, state.body);
      const account = state.json().items.find((s: { scope: string }) => s.scope === 'account');
      assert.equal(account.failures, 2);
      const lifted = await call('POST', `/users/${user.id}/unlock`);
      assert.equal(lifted.statusCode, 200, lifted.body);
      assert.equal(typeof lifted.json().lifted, 'number');
      const after = await call('GET', `/users/${user.id}/credentials`);
      assert.ok(after.json().items.every((s: { failures: number }) => s.failures === 0));
      assert.equal((await call('GET', `/users/${randomUUID()}/credentials`)).statusCode, 404);
      assert.equal((await call('POST', `/users/${randomUUID()}/unlock`)).statusCode, 404);
    });

    it('imports movies as a job, lists it, refuses retrying it (not failed), and counts activity', async () => {
      const bad = await call('POST', '/movies/import', { items: [{ id: 'x', title: 'Bad', year: 1 }] });
      assert.equal(bad.statusCode, 400);
      const ids = Array.from({ length: 300 }, () => randomUUID());
      const started = await call('POST', '/movies/import', {
        items: ids.map((id, n) => ({ id, title: `Imported ${n}`, year: 2000 })),
      });
      assert.equal(started.statusCode, 202, started.body);
      const { jobId } = started.json();
      let job: { status: string; progress: { saved: number; total: number; fraction: number } } | undefined;
      await eventually(async () => {
        job = (await call('GET', `/jobs/${jobId}`)).json();
        assert.notEqual(job?.status, 'failed', JSON.stringify(job));
        return job?.status === 'succeeded';
      });
      assert.deepEqual(job?.progress, { saved: 300, total: 300, fraction: 1 });
      const listed = await call('GET', '/jobs?limit=1');
      assert.equal(listed.statusCode, 200, listed.body);
      assert.equal(listed.json().items[0].id, jobId);
      const retried = await call('POST', `/jobs/${jobId}/retry`);
      assert.equal(retried.statusCode, 409);
      assert.equal((await call('POST', `/jobs/${randomUUID()}/retry`)).statusCode, 404);
      const options = await call('POST', '/preference-options/import', {
        items: [{ category: 'MovieGenre', label: 'Imported genre' }],
      });
      assert.equal(options.statusCode, 202, options.body);
      await eventually(async () => {
        const optionsJob = (await call('GET', `/jobs/${options.json().jobId}`)).json();
        assert.notEqual(optionsJob.status, 'failed', JSON.stringify(optionsJob));
        return optionsJob.status === 'succeeded';
      });
      const badOptions = await call('POST', '/preference-options/import', {
        items: [{ category: 'Nope', label: 'x' }],
      });
      assert.equal(badOptions.statusCode, 400);
      const activity = await call('GET', '/activity?days=3');
      assert.equal(activity.statusCode, 200, activity.body);
      assert.equal(activity.json().items.length, 3);
      assert.ok(activity.json().items[2].signUps >= 1);
      assert.equal((await call('GET', '/activity?days=91')).statusCode, 400);
    });
  });
}
