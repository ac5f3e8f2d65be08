import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildApp, type PersonaApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testDatabases } from './helpers/databases.ts';

const run = promisify(execFile);

for (const database of testDatabases) {
  describe(`the CLI on ${database.name}`, { skip: database.skip }, () => {
    const target = database.create();
    // The project's .npmrc decides npm's log level; a level inherited from an outer `npm --loglevel=…` run would not.
    const { npm_config_loglevel: _inherited, ...outer } = process.env;
    const env = {
      ...outer,
      DATABASE_URL: target.url,
      ...(target.schema ? { DATABASE_SCHEMA: target.schema } : {}),
    };
    let persona: PersonaApp | undefined;
    before(async () => {
      await run('npm', ['run', 'cli', '--', 'migrate'], { env });
    });
    after(async () => {
      await persona?.http.close();
      await target.drop();
    });

    it('`migrate` says which migrations it applied, and that there was nothing to apply the second time', async () => {
      const fresh = database.create();
      const freshEnv = {
        ...outer,
        DATABASE_URL: fresh.url,
        ...(fresh.schema ? { DATABASE_SCHEMA: fresh.schema } : {}),
      };
      try {
        const first = JSON.parse(
          (await run('npm', ['run', 'cli', '--', 'migrate', '--json'], { env: freshEnv })).stdout,
        );
        assert.ok(first.applied.length >= 8, JSON.stringify(first));
        assert.equal(first.applied[0], '2026-11-24-0001-foundation');
        const second = (await run('npm', ['run', 'cli', '--', 'migrate'], { env: freshEnv })).stdout;
        assert.match(second, /up to date; nothing applied/);
      } finally {
        await fresh.drop();
      }
    });

    it('`npm run cli -- apps create --name N --json` prints exactly one JSON object, whose credentials work', async () => {
      const { stdout } = await run('npm', ['run', 'cli', '--', 'apps', 'create', '--name', 'From the CLI', '--json'], {
        env,
      });
      const created = JSON.parse(stdout);
      assert.deepEqual(Object.keys(created).sort(), ['appId', 'appKey', 'clientId', 'clientSecret']);
      assert.equal(stdout.trim().split('\n').length, 1);

      persona = await buildApp(loadConfig(env), { logger: false });
      const token = await persona.http.inject({
        method: 'POST',
        url: '/api/oauth2/token',
        payload: { grant_type: 'client_credentials', client_id: created.clientId, client_secret: created.clientSecret },
      });
      assert.equal(token.statusCode, 200, token.body);
      const app = await persona.http.inject({
        method: 'GET',
        url: '/admin/v1/app',
        headers: { authorization: `Bearer ${token.json().access_token}` },
      });
      assert.equal(app.json().name, 'From the CLI');
      const signUp = await persona.http.inject({
        method: 'POST',
        url: `/api/apps/${created.appId}/users`,
        headers: { 'x-kii-appid': created.appId, 'x-kii-appkey': created.appKey },
        payload: { loginName: 'cli-user', password: 'secret-1' },
      });
      assert.equal(signUp.statusCode, 201, 'the app key works');
      // Only hashes are stored.
      const row = await persona.database.db
        .selectFrom('apps')
        .selectAll()
        .where('id', '=', created.appId)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(row), new RegExp(`${created.appKey}|${created.clientSecret}`));
    });

    it('lists apps, and rotates an app key and an admin client secret, ending what the old ones allowed', async () => {
      const cli = async (...args: string[]) =>
        (await run(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/cli.ts', ...args], { env })).stdout;
      const created = JSON.parse(await cli('apps', 'create', '--name', 'Rotating', '--json'));
      const listed = JSON.parse(await cli('apps', 'list', '--json')) as { appId: string; name: string }[];
      assert.ok(listed.some((app) => app.appId === created.appId && app.name === 'Rotating'));
      assert.doesNotMatch(JSON.stringify(listed), new RegExp(`${created.appKey}|${created.clientSecret}`));

      persona ??= await buildApp(loadConfig(env), { logger: false });
      const server = persona;
      const adminToken = async (secret: string) =>
        server.http.inject({
          method: 'POST',
          url: '/api/oauth2/token',
          payload: { grant_type: 'client_credentials', client_id: created.clientId, client_secret: secret },
        });
      const oldAdmin = (await adminToken(created.clientSecret)).json().access_token as string;
      const signUp = (appKey: string) =>
        server.http.inject({
          method: 'POST',
          url: `/api/apps/${created.appId}/users`,
          headers: { 'x-kii-appid': created.appId, 'x-kii-appkey': appKey },
          payload: { loginName: `rot${Date.now() % 100000}`, password: 'secret-1' },
        });

      const { appKey } = JSON.parse(await cli('apps', 'rotate-key', '--app', created.appId, '--json'));
      assert.notEqual(appKey, created.appKey);
      assert.equal((await signUp(created.appKey)).statusCode, 401, 'the old key no longer works');
      assert.equal((await signUp(appKey)).statusCode, 201, 'the new key works');

      const rotated = JSON.parse(await cli('apps', 'rotate-secret', '--app', created.appId, '--json'));
      assert.equal(rotated.clientId, created.clientId);
      assert.equal((await adminToken(created.clientSecret)).statusCode, 400, 'the old secret no longer works');
      const readApp = (token: string) =>
        server.http.inject({ method: 'GET', url: '/admin/v1/app', headers: { authorization: `Bearer ${token}` } });
      if (database.name === 'postgres') {
        assert.equal((await readApp(oldAdmin)).statusCode, 401, 'its admin tokens ended, on the running server too');
      }
      const rows = await server.database.db
        .selectFrom('tokens')
        .select('id')
        .where('app_id', '=', created.appId)
        .where('user_id', 'is', null)
        .execute();
      assert.deepEqual(rows, [], 'no admin token of the old secret is left');
      const newAdmin = (await adminToken(rotated.clientSecret)).json().access_token as string;
      assert.equal((await readApp(newAdmin)).statusCode, 200);

      // The admin API rotates too, ending its own token.
      const byAdmin = await server.http.inject({
        method: 'POST',
        url: '/admin/v1/app/rotate-secret',
        headers: { authorization: `Bearer ${newAdmin}` },
      });
      assert.equal(byAdmin.statusCode, 200, byAdmin.body);
      assert.equal((await readApp(newAdmin)).statusCode, 401);
      assert.equal((await adminToken(byAdmin.json().clientSecret)).statusCode, 200);
      const unknown = await run(
        process.execPath,
        ['--disable-warning=ExperimentalWarning', 'src/cli.ts', 'apps', 'rotate-key', '--app', 'nope'],
        { env },
      ).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(unknown?.code, 1);
      assert.match(unknown?.stderr ?? '', /No app has the id nope/);
    });

    it('refuses a missing name and an unknown command with a usage message and exit code 2', async () => {
      for (const args of [['apps', 'create', '--json'], ['nonsense']]) {
        const failed = await run(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/cli.ts', ...args], {
          env,
        }).then(
          () => undefined,
          (error: { code: number; stderr: string }) => error,
        );
        assert.ok(failed, `${args.join(' ')} must fail`);
        assert.equal(failed.code, 2);
        assert.match(failed.stderr, /Usage/);
      }
    });
  });
}
