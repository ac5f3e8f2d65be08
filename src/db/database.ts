import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { NodeSqliteDatabase } from './node-sqlite.ts';
import { nameOfPreparedStatement, registerDirectReader } from './prepared.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** `sqlite:<path>` (`sqlite::memory:` for an in-memory database) or `postgres://…`. */
  url: string;
  /** PostgreSQL only: the schema to use (created when missing); the connection's default when absent. */
  schema?: string | undefined;
  /**
   * SQLite only. NORMAL (default; in WAL mode): a process crash loses nothing, a power loss or OS crash may lose the
   * last commits but never corrupts. FULL: also survives power loss, at one disk flush per commit.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL only: pool size. */
  poolSize?: number;
}

export interface PersonaDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL only: the schema named in the options. */
  schema?: string | undefined;
  /** PostgreSQL only: the connection settings, for the event bus's dedicated LISTEN connection. */
  postgres?: pg.ClientConfig;
  close(): Promise<void>;
}

/** Opens the database named by the URL. It runs no migration; see `migrateToLatest`. */
export function openDatabase(options: DatabaseOptions): PersonaDatabase {
  if (options.url.startsWith('sqlite:')) return openSqlite(options);
  if (/^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got ${JSON.stringify(options.url)}`);
}

function openSqlite(options: DatabaseOptions): PersonaDatabase {
  const path = options.url.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new NodeSqliteDatabase(path);
  sqlite.exec('PRAGMA journal_mode = WAL');
  sqlite.exec(`PRAGMA synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.exec('PRAGMA foreign_keys = ON');
  sqlite.exec('PRAGMA busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerDirectReader(db, (sql, parameters) => sqlite.readNow(sql, parameters));
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

function openPostgres(options: DatabaseOptions): PersonaDatabase {
  const clientConfig: pg.ClientConfig = { connectionString: options.url };
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error('DATABASE_SCHEMA must be a plain identifier');
    clientConfig.options = `-c search_path=${options.schema}`;
  }
  const pool = new pg.Pool({ ...clientConfig, max: options.poolSize ?? 10, types: postgresTypes });
  // An idle client that loses its connection emits here; without a listener the process would crash.
  pool.on('error', () => {});
  pool.on('connect', usePreparedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: options.schema, postgres: clientConfig, close: () => db.destroy() };
}

// bigint columns hold epoch milliseconds and 48-bit internal ids, all exact as JavaScript numbers.
const postgresTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Makes a pooled client run the SQL of `PreparedQuery`s as named prepared statements (parsed and planned once per
 * connection); everything else passes through unchanged.
 */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && Array.isArray(values) ? nameOfPreparedStatement(text) : undefined;
    return name ? query({ name, text, values }) : query(text, values, ...rest);
  };
}
