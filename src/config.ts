import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
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
  DATABASE_STARTUP_WAIT_SECONDS: Type.Integer({ minimum: 0, default: 30 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
  HASH_CONCURRENCY: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
  HASH_QUEUE_LENGTH: Type.Integer({ minimum: 0, maximum: 10_000, default: 32 }),
  REFUSALS_PER_TURN: Type.Integer({ minimum: 1, maximum: 10_000, default: 2 }),
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
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
  RECOMMENDER_REFRESH_MINUTES: Type.Integer({ minimum: 1, maximum: 10_080, default: 15 }),
  RECOMMENDER_RETRAIN_DELAY_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 60 }),
  RECOMMENDER_DENSE_LIMIT: Type.Integer({ minimum: 0, maximum: 20_000, default: 3000 }),
  RECOMMENDER_WEIGHTS_PER_ITEM: Type.Integer({ minimum: 10, maximum: 2000, default: 400 }),
  RECOMMENDER_EVALUATE: Type.Union([Type.Literal('true'), Type.Literal('false')], { default: 'true' }),
  RECOMMENDER_CACHE_MB: Type.Number({ minimum: 0, default: 512 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  BULK_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 33_554_432 }),
  TRUST_PROXY: Type.Optional(Type.String({ maxLength: 2000 })),
  STREAM_MAX_CONNECTIONS: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 20_000 }),
  STREAM_MAX_PER_USER: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  STREAM_HEARTBEAT_SECONDS: Type.Integer({ minimum: 1, maximum: 300, default: 15 }),
  STREAM_BUFFER_KB: Type.Integer({ minimum: 64, maximum: 65_536, default: 256 }),
  STREAM_STALL_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  PUBLIC_URL: Type.Optional(Type.String({ maxLength: 2000 })),
  // Checked below, without echoing it (it may hold a password).
  SMTP_URL: Type.Optional(Type.String()),
  MAIL_FROM: Type.Optional(Type.String({ maxLength: 400 })),
  SMS_WEBHOOK_URL: Type.Optional(Type.String({ maxLength: 2000 })),
  // Checked below, without echoing it.
  SMS_WEBHOOK_SECRET: Type.Optional(Type.String()),
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
  /** How long start-up waits for a PostgreSQL that is not answering yet. */
  databaseStartupWaitMs: number;
  /** How long a shutdown waits for requests in flight before it cuts their connections. */
  shutdownTimeoutMs: number;
  /** `GET /metrics` on the service's port answers callers bearing this token; unset, it is not served there. */
  metricsToken: string | undefined;
  /** A port of its own serving `GET /metrics` without a token (bound to HOST); unset, none. */
  metricsPort: number | undefined;
  /** Password hashes at once (default: the cores but one) and waiting (beyond, a log-in answers 503 at once). */
  hashing: { concurrency: number; queueLength: number };
  /** Refusals (429, and 503 for the hashing budget) answered per turn of the event loop (`src/http/refusal-lane.ts`). */
  refusalsPerTurn: number;
  /** Bytes each per-instance cache may hold; 0 turns it off. */
  cacheBytes: { apps: number; users: number; tokens: number; catalogues: number; profiles: number };
  cacheTtlMs: number;
  expiredTokenRetentionMs: number;
  jobs: { concurrency: number; pollIntervalMs: number; leaseMs: number };
  workerThreads: number;
  /** The recommender ([0013](../docs/decisions/0013-learned-recommender.md)). */
  recommender: {
    /** How often every app's history is checked and its model retrained if it changed. */
    refreshMs: number;
    /** How long after an ingest its app's model is retrained (ingests meanwhile join the same training). */
    retrainDelayMs: number;
    /** Items up to which EASE is exact (dense, n³); past it the neighbourhood approximation. */
    denseLimit: number;
    /** Weights a stored model keeps per item. */
    weightsPerItem: number;
    /** Whether each training first evaluates the model on held-out users (about one more training). */
    evaluate: boolean;
    /** Bytes the served models and catalogue indexes may take on each instance. */
    cacheBytes: number;
  };
  bodyLimitBytes: number;
  /** The body limit of the admin API's bulk writes (100,000 viewings in one request). */
  bulkBodyLimitBytes: number;
  /**
   * The proxies whose `X-Forwarded-For` is believed, as Fastify's `trustProxy` takes them: addresses and CIDR ranges
   * (and proxy-addr's names `loopback`, `linklocal`, `uniquelocal`), or a number of hops; false believes none.
   */
  trustProxy: false | number | string[];
  /** Live notification streams (Server-Sent Events) of this instance: their bounds and heartbeat. */
  streams: {
    maxStreams: number;
    maxStreamsPerUser: number;
    heartbeatMs: number;
    bufferBytes: number;
    stallMs: number;
  };
  /** How messages to users leave: SMTP and an SMS gateway, each optional (without one, held in the outbox). */
  messaging: MessagingConfig;
}

