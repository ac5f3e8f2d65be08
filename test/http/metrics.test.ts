import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, startPersona, type TestPersona } from '../helpers/persona.ts';

const token = 'metrics-token-for-tests-0001';

/** The value of the first sample of `name` whose labels include every one of `labels`, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => present.includes(`${key}="${value}"`))) return Number(match[3]);
  }
  return undefined;
}

for (const database of testDatabases) {
  describe(`GET /metrics on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database, { env: { METRICS_TOKEN: token } });
    });
    after(() => persona.close());

    const scrape = async () => {
      const response = await persona.request({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/plain/);
      return response.body;
    };

    it('answers only the bearer of METRICS_TOKEN', async () => {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }]) {
        const response = await persona.request({ method: 'GET', url: '/metrics', headers });
        assert.equal(response.statusCode, 401);
      }
    });

    it('counts requests by route and status, log-in failures, and reads the running parts', async () => {
      const app = await persona.createApp('Metrics');
      const user = await persona.createUser(app);
      await persona.request({ method: 'GET', url: '/healthz' });
      const before = await scrape();
      const healthz = { method: 'GET', route: '/healthz', status: '200' };
      const healthzBefore = sample(before, 'persona_http_request_duration_seconds_count', healthz) ?? 0;
      const failuresBefore = sample(before, 'persona_login_failures_total') ?? 0;
      await persona.request({ method: 'GET', url: '/healthz' });
      const wrong = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: appHeaders(app),
        payload: { username: user.loginName, password: 'not-the-password' },
      });
      assert.equal(wrong.statusCode, 400);
      const me = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: { authorization: `Bearer ${user.accessToken}` },
      });
      assert.equal(me.statusCode, 200);
      const text = await scrape();
      assert.equal(sample(text, 'persona_http_request_duration_seconds_count', healthz), healthzBefore + 1);
      assert.equal(sample(text, 'persona_login_failures_total'), failuresBefore + 1);
      // Four more wrong passwords from this address, then the throttle refuses the sixth without checking it.
      for (let i = 0; i < 5; i++) {
        await persona.request({
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { username: user.loginName, password: 'not-the-password' },
        });
      }
      const throttled = await scrape();
      assert.equal(sample(throttled, 'persona_login_failures_total'), failuresBefore + 5);
      assert.equal(sample(throttled, 'persona_refusals_total', { reason: 'throttled' }), 1);
      assert.ok((sample(text, 'persona_cache_entries', { cache: 'users' }) ?? 0) >= 1, 'the user is cached');
      assert.ok((sample(text, 'persona_cache_reads', { cache: 'tokens', result: 'hit' }) ?? 0) >= 0);
      assert.ok((sample(text, 'persona_cache_bytes', { cache: 'users', kind: 'bound' }) ?? 0) > 0);
      assert.ok((sample(text, 'persona_db_query_duration_seconds_count') ?? 0) > 0, 'queries are timed');
      assert.notEqual(sample(text, 'persona_jobs', { status: 'queued' }), undefined);
      assert.notEqual(sample(text, 'persona_password_hashes_in_flight'), undefined);
      assert.equal(sample(text, 'persona_refusals_waiting'), 0);
      assert.equal(sample(text, 'persona_notification_streams'), 0);
      assert.equal(sample(text, 'persona_notification_streams_ended', { reason: 'slow' }), 0);
      assert.equal(sample(text, 'persona_bus_live'), 1);
      assert.notEqual(sample(text, 'persona_process_resident_memory_bytes'), undefined);
      assert.notEqual(sample(text, 'persona_nodejs_eventloop_lag_seconds'), undefined);
      assert.notEqual(sample(text, 'persona_nodejs_heap_size_used_bytes'), undefined);
      if (database.name === 'postgres') {
        assert.ok((sample(text, 'persona_db_pool_connections', { state: 'open' }) ?? 0) >= 1);
        assert.equal(sample(text, 'persona_bus_connection_losses'), 0);
      }
    });
  });
}

describe('GET /metrics when no one asked for it', () => {
  it('is not served', async () => {
    const sqlite = testDatabases.find((d) => d.name === 'sqlite');
    assert.ok(sqlite);
    const persona = await startPersona(sqlite);
    try {
      const response = await persona.request({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 404);
      assert.equal(persona.metrics, undefined);
    } finally {
      await persona.close();
    }
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics on a port of its own, named in the start-up line', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const { DATABASE_URL: _u, DATABASE_SCHEMA: _s, ...outer } = process.env;
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/server.ts'], {
      cwd: root,
      env: {
        ...outer,
        PORT: '0',
        METRICS_PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: `sqlite:${join(tmpdir(), `persona-metrics-${randomBytes(4).toString('hex')}.db`)}`,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const deadline = Date.now() + 20_000;
      let address: string | undefined;
      while (!address && Date.now() < deadline) {
        address = /"metrics":"(http:[^"]+)"/.exec(output)?.[1];
        if (!address) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(address, output);
      const response = await fetch(address);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /persona_process_resident_memory_bytes/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
