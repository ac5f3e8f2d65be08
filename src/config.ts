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
  TOKEN_CACHE_SIZE: Type.Integer({ minimum: 0, default: 10000 }),
  USER_CACHE_SIZE: Type.Integer({ minimum: 0, default: 10000 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
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
  tokenCacheSize: number;
  userCacheSize: number;
  bodyLimitBytes: number;
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
    tokenCacheSize: c.TOKEN_CACHE_SIZE,
    userCacheSize: c.USER_CACHE_SIZE,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
  };
}
