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
