import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { testDatabases } from '../helpers/databases.ts';

describe('request log lines', () => {
  it('name the app, the client address and the error code of a failed request', async () => {
    const sqlite = testDatabases.find((d) => d.name === 'sqlite');
    assert.ok(sqlite);
    const target = sqlite.create();
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const persona = await buildApp(loadConfig({ DATABASE_URL: target.url }), { logger: { level: 'info', stream } });
    try {
      const app = await persona.core.apps.createApp('Logged');
      const headers = { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey };
      const failed = await persona.http.inject({
        method: 'POST',
        url: '/api/oauth2/token',
        headers,
        payload: { username: 'nobody', password: 'wrong-password' },
        remoteAddress: '203.0.113.9',
      });
      assert.equal(failed.statusCode, 400);
      await persona.http.inject({ method: 'GET', url: '/no/such/path', remoteAddress: '203.0.113.10' });
      await persona.http.inject({ method: 'GET', url: '/healthz' });
      const requests = lines.filter((line) => line.msg === 'request');
      const token = requests.find((line) => line.route === '/api/oauth2/token');
      assert.deepEqual(
        {
          appId: token?.appId,
          clientAddress: token?.clientAddress,
          errorCode: token?.errorCode,
          status: token?.status,
        },
        { appId: app.appId, clientAddress: '203.0.113.9', errorCode: 'invalid_grant', status: 400 },
      );
      const unknown = requests.find((line) => line.status === 404);
      assert.equal(unknown?.errorCode, 'http_404');
      const healthy = requests.find((line) => line.route === '/healthz');
      assert.equal(healthy?.errorCode, undefined);
      assert.equal(healthy?.appId, null);
    } finally {
      await persona.http.close();
      await target.drop();
    }
  });
});