export interface MessagingConfig {
  /** Where links in messages point: Persona as users reach it (default `http://HOST:PORT`). */
  publicUrl: string;
  /** `smtp://user:pass@host:587` (STARTTLS where offered) or `smtps://…:465`; unset, emails are held in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** Persona POSTs `{to, body}` here, signed with `smsWebhookSecret`; unset, SMS are held in the outbox. */
  smsWebhookUrl: string | undefined;
  smsWebhookSecret: string | undefined;
}

/** A configuration that cannot run: one line per bad variable, each naming it, what is wrong and what would do. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** What a variable accepts, in words, from its schema. */
function accepted(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.anyOf)) return `one of ${schema.anyOf.map((s: { const?: unknown }) => s.const).join(', ')}`;
  const range = (kind: string) => {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
    if (minimum !== undefined && maximum !== undefined) return `${kind} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `${kind} ≥ ${minimum}`;
    return kind;
  };
  if (schema.type === 'integer') return range('an integer');
  if (schema.type === 'number') return range('a number');
  if (typeof schema.pattern === 'string') return `text matching ${schema.pattern}`;
  return 'text';
}

const databaseUrlHelp = 'use sqlite:<file path> (sqlite:./data/persona.db) or postgres://user@host:5432/database';

/** The problem with a DATABASE_URL, or undefined when it names a database Persona can open. */
function databaseUrlProblem(url: string): string | undefined {
  if (url.startsWith('sqlite:')) {
    return url.length > 'sqlite:'.length ? undefined : `DATABASE_URL=${url} names no file; ${databaseUrlHelp}`;
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url);
      if (!parsed.hostname) return `DATABASE_URL names no PostgreSQL host; ${databaseUrlHelp}`;
      return undefined;
    } catch {
      return `DATABASE_URL is not a valid PostgreSQL URL; ${databaseUrlHelp}`;
    }
  }
  return `DATABASE_URL=${url} is neither SQLite nor PostgreSQL; ${databaseUrlHelp}`;
}

/** Reads the configuration from `env`, filling defaults; throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, known));
  const problems: string[] = [];
  if (!Value.Check(ConfigSchema, converted)) {
    const seen = new Set<string>();
    for (const error of Value.Errors(ConfigSchema, converted)) {
      const name = error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      const schema = (ConfigSchema.properties as unknown as Record<string, Record<string, unknown>>)[name];
      if (!schema) continue;
      const fallback = schema.default === undefined ? '' : `, or leave it unset for ${schema.default}`;
      problems.push(`${name}=${env[name]} is not allowed: set ${accepted(schema)}${fallback}`);
    }
  }
  const url = (converted as Partial<RawConfig>).DATABASE_URL;
  const urlProblem = typeof url === 'string' ? databaseUrlProblem(url) : undefined;
  if (urlProblem) problems.push(urlProblem);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'string') problems.push(trustProxy);
  problems.push(...messagingProblems(converted as Partial<RawConfig>));
  if (problems.length > 0) throw new ConfigError(problems);
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
    databaseStartupWaitMs: c.DATABASE_STARTUP_WAIT_SECONDS * 1000,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    metricsToken: c.METRICS_TOKEN,
    metricsPort: c.METRICS_PORT,
    hashing: {
      concurrency: c.HASH_CONCURRENCY ?? Math.max(1, availableParallelism() - 1),
      queueLength: c.HASH_QUEUE_LENGTH,
    },
    refusalsPerTurn: c.REFUSALS_PER_TURN,
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
    recommender: {
      refreshMs: c.RECOMMENDER_REFRESH_MINUTES * 60_000,
      retrainDelayMs: c.RECOMMENDER_RETRAIN_DELAY_SECONDS * 1000,
      denseLimit: c.RECOMMENDER_DENSE_LIMIT,
      weightsPerItem: c.RECOMMENDER_WEIGHTS_PER_ITEM,
      evaluate: c.RECOMMENDER_EVALUATE === 'true',
      cacheBytes: mb(c.RECOMMENDER_CACHE_MB),
    },
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    bulkBodyLimitBytes: c.BULK_BODY_LIMIT_BYTES,
    trustProxy: trustProxy as Config['trustProxy'],
    streams: {
      maxStreams: c.STREAM_MAX_CONNECTIONS,
      maxStreamsPerUser: c.STREAM_MAX_PER_USER,
      heartbeatMs: c.STREAM_HEARTBEAT_SECONDS * 1000,
      bufferBytes: c.STREAM_BUFFER_KB * 1024,
      stallMs: c.STREAM_STALL_SECONDS * 1000,
    },
    messaging: {
      publicUrl: c.PUBLIC_URL ?? `http://${c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST}:${c.PORT}`,
      smtpUrl: c.SMTP_URL,
      mailFrom: c.MAIL_FROM,
      smsWebhookUrl: c.SMS_WEBHOOK_URL,
      smsWebhookSecret: c.SMS_WEBHOOK_SECRET,
    },
  };
}

