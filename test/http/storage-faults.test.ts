import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { type StorageFault, storageFaultOf } from '../../src/db/errors.ts';
import { openTestDatabase, postgresUrl, testDatabases } from '../helpers/databases.ts';
import {
  appHeaders,
  bearer,
  eventually,
  startPersona,
  type TestPersona,
  type TestUser,
  uniqueName,
} from '../helpers/persona.ts';

const sqlite = testDatabases.find((d) => d.name === 'sqlite');
const postgres = testDatabases.find((d) => d.name === 'postgres');
assert.ok(sqlite && postgres);

const metricsToken = 'storage-faults-metrics-token';
const noInternals =
  /\.ts:\d+|node_modules|SQLITE|sqlite|readonly database|database or disk is full|read-only transaction|INSERT/;

/** The calls of each face that write, as a client makes them, on a database that can no longer take a write. */
async function writesOfEachFace(
  persona: TestPersona,
  app: CreatedApp,
  user: TestUser,
  adminToken: string,
  preferenceId: string,
): Promise<
  Record<'kiiSignUp' | 'kiiLogIn' | 'kiiAdminToken' | 'admin' | 'kip' | 'households', LightMyRequestResponse>
> {
  return {
    kiiSignUp: await persona.request({
      method: 'POST',
      url: `/api/apps/${app.appId}/users`,
      headers: { ...appHeaders(app), 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
      payload: { loginName: uniqueName(), password: 'pass-word1', bio: 'x'.repeat(4000) },
    }),
    kiiLogIn: await persona.request({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { username: user.loginName, password: user.password },
    }),
    kiiAdminToken: await persona.request({
      method: 'POST',
      url: '/api/oauth2/token',
      payload: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
    }),
    admin: await persona.request({
      method: 'PATCH',
      url: `/admin/v1/users/${user.id}`,
      headers: bearer(adminToken),
      payload: { customFields: { notes: 'y'.repeat(6000) } },
    }),
    kip: await persona.request({
      method: 'PATCH',
      url: '/users/me/profile/preferences',
      headers: bearer(user.accessToken),
      payload: { id: preferenceId, value: true },
    }),
    households: await persona.request({
      method: 'POST',
      url: '/userprofiles/v1/user/userprofiles',
      headers: { token: user.accessToken },
      payload: { name: `Kid ${randomBytes(3).toString('hex')}` },
    }),
  };
}

/** Each face's 503, in its own shape, naming the cause and nothing of the database's own message. */
function assertUnavailableInEveryFace(
  answers: Partial<Awaited<ReturnType<typeof writesOfEachFace>>>,
  cause: StorageFault,
): void {
  for (const [call, response] of Object.entries(answers)) {
    assert.equal(response.statusCode, 503, `${call}: ${response.body}`);
    assert.doesNotMatch(response.body, noInternals, `${call} shows nothing of the database's message`);
    const body = response.json();
    assert.equal(body.cause, cause, `${call} names the cause: ${response.body}`);
    if (call.startsWith('kii')) {
      assert.equal(body.errorCode, 'SERVICE_UNAVAILABLE', call);
      assert.match(String(response.headers['content-type']), /^application\/json/);
    } else if (call === 'households') {
      assert.deepEqual(Object.keys(body).sort(), ['cause', 'code', 'message', 'status']);
      assert.equal(body.code, 'UNAVAILABLE');
    } else {
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/, call);
      assert.equal(body.status, 503, call);
      if (call === 'admin') assert.equal(body.code, 'unavailable');
    }
  }
}

/** A user, an admin token and a preference option, made while the database can still take writes. */
async function world(persona: TestPersona) {
  const app = await persona.createApp();
  const user = await persona.createUser(app);
  const adminToken = await persona.adminToken(app);
  const put = await persona.request({
    method: 'PUT',
    url: '/admin/v1/preference-options',
    headers: bearer(adminToken),
    payload: { items: [{ category: 'MovieGenre', label: 'Comedy' }] },
  });
  assert.equal(put.statusCode, 200, put.body);
  const listed = await persona.request({
    method: 'GET',
    url: '/users/me/profile/preferences?filter=MovieGenre',
    headers: bearer(user.accessToken),
  });
  const preferenceId = listed.json().data[0].id as string;
  return { app, user, adminToken, preferenceId };
}

