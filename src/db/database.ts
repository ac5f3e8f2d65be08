import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CompiledQuery, type Driver, Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { NodeSqliteDatabase } from './node-sqlite.ts';
import { nameOfPreparedStatement, registerDirectReader } from './prepared.ts';
import type { Database } from './schema.ts';
import { fallbackCheckpointPages, SqliteCheckpointer } from './sqlite-checkpointer.ts';
import { probeWrite, StorageHealth } from './storage-health.ts';
import { type AmbientTransaction, AmbientTransactionDriver, UnitOfWork } from './unit-of-work.ts';

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
  /** PostgreSQL only: how long to wait for a connection (pool slot or new connection) before failing. */
  connectTimeoutMs?: number;
  /** PostgreSQL only: the server ends a statement that runs longer; the client gives up a little after. */
  statementTimeoutMs?: number;
  /**
   * Told how long each query that Kysely runs took, and which it was (compiled reads answered at once on SQLite are
   * not told).
   */
  onQuery?: (durationMs: number, query: CompiledQuery) => void;
}

export interface PersonaDatabase {
  /** The database; inside `unitOfWork.run` every query on it joins the unit's transaction. */
  db: Kysely<Database>;
  unitOfWork: UnitOfWork;
  dialect: DialectName;
  /**
   * Whether each statement is a round trip to another process (PostgreSQL), so that reads asked together are worth
   * sending as one; on SQLite a statement is a call into the library.
   */
  readsAreRoundTrips: boolean;
  /** PostgreSQL only: the schema named in the options. */
  schema?: string | undefined;
  /** PostgreSQL only: the connection settings, for the event bus's dedicated connection. */
  postgres?: pg.ClientConfig;
  /** Whether the database answers a trivial query within `timeoutMs`; never waits longer. */
  ping(timeoutMs: number): Promise<boolean>;
  /** Storage faults met (disk full, read-only…), and whether the database can take a write now. */
  storage: StorageHealth;
  /** PostgreSQL only: the pool's connections, idle ones, and requests waiting for one. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** Kysely's query log, turned into durations for `onQuery`. */
function queryLog(onQuery: DatabaseOptions['onQuery']) {
  return onQuery
    ? {
        log: (event: { queryDurationMillis: number; query: CompiledQuery }) =>
          onQuery(event.queryDurationMillis, event.query),
      }
    : {};
}

/** Opens the database named by the URL. It runs no migration; see `migrateToLatest`. */
export function openDatabase(options: DatabaseOptions): PersonaDatabase {
  if (options.url.startsWith('sqlite:')) return openSqlite(options);
  if (/^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got ${JSON.stringify(options.url)}`);
}

function openSqlite(options: DatabaseOptions): PersonaDatabase {
  const path = options.url.slice('sqlite:'.length);
  if (path !== ':memory:') makeDirectories(dirname(path));
  const storage = new StorageHealth(() => probeWrite(unitOfWork));
  const sqlite = new NodeSqliteDatabase(path, (error) => storage.note(error));
  sqlite.exec('PRAGMA journal_mode = WAL');
  sqlite.exec(`PRAGMA synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.exec('PRAGMA foreign_keys = ON');
  sqlite.exec('PRAGMA busy_timeout = 5000');
  // An in-memory database has one connection and no WAL: nothing to checkpoint elsewhere.
  const checkpointer =
    path === ':memory:'
      ? undefined
      : SqliteCheckpointer.start(path, options.sqliteSynchronous ?? 'NORMAL', (failure) => storage.note(failure));
  if (checkpointer) sqlite.exec(`PRAGMA wal_autocheckpoint = ${fallbackCheckpointPages}`);
  const ambient = new AsyncLocalStorage<AmbientTransaction>();
  const dialect = new AmbientSqliteDialect({ database: sqlite }, ambient);
  const db = new Kysely<Database>({ dialect, ...queryLog(options.onQuery) });
  registerDirectReader(db, (text, parameters) => sqlite.readNow(text, parameters));
  const unitOfWork = new UnitOfWork(db, dialect.driver(), ambient, { locksRows: false, plansFromStatistics: false });
  return {
    db,
    unitOfWork,
    dialect: 'sqlite',
    readsAreRoundTrips: false,
    ping: (timeoutMs) => answersWithin(db, timeoutMs),
    storage,
    close: async () => {
      // Its connection first: the last connection to close checkpoints the whole WAL into the file.
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(options: DatabaseOptions): PersonaDatabase {
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  const settings = [`-c statement_timeout=${statementTimeoutMs}`];
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error('DATABASE_SCHEMA must be a plain identifier');
    settings.push(`-c search_path=${options.schema}`);
  }
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    options: settings.join(' '),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // A server that accepts a statement and never answers (a dead route) would otherwise hold the request forever.
    query_timeout: statementTimeoutMs + 2000,
    keepAlive: true,
  };
  const pool = new pg.Pool({ ...clientConfig, max: options.poolSize ?? 10, types: postgresTypes });
  const storage = new StorageHealth(() => probeWrite(unitOfWork));
  // An idle client that loses its connection emits here; without a listener the process would crash.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    // A client in use emits its connection's loss on itself: the query in flight fails (and its request answers
    // 503), the pool drops the client when it comes back. Without a listener the process would crash.
    client.on('error', () => {});
    usePreparedStatements(client, (error) => storage.note(error));
  });
  const ambient = new AsyncLocalStorage<AmbientTransaction>();
  const dialect = new AmbientPostgresDialect({ pool }, ambient);
  const db = new Kysely<Database>({ dialect, ...queryLog(options.onQuery) });
  const unitOfWork = new UnitOfWork(db, dialect.driver(), ambient, { locksRows: true, plansFromStatistics: true });
  return {
    db,
    unitOfWork,
    dialect: 'postgres',
    readsAreRoundTrips: true,
    schema: options.schema,
    postgres: clientConfig,
    ping: (timeoutMs) => answersWithin(db, timeoutMs),
    storage,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

/** SQLite through the ambient-transaction driver, which serialises use of the one connection itself. */
class AmbientSqliteDialect extends SqliteDialect {
  readonly #ambient: AsyncLocalStorage<AmbientTransaction>;
  #driver: AmbientTransactionDriver | undefined;

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], ambient: AsyncLocalStorage<AmbientTransaction>) {
    super(config);
    this.#ambient = ambient;
  }

  override createDriver(): Driver {
    this.#driver = new AmbientTransactionDriver(super.createDriver(), this.#ambient, { exclusive: true });
    return this.#driver;
  }

  override createAdapter() {
    return new ConcurrentSqliteAdapter();
  }

  driver(): AmbientTransactionDriver {
    if (!this.#driver) throw new Error('the dialect has not created its driver yet');
    return this.#driver;
  }
}

/**
 * Tells Kysely not to serialise connection use: the ambient-transaction driver does it, and must be able to hand a
 * unit of work's queries the connection that the unit already holds.
 */
class ConcurrentSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class AmbientPostgresDialect extends PostgresDialect {
  readonly #ambient: AsyncLocalStorage<AmbientTransaction>;
  #driver: AmbientTransactionDriver | undefined;

  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    ambient: AsyncLocalStorage<AmbientTransaction>,
  ) {
    super(config);
    this.#ambient = ambient;
  }

  override createDriver(): Driver {
    this.#driver = new AmbientTransactionDriver(super.createDriver(), this.#ambient, { exclusive: false });
    return this.#driver;
  }

  driver(): AmbientTransactionDriver {
    if (!this.#driver) throw new Error('the dialect has not created its driver yet');
    return this.#driver;
  }
}

async function answersWithin(db: Kysely<Database>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
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
 * connection); everything else passes through unchanged. A query the server never answered leaves the connection in
 * an unknown state, so it is destroyed and the pool replaces it. Every failure is told to `onError`.
 */
function usePreparedStatements(client: pg.PoolClient, onError: (error: unknown) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && Array.isArray(values) ? nameOfPreparedStatement(text) : undefined;
    const result = name ? query({ name, text, values }) : query(text, values, ...rest);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        onError(error);
        if (error instanceof Error && error.message === 'Query read timeout') {
          (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        }
      });
    }
    return result;
  };
}

/**
 * Creates a directory and its missing parents one at a time. `mkdirSync(…, {recursive: true})` never returns for a
 * path under `/proc` (Node retries the ENOENT that procfs answers for ever); one level at a time fails at once.
 */
function makeDirectories(directory: string): void {
  if (existsSync(directory)) return;
  const parent = dirname(directory);
  if (parent !== directory) makeDirectories(parent);
  mkdirSync(directory);
}
