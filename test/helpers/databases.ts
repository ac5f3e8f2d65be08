import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type PersonaDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** A database the suite runs against; every test file loops over all of them. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Set when this database cannot be reached and the run does not require it. */
  skip: string | false;
  /** A fresh, empty database: a new SQLite file, or a new PostgreSQL schema. */
  create(): { url: string; schema?: string; drop(): Promise<void> };
}

export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// In CI PostgreSQL must be there; elsewhere a suite without it still runs on SQLite and says what it skipped.
const requirePostgres = process.env.CI === 'true' || process.env.PERSONA_TEST_REQUIRE_POSTGRES === '1';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresUp = await postgresReachable();
if (!postgresUp && requirePostgres) {
  throw new Error(`PostgreSQL is required for this run (CI) but ${postgresUrl} cannot be reached`);
}

export const testDatabases: TestDatabase[] = [
  {
    name: 'sqlite',
    skip: false,
    create() {
      const file = join(tmpdir(), `persona-test-${randomBytes(6).toString('hex')}.db`);
      return {
        url: `sqlite:${file}`,
        async drop() {
          for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: postgresUp ? false : `PostgreSQL not reachable at ${postgresUrl}`,
    create() {
      const schema = `persona_test_${randomBytes(6).toString('hex')}`;
      return {
        url: postgresUrl,
        schema,
        async drop() {
          const client = new pg.Client({ connectionString: postgresUrl });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        },
      };
    },
  },
];

/**
 * PostgreSQL with a locale collation (ICU `en-US`), where `}` sorts before `|` and case and punctuation weigh less than
 * letters: Persona must not depend on C collation. The database is created when missing (CI's `.ci/run` creates it
 * too); a server that cannot create it (built without ICU) skips the tests that need it, except where PostgreSQL is
 * required. Each test gets its own schema in it, as in `test`.
 */
export const localePostgresUrl =
  process.env.TEST_LOCALE_DATABASE_URL ??
  (() => {
    const url = new URL(postgresUrl);
    url.pathname = '/test_icu';
    return url.href;
  })();

/** The database at `localePostgresUrl` as a `TestDatabase`, created when missing; see there. */
export async function localeCollatedDatabase(): Promise<TestDatabase> {
  const skip = postgresUp ? await ensureLocaleDatabase() : `PostgreSQL not reachable at ${postgresUrl}`;
  if (skip && requirePostgres) throw new Error(`A database with a locale collation is required for this run: ${skip}`);
  const postgres = testDatabases.find((database) => database.name === 'postgres') as TestDatabase;
  return {
    name: 'postgres',
    skip,
    create() {
      const target = postgres.create();
      return {
        url: localePostgresUrl,
        ...(target.schema ? { schema: target.schema } : {}),
        async drop() {
          const client = new pg.Client({ connectionString: localePostgresUrl });
          await client.connect();
          await client.query(`drop schema if exists ${target.schema} cascade`);
          await client.end();
        },
      };
    },
  };
}

/** Creates the locale-collated database unless it exists; a reason to skip when it cannot be had, else false. */
async function ensureLocaleDatabase(): Promise<string | false> {
  const name = decodeURIComponent(new URL(localePostgresUrl).pathname.slice(1));
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      try {
        await admin.query(
          `create database "${name.replaceAll('"', '""')}" template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
        );
      } catch (error) {
        // Another test process created it meanwhile.
        if ((error as { code?: string }).code !== '42P04') return `cannot create ${name}: ${(error as Error).message}`;
      }
    }
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: localePostgresUrl });
  try {
    await client.connect();
    const { rows } = await client.query(`select '|' < '}' as c_order`);
    return rows[0].c_order ? `${name} sorts text as C collation does; it proves nothing here` : false;
  } catch (error) {
    return `cannot use ${localePostgresUrl}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A migrated Persona database of the given kind, without the HTTP service around it, and how to remove it. */
export async function openTestDatabase(
  database: TestDatabase,
): Promise<{ database: PersonaDatabase; url: string; schema?: string; drop(): Promise<void> }> {
  const target = database.create();
  const opened = openDatabase({ url: target.url, schema: target.schema });
  await migrateToLatest(opened);
  return {
    database: opened,
    url: target.url,
    ...(target.schema ? { schema: target.schema } : {}),
    async drop() {
      await opened.close();
      await target.drop();
    },
  };
}