const readiness = async (persona: TestPersona) => {
  const response = await persona.request({ method: 'GET', url: '/readyz' });
  return { status: response.statusCode, body: response.json() };
};

async function faultsCounted(persona: TestPersona, cause: StorageFault): Promise<number> {
  const text = (await persona.request({ method: 'GET', url: '/metrics', headers: bearer(metricsToken) })).body;
  return Number(new RegExp(`^persona_storage_faults\\{cause="${cause}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
}

describe('storage faults, as each driver reports them', () => {
  const failureOf = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      return error;
    }
    assert.fail('the statement succeeded');
  };

  it('are classified from real errors of SQLite and PostgreSQL', async (t) => {
    const opened = await openTestDatabase(sqlite);
    try {
      const db = opened.database.db;
      await sql`PRAGMA query_only = ON`.execute(db);
      assert.equal(storageFaultOf(await failureOf(() => sql`create table t (x)`.execute(db))), 'read_only');
      await sql`PRAGMA query_only = OFF`.execute(db);
      const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(db);
      await sql.raw(`PRAGMA max_page_count = ${rows[0]?.page_count}`).execute(db);
      const full = await failureOf(() => sql`create table t (x)`.execute(db));
      assert.equal(storageFaultOf(full), 'disk_full');
    } finally {
      await opened.drop();
    }
    if (postgres.skip) return t.skip(postgres.skip);
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query('begin read only');
      assert.equal(storageFaultOf(await failureOf(() => client.query('create temp table t (x int)'))), 'read_only');
      await client.query('rollback');
      // A sort that spills past the temporary files it may write: class 53, insufficient resources.
      await client.query(`set temp_file_limit = '64kB'`);
      const spilled = await failureOf(() =>
        client.query('select g from generate_series(1, 200000) g order by md5(g::text)'),
      );
      assert.equal((spilled as { code?: string }).code, '53400');
      assert.equal(storageFaultOf(spilled), 'insufficient_resources');
    } finally {
      await client.end();
    }
  });

  it('are classified by code where they cannot be caused here, and nothing else is', () => {
    const cases: [object, StorageFault | undefined][] = [
      [{ code: '53100' }, 'disk_full'],
      [{ code: '58030' }, 'io_error'],
      [{ code: 'XX001' }, 'corrupt'],
      [{ code: 'XX002' }, 'corrupt'],
      [{ code: '53200' }, 'insufficient_resources'],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 10 }, 'io_error'],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 778 }, 'io_error'], // SQLITE_IOERR_WRITE
      [{ code: 'ERR_SQLITE_ERROR', errcode: 11 }, 'corrupt'],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 26 }, 'corrupt'],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 1544 }, 'read_only'], // SQLITE_READONLY_DIRECTORY
      [{ message: 'wrapped', cause: { code: '53100' } }, 'disk_full'],
      [{ code: '53300' }, undefined], // too many connections: unavailable, no storage fault
      [{ code: '57P01' }, undefined],
      [{ code: '23505' }, undefined],
      [{ code: 'ERR_SQLITE_ERROR', errcode: 5 }, undefined], // SQLITE_BUSY
      [{ code: 'ERR_SQLITE_ERROR', errcode: 2067 }, undefined], // a unique constraint
      [new Error('anything else'), undefined],
    ];
    for (const [error, fault] of cases) assert.equal(storageFaultOf(error), fault, JSON.stringify(error));
  });
});

describe('a SQLite database that cannot take a write', { skip: sqlite.skip }, () => {
  let persona: TestPersona;
  const logged: { cause?: string; msg?: string; err?: unknown }[] = [];
  before(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    persona = await startPersona(sqlite, { env: { METRICS_TOKEN: metricsToken }, logger: { level: 'error', stream } });
  });
  after(() => persona.close());

  it('answers every write 503 with cause read_only in each face, says so at /readyz, and recovers', async () => {
    const { app, user, adminToken, preferenceId } = await world(persona);
    assert.deepEqual(await readiness(persona), { status: 200, body: { status: 'ok' } });
    // SQLite refuses every write of the connection with SQLITE_READONLY, as it does on a read-only file.
    await sql`PRAGMA query_only = ON`.execute(persona.database.db);
    try {
      assertUnavailableInEveryFace(await writesOfEachFace(persona, app, user, adminToken, preferenceId), 'read_only');
      assert.deepEqual(await readiness(persona), { status: 503, body: { status: 'unavailable', cause: 'read_only' } });
      assert.ok((await faultsCounted(persona, 'read_only')) >= 6, 'counted in the metrics');
      // Reads still work.
      const me = await persona.request({
        method: 'GET',
        url: `/api/apps/${app.appId}/users/me`,
        headers: bearer(user.accessToken),
      });
      assert.equal(me.statusCode, 200);
    } finally {
      await sql`PRAGMA query_only = OFF`.execute(persona.database.db);
    }
    // The probe write behind /readyz succeeds again (at most one a second while a fault is remembered).
    await eventually(async () => (await readiness(persona)).status === 200);
    const again = await writesOfEachFace(persona, app, user, adminToken, preferenceId);
    assert.deepEqual(
      Object.values(again).map((response) => response.statusCode),
      [201, 200, 200, 200, 200, 201],
    );
  });

  it('answers 503 with cause disk_full when the database cannot grow, and /readyz says so until it can', async () => {
    const { app, user, adminToken, preferenceId } = await world(persona);
    // The database may not grow past the pages it has (and has no free page left): SQLite answers SQLITE_FULL,
    // "database or disk is full", as it does when the disk is full.
    await sql`VACUUM`.execute(persona.database.db);
    const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(persona.database.db);
    await sql.raw(`PRAGMA max_page_count = ${rows[0]?.page_count}`).execute(persona.database.db);
    logged.length = 0;
    try {
      const answers = await writesOfEachFace(persona, app, user, adminToken, preferenceId);
      // A log-in and an admin token write a row or two, which may still fit in the pages the database has.
      assertUnavailableInEveryFace({ kiiSignUp: answers.kiiSignUp, admin: answers.admin }, 'disk_full');
      assert.deepEqual(await readiness(persona), { status: 503, body: { status: 'unavailable', cause: 'disk_full' } });
      const lines = logged.filter((entry) => entry.cause === 'disk_full');
      assert.ok(lines.length >= 2, `each is logged with its cause: ${JSON.stringify(logged)}`);
      assert.match(JSON.stringify(lines[0]?.err), /database or disk is full/, "the log has the database's own message");
    } finally {
      await sql`PRAGMA max_page_count = 4294967294`.execute(persona.database.db);
    }
    await eventually(async () => (await readiness(persona)).status === 200);
    assert.equal(
      (await writesOfEachFace(persona, app, user, adminToken, preferenceId)).kiiSignUp.statusCode,
      201,
      'writes go through again',
    );
  });
});

describe('a PostgreSQL whose sessions are read-only (default_transaction_read_only of the role)', {
  skip: postgres.skip,
}, () => {
  const role = `persona_ro_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let persona: TestPersona;
  const setReadOnly = async (on: boolean) => {
    await admin.query(`alter role ${role} ${on ? 'set default_transaction_read_only = on' : 'reset all'}`);
    // Settings of a role apply to its new sessions: the pool and the bus reconnect.
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [role]);
  };
  before(async () => {
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    const database = (await admin.query('select current_database() as name')).rows[0].name as string;
    await admin.query(`create role ${role} login`);
    await admin.query(`grant create on database ${database} to ${role}`);
    const url = new URL(postgresUrl);
    url.username = role;
    persona = await startPersona(postgres, { env: { DATABASE_URL: url.toString() } });
  });
  after(async () => {
    await persona?.close();
    await admin.query(`drop owned by ${role}`);
    await admin.query(`drop role ${role}`);
    await admin.end();
  });

  it('answers every write 503 with cause read_only in each face, says so at /readyz, and recovers', async () => {
    const { app, user, adminToken, preferenceId } = await world(persona);
    await setReadOnly(true);
    try {
      // The requests that met a terminated connection answer 503 without a cause; then the new sessions refuse writes.
      await eventually(async () => {
        const answer = await persona.request({
          method: 'PATCH',
          url: `/admin/v1/users/${user.id}`,
          headers: bearer(adminToken),
          payload: { displayName: 'Never' },
        });
        return answer.json().cause === 'read_only';
      });
      assertUnavailableInEveryFace(await writesOfEachFace(persona, app, user, adminToken, preferenceId), 'read_only');
      assert.deepEqual(await readiness(persona), { status: 503, body: { status: 'unavailable', cause: 'read_only' } });
    } finally {
      await setReadOnly(false);
    }
    await eventually(async () => (await readiness(persona)).status === 200);
    await eventually(
      async () => (await writesOfEachFace(persona, app, user, adminToken, preferenceId)).kiiSignUp.statusCode === 201,
    );
  });
});

