import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import type { PostgresEventBus } from '../../src/events/postgres-bus.ts';
import { postgresUrl, testDatabases } from '../helpers/databases.ts';
import { bearer, eventually, startPersona, type TestPersona, type TestUser } from '../helpers/persona.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const postgres = testDatabases.find((d) => d.name === 'postgres');
const sqlite = testDatabases.find((d) => d.name === 'sqlite');
assert.ok(postgres && sqlite);

function assertKiiUnavailable(response: LightMyRequestResponse): void {
  assert.equal(response.statusCode, 503, response.body);
  assert.equal(response.json().errorCode, 'SERVICE_UNAVAILABLE');
  assert.doesNotMatch(response.body, /Connection terminated|\.ts:\d+|node_modules/);
}

function assertProblemUnavailable(response: LightMyRequestResponse): void {
  assert.equal(response.statusCode, 503, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  assert.equal(response.json().code, 'unavailable');
  assert.doesNotMatch(response.body, /Connection terminated|\.ts:\d+|node_modules/);
}

describe('a PostgreSQL that fails under the service', { skip: postgres.skip }, () => {
  let proxy: TcpProxy;
  let persona: TestPersona;
  let app: CreatedApp;
  let users: TestUser[];
  let adminToken: string;

  before(async () => {
    const target = new URL(postgresUrl);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${proxy.port}`;
    persona = await startPersona(postgres, {
      env: {
        DATABASE_URL: target.toString(),
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
        DATABASE_STATEMENT_TIMEOUT_MS: '2000',
        READY_TIMEOUT_MS: '1000',
        // Every request reads the database, so every dropped connection is met by requests.
        USER_CACHE_MB: '0',
        TOKEN_CACHE_MB: '0',
        APP_CACHE_MB: '0',
      },
    });
    app = await persona.createApp();
    users = [];
    for (let i = 0; i < 4; i++) users.push(await persona.createUser(app, { displayName: `User ${i}` }));
    adminToken = await persona.adminToken(app);
  });
  after(async () => {
    await persona.close();
    await proxy.close();
  });

  const readMe = (user: TestUser) =>
    persona.request({ method: 'GET', url: `/api/apps/${app.appId}/users/me`, headers: bearer(user.accessToken) });
  const readAsAdmin = (user: TestUser) =>
    persona.request({ method: 'GET', url: `/admin/v1/users/${user.id}`, headers: bearer(adminToken) });
  const rename = (user: TestUser, name: string) =>
    persona.request({
      method: 'POST',
      url: `/api/apps/${app.appId}/users/me`,
      headers: bearer(user.accessToken),
      payload: { displayName: name },
    });

  it('fails the requests whose connection died with 503 in each face, and serves the next ones', async () => {
    // Connections go silent with requests in flight, then drop: exactly those requests fail.
    proxy.setSilent(true);
    const inFlight = [
      ...users.map((user) => readMe(user).then((response) => ['kii', response] as const)),
      ...users.map((user) => readAsAdmin(user).then((response) => ['admin', response] as const)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.dropAll();
    proxy.setSilent(false);
    for (const [face, response] of await Promise.all(inFlight)) {
      if (face === 'kii') assertKiiUnavailable(response);
      else assertProblemUnavailable(response);
    }
    await eventually(async () => (await readMe(users[0] as TestUser)).statusCode === 200);
    for (const user of users) {
      assert.equal((await readMe(user)).statusCode, 200);
      assert.equal((await readAsAdmin(user)).statusCode, 200);
    }
  });

  it('lives on through connections dropped under load, never answering 500, and recovers', async () => {
    const statuses = new Map<number, number>();
    const until = Date.now() + 2500;
    const client = async (user: TestUser, n: number) => {
      for (let i = 0; Date.now() < until; i++) {
        const response = await (i % 3 === 0
          ? rename(user, `Name ${n}-${i}`)
          : i % 3 === 1
            ? readMe(user)
            : readAsAdmin(user));
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode === 503) assert.doesNotMatch(response.body, /\.ts:\d+/);
      }
    };
    const dropper = (async () => {
      while (Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        proxy.dropAll();
      }
    })();
    await Promise.all([...users.flatMap((user, n) => [client(user, n), client(user, n + 10)]), dropper]);
    const answered = [...statuses.keys()].sort();
    assert.ok(
      answered.every((status) => status === 200 || status === 503),
      `answers: ${JSON.stringify([...statuses])}`,
    );
    assert.ok((statuses.get(200) ?? 0) > 0);
    await eventually(async () => (await readMe(users[0] as TestUser)).statusCode === 200);
    // The event bus lost its connection too, and listens again.
    await eventually(() => (persona.bus as PostgresEventBus).live, 15_000);
    const renamed = await rename(users[1] as TestUser, 'After the storm');
    assert.equal(renamed.statusCode, 200);
    assert.equal((await readMe(users[1] as TestUser)).json().displayName, 'After the storm');
  });

  it('answers /readyz within its timeout while the database accepts connections but never answers', async () => {
    proxy.setSilent(true);
    proxy.dropAll();
    try {
      const response = await persona.request({ method: 'GET', url: '/readyz' });
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json(), { status: 'unavailable' });
      assertKiiUnavailable(await readMe(users[0] as TestUser));
    } finally {
      proxy.setSilent(false);
      proxy.dropAll();
    }
    await eventually(async () => (await persona.request({ method: 'GET', url: '/readyz' })).statusCode === 200);
  });
});

describe('an SQLite connection held by a long unit of work', { skip: sqlite.skip }, () => {
  let persona: TestPersona;
  before(async () => {
    persona = await startPersona(sqlite, { env: { READY_TIMEOUT_MS: '200' } });
  });
  after(() => persona.close());

  it('answers /readyz 503 within its timeout instead of waiting, and 200 once the unit ends', async () => {
    let release: () => void = () => {};
    const held = persona.database.unitOfWork.run(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    try {
      const response = await persona.request({ method: 'GET', url: '/readyz' });
      assert.equal(response.statusCode, 503);
    } finally {
      release();
      await held;
    }
    assert.equal((await persona.request({ method: 'GET', url: '/readyz' })).statusCode, 200);
  });
});
