import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../helpers/databases.ts';
import { readDocument } from '../helpers/openapi-world.ts';
import { bearer, startPersona, type TestPersona } from '../helpers/persona.ts';

/** Each face's error shape, told apart by its body. */
const shapes = {
  kii: (body: Record<string, unknown>) => typeof body.errorCode === 'string' && typeof body.message === 'string',
  problem: (body: Record<string, unknown>) => typeof body.type === 'string' && typeof body.status === 'number',
  household: (body: Record<string, unknown>) => typeof body.code === 'string' && typeof body.status === 'number',
};

/** Sends raw bytes to a listening Persona and reads the whole answer (the server closes the connection). */
function rawRequest(port: number, bytes: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      const type = /content-type: *([^\r\n;]+)/i.exec(head)?.[1] ?? '';
      resolve({ status, type: type.toLowerCase(), body });
    });
    socket.write(bytes, 'latin1');
  });
}

for (const database of testDatabases) {
  describe(`errors before routing, in the face's shape, on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona?.close());

    it('answers a known path with another method 405, with Allow listing the methods the document gives it', async () => {
      const document = await readDocument(persona);
      const byPath = new Map<string, Set<string>>();
      for (const operation of document.operations) {
        const methods = byPath.get(operation.path) ?? new Set<string>();
        methods.add(operation.method);
        byPath.set(operation.path, methods);
      }
      for (const [path, methods] of byPath) {
        const method = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'].find((candidate) => !methods.has(candidate));
        assert.ok(method);
        const url = path.replace(/\{[^}]+\}/g, 'x1');
        const response = await persona.request({ method: method as 'GET', url });
        assert.equal(response.statusCode, 405, `${method} ${url}: ${response.body}`);
        const allowed = String(response.headers.allow).split(', ');
        for (const known of methods) assert.ok(allowed.includes(known), `${method} ${url}: Allow ${allowed}`);
        assert.ok(!allowed.includes(method));
        if (path.startsWith('/links/')) {
          // The link pages are for people: their errors are small HTML pages.
          assert.match(String(response.headers['content-type']), /^text\/html/);
          continue;
        }
        const body = response.json();
        if (path.startsWith('/api/')) assert.equal(body.errorCode, 'METHOD_NOT_ALLOWED');
        else if (path.startsWith('/admin/') || path.startsWith('/users/') || path.startsWith('/metadata/')) {
          assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
          assert.equal(body.status, 405);
        } else if (/^\/(userprofiles|imagemetadata|ias)\//.test(path)) assert.equal(body.code, 'HTTP_405');
      }
      const unknown = await persona.request({ method: 'GET', url: '/admin/v1/no-such-thing' });
      assert.equal(unknown.statusCode, 404);
    });

    it("answers a bad %-escape in the path in the face's shape", async () => {
      const cases = [
        ['/api/apps/%zz/users/me', shapes.kii],
        ['/admin/v1/users/%zz', shapes.problem],
        ['/users/%zz/movies/history', shapes.problem],
        ['/userprofiles/v1/user/userprofiles/%zz', shapes.household],
      ] as const;
      for (const [url, shape] of cases) {
        const response = await persona.request({ method: 'GET', url });
        assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
        assert.ok(shape(response.json()), `${url}: ${response.body}`);
        assert.doesNotMatch(response.body, /FST_ERR/);
      }
    });

    it('refuses a JSON body with a __proto__ key as invalid input on body, saying why', async () => {
      const kii = await persona.request({
        method: 'POST',
        url: '/api/oauth2/token',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":"a","password":"b","__proto__":{"admin":true}}',
      });
      assert.equal(kii.statusCode, 400, kii.body);
      assert.equal(kii.json().errorCode, 'INVALID_INPUT_DATA');
      assert.match(kii.json().invalidFields.body, /__proto__/);
      // The admin API refuses a caller before it reads the body: these are the app admin's.
      const adminToken = await persona.adminToken(await persona.createApp('Proto'));
      const admin = await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: { 'content-type': 'application/json', ...bearer(adminToken) },
        payload: '{"settings":{"__proto__":{"x":1}}}',
      });
      assert.equal(admin.statusCode, 400, admin.body);
      assert.equal(admin.json().code, 'invalid_input');
      assert.deepEqual(
        admin.json().errors.map((error: { field: string }) => error.field),
        ['body'],
      );
      const malformed = await persona.request({
        method: 'PATCH',
        url: '/admin/v1/app',
        headers: { 'content-type': 'application/json', ...bearer(adminToken) },
        payload: '{"settings":',
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().code, 'http_400', 'malformed JSON is still told apart');
    });

    it("answers what Node's parser refuses in the shape of the face the request line names", async () => {
      await persona.http.listen({ port: 0, host: '127.0.0.1' });
      const address = persona.http.server.address();
      assert.ok(address && typeof address === 'object');
      const badHeader = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nX-Broken: a\u0001b\r\n\r\n`;
      const kii = await rawRequest(address.port, badHeader('/api/apps/x/users/me'));
      assert.equal(kii.status, 400);
      assert.ok(shapes.kii(JSON.parse(kii.body)), kii.body);
      const admin = await rawRequest(address.port, badHeader('/admin/v1/app'));
      assert.equal(admin.status, 400);
      assert.equal(admin.type, 'application/problem+json');
      assert.equal(JSON.parse(admin.body).code, 'http_400');
      const household = await rawRequest(address.port, badHeader('/userprofiles/v1/user/pin/status'));
      assert.equal(household.status, 400);
      assert.equal(JSON.parse(household.body).code, 'HTTP_400');
      // No path to go by: Persona's own problem+json.
      const garbage = await rawRequest(address.port, 'NOT HTTP AT ALL\r\n\r\n');
      assert.equal(garbage.status, 400);
      assert.ok(shapes.problem(JSON.parse(garbage.body)), garbage.body);
    });
  });
}
