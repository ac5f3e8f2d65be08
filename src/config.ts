import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

/** Every setting Persona reads from the environment; the README's configuration table lists the same. */
const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.String({ default: 'sqlite:./data/persona.db' }),
  DATABASE_SCHEMA: Type.Optional(Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  SQLITE_SYNCHRONOUS: Type.Union([Type.Literal('FULL'), Type.Literal('NORMAL')], { default: 'NORMAL' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5000 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  READY_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 2000 }),
  APP_CACHE_MB: Type.Number({ minimum: 0, default: 4 }),
  USER_CACHE_MB: Type.Number({ minimum: 0, default: 64 }),
  TOKEN_CACHE_MB: Type.Number({ minimum: 0, default: 64 }),
  CATALOGUE_CACHE_MB: Type.Number({ minimum: 0, default: 16 }),
  PROFILE_CACHE_MB: Type.Number({ minimum: 0, default: 32 }),
  CACHE_TTL_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  EXPIRED_TOKEN_RETENTION_HOURS: Type.Integer({ minimum: 0, default: 168 }),
  JOBS_CONCURRENCY: Type.Integer({ minimum: 0, maximum: 64, default: 2 }),
  JOBS_POLL_INTERVAL_MS: Type.Integer({ minimum: 50, default: 1000 }),
  JOBS_LEASE_SECONDS: Type.Integer({ minimum: 1, default: 60 }),
  WORKER_THREADS: Type.Integer({ minimum: 0, maximum: 64, default: 1 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  BULK_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 33_554_432 }),
});

type RawConfig = Static<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  databaseSchema: string | undefined;
  databasePoolSize: number;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  logLevel: string;
  databaseConnectTimeoutMs: number;
  databaseStatementTimeoutMs: number;
  readyTimeoutMs: number;
  /** Bytes each per-instance cache may hold; 0 turns it off. */
  cacheBytes: { apps: number; users: number; tokens: number; catalogues: number; profiles: number };
  cacheTtlMs: number;
  expiredTokenRetentionMs: number;
  jobs: { concurrency: number; pollIntervalMs: number; leaseMs: number };
  workerThreads: number;
  bodyLimitBytes: number;
  /** The body limit of the admin API's bulk writes (100,000 viewings in one request). */
  bulkBodyLimitBytes: number;
}

/** Reads the configuration from `env`, filling defaults; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, known));
  if (!Value.Check(ConfigSchema, converted)) {
    const problems = [...Value.Errors(ConfigSchema, converted)].map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const c = converted as RawConfig;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    databaseSchema: c.DATABASE_SCHEMA,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    sqliteSynchronous: c.SQLITE_SYNCHRONOUS,
    logLevel: c.LOG_LEVEL,
    databaseConnectTimeoutMs: c.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
    readyTimeoutMs: c.READY_TIMEOUT_MS,
    cacheBytes: {
      apps: mb(c.APP_CACHE_MB),
      users: mb(c.USER_CACHE_MB),
      tokens: mb(c.TOKEN_CACHE_MB),
      catalogues: mb(c.CATALOGUE_CACHE_MB),
      profiles: mb(c.PROFILE_CACHE_MB),
    },
    cacheTtlMs: c.CACHE_TTL_SECONDS * 1000,
    expiredTokenRetentionMs: c.EXPIRED_TOKEN_RETENTION_HOURS * 3_600_000,
    jobs: {
      concurrency: c.JOBS_CONCURRENCY,
      pollIntervalMs: c.JOBS_POLL_INTERVAL_MS,
      leaseMs: c.JOBS_LEASE_SECONDS * 1000,
    },
    workerThreads: c.WORKER_THREADS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    bulkBodyLimitBytes: c.BULK_BODY_LIMIT_BYTES,
  };
}

const mb = (megabytes: number) => Math.round(megabytes * 1024 * 1024);
