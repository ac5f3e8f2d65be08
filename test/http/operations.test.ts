import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona } from '../helpers/persona.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const database = testDatabases[0];
assert.ok(database && database.name === 'sqlite');

function assertNoInternals(response: LightMyRequestResponse): void {
  assert.doesNotMatch(response.body, /\bat .+:\d+:\d+|node_modules|\.ts:\d+|stack/i);
}

function assertProblem(response: LightMyRequestResponse, status: number): Record<string, unknown> {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(body.status, status);
  for (const key of ['type', 'title', 'detail', 'code']) assert.equal(typeof body[key], 'string', key);
  assertNoInternals(response);
  return body;
}

describe(`operations on ${database.name}`, { skip: database.skip }, () => {
  let persona: TestPersona;
  let app: CreatedApp;
  let adminToken: string;

  before(async () => {
    persona = await startPersona(database);
    app = await persona.createApp('Operations app');
    adminToken = await persona.adminToken(app);
  });
  after(() => persona.close());

  describe('health', () => {
    it('answers /healthz', async () => {
      const response = await persona.request({ method: 'GET', url: '/healthz' });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { status: 'ok' });
    });

    it('answers /readyz while the database answers', async () => {
      const response = await persona.request({ method: 'GET', url: '/readyz' });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { status: 'ok' });
    });
  });

  describe('correlation id', () => {
    it('echoes the id the caller sends', async () => {
      for (const url of ['/healthz', '/admin/v1/app', '/no-such-path']) {
        const response = await persona.request({
          method: 'GET',
          url,
          headers: { 'x-correlation-id': 'ticket-4711.retry:2' },
        });
        assert.equal(response.headers['x-correlation-id'], 'ticket-4711.retry:2', url);
      }
    });

    it('makes a UUID when none is sent, a new one per request', async () => {
      const first = await persona.request({ method: 'GET', url: '/healthz' });
      const second = await persona.request({ method: 'GET', url: '/healthz' });
      assert.match(String(first.headers['x-correlation-id']), uuid);
      assert.match(String(second.headers['x-correlation-id']), uuid);
      assert.notEqual(first.headers['x-correlation-id'], second.headers['x-correlation-id']);
    });

    it('replaces an id that does not look like one', async () => {
      const sent = 'x'.repeat(129);
      for (const given of [sent, 'has space', '<script>']) {
        const response = await persona.request({
          method: 'GET',
          url: '/healthz',
          headers: { 'x-correlation-id': given },
        });
        assert.match(String(response.headers['x-correlation-id']), uuid, given);
      }
    });
  });

  describe('unknown paths', () => {
    it('answers 404 problem+json without internals', async () => {
      for (const [method, url] of [
        ['GET', '/no-such-path'],
        ['POST', '/no/such/path?x=1'],
        ['GET', '/admin/v1/no-such-thing'],
      ] as const) {
        const response = await persona.request({ method, url });
        const body = assertProblem(response, 404);
        assert.equal(body.code, 'http_404');
        assert.doesNotMatch(String(body.detail), /\?x=1/);
      }
    });

    it('answers 404 in Kii shape under /api', async () => {
      const response = await persona.request({ method: 'GET', url: `/api/apps/${app.appId}/no-such-thing` });
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().errorCode, 'NOT_FOUND');
      assertNoInternals(response);
    });
  });

  describe('API description', () => {
    it('serves OpenAPI 3.1 with the Kii and admin paths', async () => {
      const response = await persona.request({ method: 'GET', url: '/openapi.json' });
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      const document = response.json();
      assert.match(document.openapi, /^3\.1\.\d+$/);
      assert.equal(typeof document.info?.title, 'string');
      const paths = Object.keys(document.paths ?? {});
      for (const path of [
        '/api/oauth2/token',
        '/api/apps/{appID}/users',
        '/api/apps/{appID}/users/{userRef}',
        '/admin/v1/app',
        '/admin/v1/users',
        '/admin/v1/users/{id}',
        '/admin/v1/users/{id}/status',
        '/admin/v1/users/{id}/revoke-tokens',
        '/admin/v1/users/{id}/export',
      ]) {
        assert.ok(paths.includes(path), `${path} is missing from ${paths.join(', ')}`);
      }
      assert.ok(document.paths['/admin/v1/app'].patch, 'PATCH /admin/v1/app is missing');
      assert.ok(document.paths['/admin/v1/users/{id}'].delete, 'DELETE /admin/v1/users/{id} is missing');
      assert.ok(!paths.includes('/openapi.json'), 'the description describes itself');
    });

    it('serves the docs as HTML', async () => {
      let response = await persona.request({ method: 'GET', url: '/docs' });
      for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops++) {
        const location = response.headers.location;
        assert.ok(typeof location === 'string', 'a redirect without a location');
        response = await persona.request({ method: 'GET', url: new URL(location, 'http://localhost/docs').pathname });
      }
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(response.body, /<html/i);
      assert.match(response.body, /swagger/i);
      // The UI's assets come from Persona itself, not a CDN, so the docs work offline.
      const scripts = [...response.body.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] as string);
      assert.ok(scripts.length > 0, 'no scripts in the docs page');
      for (const src of scripts) {
        assert.ok(src.startsWith('/') || src.startsWith('.'), `${src} is not served locally`);
        const asset = await persona.request({ method: 'GET', url: new URL(src, 'http://localhost/docs/').pathname });
        assert.equal(asset.statusCode, 200, src);
      }
    });
  });

  describe('bad bodies', () => {
    const malformed = '{"username": "a", ';

    it('answers malformed JSON to a Kii route with 400 in Kii shape', async () => {
      for (const [url, type] of [
        ['/api/oauth2/token', 'application/json'],
        [`/api/apps/${app.appId}/users`, 'application/vnd.kii.RegistrationRequest+json'],
      ] as const) {
        const response = await persona.request({
          method: 'POST',
          url,
          headers: { ...appHeaders(app), 'content-type': type },
          payload: malformed,
        });
        assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
        assert.doesNotMatch(String(response.headers['content-type']), /problem\+json/);
        const body = response.json();
        assert.equal(body.errorCode, 'INVALID_INPUT_DATA', url);
        assert.equal(typeof body.message, 'string');
        assertNoInternals(response);
      }
    });

    it('answers malformed JSON to an admin route with 400 problem+json, and changes nothing', async () => {
      const response = await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: { ...bearer(adminToken), 'content-type': 'application/json' },
        payload: '{"settings": {"maxProfilesPerAccount": 9',
      });
      const body = assertProblem(response, 400);
      assert.equal(body.code, 'http_400');
      const read = await persona.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(adminToken) });
      assert.equal(read.json().settings.maxProfilesPerAccount, 5);
    });

    it('answers a body over the limit with 413, not 500', async () => {
      const limit = persona.config.bodyLimitBytes;
      const big = JSON.stringify({ username: 'a', password: 'b', padding: 'x'.repeat(limit) });
      const kii = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { ...appHeaders(app), 'content-type': 'application/json' },
        payload: big,
      });
      assert.equal(kii.statusCode, 413, kii.body);
      assert.equal(kii.json().errorCode, 'REQUEST_ENTITY_TOO_LARGE');
      assertNoInternals(kii);

      const admin = await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: { ...bearer(adminToken), 'content-type': 'application/json' },
        payload: JSON.stringify({ settings: {}, padding: 'x'.repeat(limit) }),
      });
      const body = assertProblem(admin, 413);
      assert.equal(body.code, 'http_413');
    });

    it('still answers a body just under the limit', async () => {
      const limit = persona.config.bodyLimitBytes;
      const base = JSON.stringify({ grant_type: 'password', username: 'nobody', password: 'x', padding: '' });
      const payload = JSON.stringify({
        grant_type: 'password',
        username: 'nobody',
        password: 'x',
        padding: 'x'.repeat(limit - Buffer.byteLength(base)),
      });
      assert.equal(Buffer.byteLength(payload), limit);
      const response = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { ...appHeaders(app), 'content-type': 'application/json' },
        payload,
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().errorCode, 'invalid_grant');
    });
  });
});