/**
 * A real full disk: the database on a small tmpfs, filled by another file. Needs the right to mount (root, as in CI);
 * skipped elsewhere, where the tests above stand in with SQLite's own page limit.
 */
function mountSmallTmpfs(): { path: string; unmount(): void } | string {
  const path = join(tmpdir(), `persona-full-${randomBytes(4).toString('hex')}`);
  mkdirSync(path);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', path], { stdio: 'pipe' });
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]})`;
  }
  return {
    path,
    unmount() {
      execFileSync('umount', ['-l', path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

describe('a SQLite database on a disk that fills up', () => {
  it('answers 503 disk_full, says so at /readyz, and recovers once space is freed', async (t) => {
    const mounted = mountSmallTmpfs();
    if (typeof mounted === 'string') {
      t.skip(mounted);
      return;
    }
    const file = join(mounted.path, 'persona.db');
    const filler = join(mounted.path, 'filler');
    const persona = await startPersona(sqlite, {
      shared: { url: `sqlite:${file}` },
      env: { METRICS_TOKEN: metricsToken },
    });
    try {
      const { app, user, adminToken, preferenceId } = await world(persona);
      // A checkpointed WAL is written over from its start, in blocks it already has: a write would still fit there
      // (and be safe) with the disk full. Emptied, the WAL needs new blocks for the next write, as a busy one soon does.
      const direct = new DatabaseSync(file);
      direct.exec('PRAGMA busy_timeout = 5000');
      direct.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      direct.close();
      // Another file takes every block left.
      const fd = openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024);
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        assert.equal((error as { code?: string }).code, 'ENOSPC');
      } finally {
        closeSync(fd);
      }
      const answers = await writesOfEachFace(persona, app, user, adminToken, preferenceId);
      assertUnavailableInEveryFace({ kiiSignUp: answers.kiiSignUp, admin: answers.admin }, 'disk_full');
      assert.deepEqual(await readiness(persona), { status: 503, body: { status: 'unavailable', cause: 'disk_full' } });
      assert.ok((await faultsCounted(persona, 'disk_full')) >= 2);

      rmSync(filler);
      await eventually(async () => (await readiness(persona)).status === 200);
      assert.equal((await writesOfEachFace(persona, app, user, adminToken, preferenceId)).kiiSignUp.statusCode, 201);
    } finally {
      await persona.close();
      mounted.unmount();
    }
  });
});
