import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { testDatabases } from '../helpers/databases.ts';
import { appHeaders, bearer, startPersona, type TestPersona } from '../helpers/persona.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const sqlite = testDatabases[0];
assert.ok(sqlite);

/** The error body each face's operations must declare, by the path's first segment. */
const errorComponentOf = (path: string) =>
  path.startsWith('/api/')
    ? 'KiiError'
    : path.startsWith('/admin/')
      ? 'AdminProblem'
      : /^\/(userprofiles|imagemetadata|ias)\//.test(path)
        ? 'HouseholdError'
        : path.startsWith('/users/') || path.startsWith('/metadata/')
          ? 'Problem'
          : undefined;

describe('the OpenAPI document', () => {
  let persona: TestPersona;
  let document: Document;
  const operations: [path: string, method: string, operation: Operation][] = [];

  before(async () => {
    persona = await startPersona(sqlite);
    document = (await persona.request({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) operations.push([path, method, operation]);
    }
  });
  after(async () => {
    await persona?.close();
  });

  it('gives every operation a unique operationId, tags and its security', () => {
    assert.ok(operations.length > 50, `only ${operations.length} operations`);
    const ids = operations.map(([, , operation]) => operation.operationId);
    assert.deepEqual(
      operations.filter(([, , operation]) => !operation.operationId).map(([path, method]) => `${method} ${path}`),
      [],
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds repeat');
    for (const [path, method, operation] of operations) {
      assert.ok(operation.tags?.length, `${method} ${path} has no tag`);
      assert.ok(Array.isArray(operation.security), `${method} ${path} declares no security`);
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          assert.ok(document.components.securitySchemes[scheme], `${method} ${path}: ${scheme} is not declared`);
        }
      }
    }
    assert.equal(document.paths['/api/apps/{appID}/users/{userRef}']?.get?.operationId, 'getUser');
    assert.equal(document.paths['/admin/v1/users']?.get?.operationId, 'listUsers');
  });

  it("declares every error response with its face's named error body", () => {
    for (const [path, method, operation] of operations) {
      const expected = errorComponentOf(path);
      if (!expected) continue;
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      assert.ok(errors.length >= 5, `${method} ${path} declares ${errors.length} error responses`);
      for (const [status, response] of errors) {
        const refs = Object.values(response.content ?? {}).map((media) => media.schema.$ref);
        assert.ok(refs.length > 0, `${method} ${path} ${status} has no body`);
        for (const ref of refs) assert.equal(ref, `#/components/schemas/${expected}`, `${method} ${path} ${status}`);
      }
    }
    for (const name of ['KiiUser', 'KiiTokenRequest', 'Problem', 'AdminUser', 'Profile', 'HouseholdError']) {
      assert.ok(document.components.schemas[name], `no ${name} component`);
    }
  });

  it('requires no parameter that has a default, and documents the form-encoded token request', () => {
    const list = document.paths['/admin/v1/users']?.get;
    assert.equal(list?.parameters?.find((p) => p.name === 'limit')?.required, false);
    for (const [path, method, operation] of operations) {
      for (const parameter of operation.parameters ?? []) {
        if (['limit', 'page', 'pageSize'].includes(parameter.name) && parameter.in === 'query') {
          assert.equal(parameter.required, false, `${method} ${path} requires ${parameter.name}`);
        }
      }
    }
    const token = document.paths['/api/oauth2/token']?.post;
    assert.ok(token?.requestBody?.content['application/x-www-form-urlencoded']);
    assert.ok(token?.requestBody?.content['application/json']);
  });

  it('names the content types the server really answers in, for success and errors', async () => {
    const app = await persona.createApp();
    const user = await persona.createUser(app);
    const cases: [path: string, method: string, request: InjectOptions][] = [
      [
        '/api/apps/{appID}/users',
        'post',
        {
          method: 'POST',
          url: `/api/apps/${app.appId}/users`,
          headers: { ...appHeaders(app), 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
          payload: { loginName: `${user.loginName}x`, password: 'pass-word1' },
        },
      ],
      // Taken identifier: 409 AddressAlreadyInUseException.
      [
        '/api/apps/{appID}/users',
        'post',
        {
          method: 'POST',
          url: `/api/apps/${app.appId}/users`,
          headers: appHeaders(app),
          payload: { loginName: user.loginName, password: 'pass-word1' },
        },
      ],
      // Bad input: 400 InvalidInputException.
      [
        '/api/apps/{appID}/users',
        'post',
        {
          method: 'POST',
          url: `/api/apps/${app.appId}/users`,
          headers: appHeaders(app),
          payload: { loginName: 5 },
        },
      ],
      [
        '/api/apps/{appID}/users/{userRef}',
        'get',
        { method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) },
      ],
      // Unknown token: 401 WrongTokenException.
      [
        '/api/apps/{appID}/users/{userRef}',
        'get',
        { method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(`${app.appId}.nope`) },
      ],
      // Unknown user: 404 UserNotFoundException.
      [
        '/api/apps/{appID}/users/{userRef}',
        'get',
        { method: 'GET', url: `/api/apps/${app.appId}/users/LOGIN_NAME:nobody`, headers: bearer(user.accessToken) },
      ],
      [
        '/api/apps/{appID}/users/{userRef}',
        'post',
        {
          method: 'POST',
          url: `/api/apps/${app.appId}/users/me`,
          headers: bearer(user.accessToken),
          payload: { displayName: 'x' },
        },
      ],
      // Wrong password: 400 in OAuth's plain JSON.
      [
        '/api/oauth2/token',
        'post',
        {
          method: 'POST',
          url: '/api/oauth2/token',
          headers: appHeaders(app),
          payload: { username: user.loginName, password: 'wrong-pass1' },
        },
      ],
      [
        '/users/{userId}/movies/history',
        'get',
        { method: 'GET', url: '/users/me/movies/history', headers: bearer(user.accessToken) },
      ],
      ['/users/{userId}/movies/history', 'get', { method: 'GET', url: '/users/me/movies/history' }],
      ['/admin/v1/users', 'get', { method: 'GET', url: '/admin/v1/users', headers: bearer(user.accessToken) }],
      [
        '/userprofiles/v1/user/userprofiles',
        'get',
        { method: 'GET', url: '/userprofiles/v1/user/userprofiles', headers: { token: 'nope' } },
      ],
    ];
    const seen = new Set<string>();
    for (const [path, method, request] of cases) {
      const response = await persona.request(request);
      const status = String(response.statusCode);
      const mediaType = String(response.headers['content-type']).split(';')[0]?.trim();
      const declared = document.paths[path]?.[method]?.responses[status];
      assert.ok(declared, `${method} ${path} answered ${status}, which it does not declare`);
      assert.ok(
        mediaType && declared.content?.[mediaType],
        `${method} ${path} ${status} was ${mediaType}; declared ${Object.keys(declared.content ?? {}).join(', ')}`,
      );
      seen.add(`${status} ${mediaType}`);
    }
    // The cases above did reach the distinct types they were written for.
    for (const expected of [
      '201 application/vnd.kii.RegistrationResponse+json',
      '409 application/vnd.kii.AddressAlreadyInUseException+json',
      '400 application/vnd.kii.InvalidInputException+json',
      '401 application/vnd.kii.WrongTokenException+json',
      '404 application/vnd.kii.UserNotFoundException+json',
      '200 application/vnd.kii.UserUpdateResponse+json',
      '400 application/json',
      '401 application/problem+json',
      '403 application/problem+json',
      '401 application/json',
    ]) {
      assert.ok(seen.has(expected), `no case answered ${expected}; saw ${[...seen].join(', ')}`);
    }
  });
});