/** A URL with one of the protocols and a host, or undefined. */
function urlWith(value: string, protocols: string[]): URL | undefined {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** One line per bad messaging setting, each naming it and what would do (never echoing a password). */
function messagingProblems(c: Partial<RawConfig>): string[] {
  const problems: string[] = [];
  if (c.PUBLIC_URL !== undefined && !urlWith(c.PUBLIC_URL, ['http:', 'https:'])) {
    problems.push(
      'PUBLIC_URL is not an http(s) URL: set the address users reach Persona at, e.g. https://id.example.com',
    );
  }
  if (c.SMTP_URL !== undefined) {
    if (!urlWith(c.SMTP_URL, ['smtp:', 'smtps:'])) {
      problems.push(
        'SMTP_URL is not an SMTP URL: set smtp://user:password@host:587 (STARTTLS where offered) or smtps://user:password@host:465, or leave it unset to keep emails in the outbox',
      );
    }
    if (c.MAIL_FROM === undefined) {
      problems.push('MAIL_FROM is required with SMTP_URL: set the sender, e.g. "Persona <no-reply@example.com>"');
    }
  }
  if (c.MAIL_FROM !== undefined && !/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(c.MAIL_FROM.trim())) {
    problems.push('MAIL_FROM is not an email address: set no-reply@example.com or "Persona <no-reply@example.com>"');
  }
  if (c.SMS_WEBHOOK_URL !== undefined) {
    if (!urlWith(c.SMS_WEBHOOK_URL, ['http:', 'https:'])) {
      problems.push(
        'SMS_WEBHOOK_URL is not an http(s) URL: set the SMS gateway adapter, e.g. https://sms.example.com/send',
      );
    }
    if (c.SMS_WEBHOOK_SECRET === undefined) {
      problems.push(
        'SMS_WEBHOOK_SECRET is required with SMS_WEBHOOK_URL: set a shared secret of 16 characters or more',
      );
    }
  }
  if (c.SMS_WEBHOOK_SECRET !== undefined && (c.SMS_WEBHOOK_SECRET.length < 16 || c.SMS_WEBHOOK_SECRET.length > 400)) {
    problems.push('SMS_WEBHOOK_SECRET is not allowed: set a shared secret of 16 to 400 characters');
  }
  return problems;
}

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Fastify takes it, or the problem with it. Trusting every sender of `X-Forwarded-For` (`true`, `*`)
 * is refused: any client could then choose the address its log-ins are throttled under.
 */
function parseTrustProxy(value: string | undefined): false | number | string[] | string {
  if (value === undefined || value.trim() === '') return false;
  const help =
    'set a comma-separated list of proxy addresses or CIDR ranges (10.0.0.0/8, loopback, uniquelocal) or a number of hops';
  if (/^\d+$/.test(value.trim())) {
    const hops = Number(value.trim());
    return hops >= 1 && hops <= 10 ? hops : `TRUST_PROXY=${value} is not allowed: hops must be 1 to 10, or ${help}`;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const ipVersion = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (ipVersion === 6 ? 128 : 32));
    if (proxyNames.has(entry)) continue;
    if (ipVersion === 0 || !bitsOk || extra !== undefined) {
      return `TRUST_PROXY=${value} is not allowed: ${JSON.stringify(entry)} is not an address, a CIDR range or a name; ${help}`;
    }
  }
  return entries;
}

const mb = (megabytes: number) => Math.round(megabytes * 1024 * 1024);
