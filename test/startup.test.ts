import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { postgresUrl, testDatabases } from './helpers/databases.ts';
import { startTcpProxy } from './helpers/tcp-proxy.ts';

const root = new URL('..', import.meta.url).pathname;
const postgres = testDatabases.find((d) => d.name === 'postgres');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Root may write any file: a server that must meet file permissions runs as `nobody` when the tests run as root. */
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * Runs `src/server.ts` with `env` until it exits; with `stopWhenStarted`, a server that starts is sent SIGTERM once it
 * has logged its start-up line (whenever that is on a busy machine); anything still running after 30 s is stopped.
 * With `unprivileged`, it runs as a user that file permissions bind (see `unprivileged`).
 */
function runServer(
  env: Record<string, string>,
  options: { stopWhenStarted?: boolean; unprivileged?: boolean } = {},
): Promise<Run> {
  const started = Date.now();
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, LOG_LEVEL: _level, ...outer } = process.env;
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/server.ts'], {
    cwd: root,
    env: { ...outer, PORT: '0', ...env },
    ...(options.unprivileged ? unprivileged : {}),
  });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    // Once: a second SIGTERM would find no handler left and kill the process outright.
    if (options.stopWhenStarted && !signalled && stdout.includes('Persona started')) {
      signalled = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const killer = setTimeout(() => child.kill('SIGTERM'), 30_000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Asserts a start-up that failed fast, on one line per problem naming `variable`, with no stack trace. */
function assertExplained(run: Run, variable: string, pattern?: RegExp): void {
  assert.equal(run.code, 1, `exit code; stderr: ${run.stderr}`);
  const lines = run.stderr.trim().split('\n');
  const last = lines.at(-1) ?? '';
  assert.match(last, new RegExp(`^persona: ${variable}`), run.stderr);
  if (pattern) assert.match(last, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(
    lines.every((line) => line.startsWith('persona: ')),
    run.stderr,
  );
}

const sqliteFile = () => `sqlite:${join(tmpdir(), `persona-startup-${randomBytes(4).toString('hex')}.db`)}`;

describe('start-up that explains itself', () => {
  it('names a setting outside its allowed values, listing them', async () => {
    const run = await runServer({ LOG_LEVEL: 'loud', DATABASE_URL: sqliteFile() });
    assertExplained(run, 'LOG_LEVEL=loud', /one of fatal, error, warn, info, debug, trace, silent/);
  });

  it('names a TRUST_PROXY that would believe anyone or is not an address, a range, a name or a hop count', async () => {
    for (const value of ['true', '*', '10.0.0.0/33', 'proxy.example', '0']) {
      assertExplained(await runServer({ TRUST_PROXY: value, DATABASE_URL: sqliteFile() }), 'TRUST_PROXY', /CIDR/);
    }
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,::1' }).trustProxy, [
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(loadConfig({}).trustProxy, false);
  });

  it('names a DATABASE_URL that is neither SQLite nor PostgreSQL, or not a URL', async () => {
    for (const url of ['mysql://x', './data/x.db', 'postgres://:@:x', 'sqlite:']) {
      assertExplained(await runServer({ DATABASE_URL: url }), 'DATABASE_URL', /sqlite:<file path>.*postgres:\/\//);
    }
  });

  it('names a bad SMTP_URL or SMS gateway setting in one line each, never echoing a password', async () => {
    const badSmtp = await runServer({
      SMTP_URL: 'http://mailer:sekrit@mail.example:587',
      MAIL_FROM: 'no-reply@example.com',
      DATABASE_URL: sqliteFile(),
    });
    assertExplained(badSmtp, 'SMTP_URL is not an SMTP URL', /smtp:\/\/user:password@host:587/);
    assert.doesNotMatch(badSmtp.stderr, /sekrit/);
    const noFrom = await runServer({ SMTP_URL: 'smtp://mailer:sekrit@mail.example:587', DATABASE_URL: sqliteFile() });
    assertExplained(noFrom, 'MAIL_FROM is required with SMTP_URL');
    assert.doesNotMatch(noFrom.stderr, /sekrit/);
    const shortSecret = await runServer({
      SMS_WEBHOOK_URL: 'https://sms.example/send',
      SMS_WEBHOOK_SECRET: 'tiny-sekrit',
      DATABASE_URL: sqliteFile(),
    });
    assertExplained(shortSecret, 'SMS_WEBHOOK_SECRET is not allowed', /16 to 400 characters/);
    assert.doesNotMatch(shortSecret.stderr, /tiny-sekrit/);
    assert.equal(loadConfig({}).messaging.smtpUrl, undefined);
    assert.equal(loadConfig({ PORT: '9000' }).messaging.publicUrl, 'http://127.0.0.1:9000');
  });

  it('names a SQLite file that cannot be created, at once', async () => {
    const run = await runServer({ DATABASE_URL: 'sqlite:/proc/nope/x.db' });
    assertExplained(run, 'DATABASE_URL=sqlite:/proc/nope/x.db', /cannot open the database/);
    assert.ok(run.ms < 10_000, `${run.ms} ms`);
  });

  describe('with a SQLite database it cannot write', () => {
    /** A migrated database file in a folder of its own; `drop` removes both, whatever their modes. */
    async function migratedFile(): Promise<{ folder: string; file: string; drop(): void }> {
      const folder = join(tmpdir(), `persona-readonly-${randomBytes(4).toString('hex')}`);
      mkdirSync(folder);
      const file = join(folder, 'persona.db');
      const database = openDatabase({ url: `sqlite:${file}` });
      await migrateToLatest(database);
      await database.close();
      return {
        folder,
        file,
        drop() {
          chmodSync(folder, 0o755);
          rmSync(folder, { recursive: true, force: true });
        },
      };
    }

    it('names a read-only database file and how to fix it, at once', async () => {
      const { folder, file, drop } = await migratedFile();
      try {
        chmodSync(folder, 0o777);
        chmodSync(file, 0o444);
        const run = await runServer({ DATABASE_URL: `sqlite:${file}` }, { unprivileged: true });
        assertExplained(run, `DATABASE_URL=sqlite:${file}: the database file is read-only`, /make it writable/);
      } finally {
        drop();
      }
    });

    it('names a read-only folder, where SQLite cannot keep its -wal and -shm files', async () => {
      const { folder, file, drop } = await migratedFile();
      try {
        chmodSync(file, 0o666);
        chmodSync(folder, 0o555);
        const run = await runServer({ DATABASE_URL: `sqlite:${file}` }, { unprivileged: true });
        assertExplained(run, `DATABASE_URL=sqlite:${file}: the folder ${folder} is not writable`, /persona\.db-wal/);
      } finally {
        drop();
      }
    });

    it('names a file that is not a database', async () => {
      const file = join(tmpdir(), `persona-notadb-${randomBytes(4).toString('hex')}.db`);
      writeFileSync(file, 'not a database, '.repeat(512));
      try {
        const run = await runServer({ DATABASE_URL: `sqlite:${file}` });
        assertExplained(run, `DATABASE_URL=sqlite:${file}: the file is damaged or not a database`, /backup/);
      } finally {
        rmSync(file, { force: true });
      }
    });
  });

  it('names a port in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const run = await runServer({ DATABASE_URL: sqliteFile(), PORT: String(port) });
      assertExplained(run, `PORT=${port} is in use`);
    } finally {
      blocker.close();
    }
  });

  it('logs one line with the version, the database, the migrations applied and the address', async () => {
    const run = await runServer({ DATABASE_URL: sqliteFile(), LOG_LEVEL: 'info' }, { stopWhenStarted: true });
    const started = run.stdout
      .split('\n')
      .filter((line) => line.includes('Persona started'))
      .map((line) => JSON.parse(line));
    assert.equal(started.length, 1, run.stdout + run.stderr);
    assert.equal(started[0].version, '0.1.0');
    assert.match(started[0].database, /^sqlite:/);
    assert.ok(started[0].migrationsApplied.length >= 8);
    assert.match(started[0].address, /^http:\/\/127\.0\.0\.1:\d+$/);
    // Without SMTP_URL and SMS_WEBHOOK_URL, the log says where messages go: the embedded outbox.
    assert.match(run.stdout, /SMTP_URL is not set: emails are kept in the outbox/);
    assert.match(run.stdout, /SMS_WEBHOOK_URL is not set: SMS are kept in the outbox/);
    assert.equal(run.code, 0, 'SIGTERM ends it cleanly');
  });

  describe('with PostgreSQL', { skip: postgres?.skip ?? true }, () => {
    const url = new URL(postgresUrl);
    const withDatabase = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return copy.toString();
    };

    it('names a database that does not exist, and a role that cannot log in, at once', async () => {
      const missing = await runServer({ DATABASE_URL: withDatabase((u) => (u.pathname = '/no_such_database_x')) });
      assertExplained(missing, 'DATABASE_URL', /database "no_such_database_x" does not exist/);
      const role = await runServer({ DATABASE_URL: withDatabase((u) => (u.username = 'no_such_role_x')) });
      assertExplained(role, 'DATABASE_URL', /role "no_such_role_x"/);
      assert.ok(missing.ms < 10_000 && role.ms < 10_000);
    });

    it('waits a bounded, logged time for a PostgreSQL that does not answer, then names it', async () => {
      const refused = await runServer({
        DATABASE_URL: withDatabase((u) => (u.port = '1')),
        DATABASE_STARTUP_WAIT_SECONDS: '1',
      });
      assertExplained(refused, 'DATABASE_URL', /did not answer within 1 s/);
      assert.match(refused.stderr, /persona: waiting for PostgreSQL at/);

      // A server that accepts connections and never answers: the connect timeout bounds each try.
      const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
      proxy.setSilent(true);
      try {
        const silent = await runServer({
          DATABASE_URL: withDatabase((u) => (u.port = String(proxy.port))),
          DATABASE_CONNECT_TIMEOUT_MS: '300',
          DATABASE_STARTUP_WAIT_SECONDS: '1',
        });
        assertExplained(silent, 'DATABASE_URL', /did not answer within 1 s/);
        assert.ok(silent.ms < 15_000, `${silent.ms} ms`);
      } finally {
        await proxy.close();
      }
    });

    describe('that it cannot write', () => {
      /** A role that may log in, its schema migrated, and how to remove both. */
      async function roleWithSchema(options: { owner: boolean }) {
        const role = `persona_startup_${randomBytes(4).toString('hex')}`;
        const schema = `persona_startup_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: postgresUrl });
        await admin.connect();
        const database = (await admin.query('select current_database() as name')).rows[0].name as string;
        await admin.query(`create role ${role} login`);
        // May create schemas (so that start-up's `create schema if not exists` passes), not write another's tables.
        await admin.query(`grant create on database ${database} to ${role}`);
        const roleUrl = withDatabase((u) => (u.username = role));
        const migrated = openDatabase({ url: options.owner ? roleUrl : postgresUrl, schema });
        await migrateToLatest(migrated);
        await migrated.close();
        if (!options.owner) {
          // Reads what the migrator reads, writes nothing.
          await admin.query(`grant usage on schema ${schema} to ${role}`);
          await admin.query(`grant select on all tables in schema ${schema} to ${role}`);
        }
        return {
          role,
          schema,
          roleUrl,
          admin,
          async drop() {
            await admin.query(`drop schema if exists ${schema} cascade`);
            await admin.query(`drop owned by ${role}`);
            await admin.query(`drop role ${role}`);
            await admin.end();
          },
        };
      }

      it('names a session that takes no writes (a standby, default_transaction_read_only), at once', async () => {
        const { role, schema, roleUrl, admin, drop } = await roleWithSchema({ owner: true });
        try {
          await admin.query(`alter role ${role} set default_transaction_read_only = on`);
          const run = await runServer({ DATABASE_URL: roleUrl, DATABASE_SCHEMA: schema });
          assertExplained(run, 'DATABASE_URL', new RegExp(`takes no writes from role "${role}".*primary`));
        } finally {
          await drop();
        }
      });

      it('names a role without the privileges to write, at once', async () => {
        const { role, schema, roleUrl, drop } = await roleWithSchema({ owner: false });
        try {
          const run = await runServer({ DATABASE_URL: roleUrl, DATABASE_SCHEMA: schema });
          assertExplained(run, 'DATABASE_URL', new RegExp(`role "${role}" may not write .*storage_probe.*grant it`));
        } finally {
          await drop();
        }
      });
    });

    it('hides the password in its start-up line', async () => {
      const schema = `persona_startup_${randomBytes(4).toString('hex')}`;
      const run = await runServer(
        { DATABASE_URL: withDatabase((u) => (u.password = 'sekrit')), DATABASE_SCHEMA: schema, LOG_LEVEL: 'info' },
        { stopWhenStarted: true },
      );
      const line = run.stdout.split('\n').find((l) => l.includes('Persona started'));
      assert.ok(line, run.stdout + run.stderr);
      assert.doesNotMatch(line, /sekrit/);
      assert.match(JSON.parse(line).database, /:\*\*\*@/);
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    });
  });
});
