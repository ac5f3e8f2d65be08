import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Core } from '../core/core.ts';
import type { CoreErrorCode } from '../core/errors.ts';
import type { PersonaDatabase } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { RefusalLane } from './refusal-lane.ts';

/**
 * Persona's Prometheus metrics: one registry per app instance (tests build several in one process). Requests and
 * queries are observed as they happen; everything else (caches, pool, bus, jobs, hashing) is read when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Histogram<'method' | 'route' | 'status'>;
  readonly #queries: Histogram;
  readonly #logInFailures: Counter;
  readonly #refusals: Counter;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'persona_' });
    this.#requests = new Histogram({
      name: 'persona_http_request_duration_seconds',
      help: 'HTTP requests by method, route and status: counts and durations',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.#queries = new Histogram({
      name: 'persona_db_query_duration_seconds',
      help: 'Database queries run through Kysely (compiled reads SQLite answers at once are not timed)',
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [this.registry],
    });
    this.#logInFailures = new Counter({
      name: 'persona_login_failures_total',
      help: 'Credential checks that failed (wrong password, unknown user, bad client secret or refresh token)',
      registers: [this.registry],
    });
    this.#refusals = new Counter({
      name: 'persona_refusals_total',
      help: 'Calls refused before any check: by the credential throttle (throttled) or a rate limit (rate_limited)',
      labelNames: ['reason'],
      registers: [this.registry],
    });
  }

  /**
   * The histogram of each method, route and status seen, kept so that a request costs a map look-up rather than
   * prom-client's hashing of its labels. Bounded: routes are the registered ones (or `unmatched`), statuses few.
   */
  readonly #requestSeries = new Map<string, { observe(value: number): void }>();

  observeRequest(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let series = this.#requestSeries.get(key);
    if (!series) {
      series = this.#requests.labels({ method: request.method, route, status: String(reply.statusCode) });
      this.#requestSeries.set(key, series);
    }
    series.observe(reply.elapsedTime / 1000);
  }

  observeQuery(durationMs: number): void {
    this.#queries.observe(durationMs / 1000);
  }

  /** Counts the answers that say something about credentials: failed checks, and refusals before any check. */
  coreErrorAnswered(code: CoreErrorCode): void {
    if (code === 'invalid_grant' || code === 'wrong_password') this.#logInFailures.inc();
    else if (code === 'too_many_attempts') this.#refusals.inc({ reason: 'throttled' });
    else if (code === 'rate_limited') this.#refusals.inc({ reason: 'rate_limited' });
  }

  /** Registers the gauges read at scrape time from the running parts. */
  watch(core: Core, database: PersonaDatabase, bus: EventBus, refusals: RefusalLane): void {
    const register = [this.registry];
    new Gauge({
      name: 'persona_notification_streams',
      help: 'Live notification streams (v1, Server-Sent Events) this instance holds',
      registers: register,
      collect() {
        this.set(core.notificationStreams.stats.open);
      },
    });
    new Gauge({
      name: 'persona_notification_streams_ended',
      help: 'Streams the server ended since start, by reason (revoked, expired, slow, shutdown, replaced)',
      labelNames: ['reason'],
      registers: register,
      collect() {
        for (const [reason, count] of Object.entries(core.notificationStreams.stats.ended)) this.set({ reason }, count);
      },
    });
    new Gauge({
      name: 'persona_cache_entries',
      help: 'Entries held by each per-instance cache',
      labelNames: ['cache'],
      registers: register,
      collect() {
        for (const [cache, stats] of Object.entries(core.cacheStats())) this.set({ cache }, stats.entries);
      },
    });
    new Gauge({
      name: 'persona_cache_bytes',
      help: 'Estimated bytes held by each per-instance cache, and its bound',
      labelNames: ['cache', 'kind'],
      registers: register,
      collect() {
        for (const [cache, stats] of Object.entries(core.cacheStats())) {
          this.set({ cache, kind: 'held' }, stats.bytes);
          this.set({ cache, kind: 'bound' }, stats.maxBytes);
        }
      },
    });
    new Gauge({
      name: 'persona_cache_reads',
      help: 'Reads of each cache since start, answered from it (hit) or loaded (miss)',
      labelNames: ['cache', 'result'],
      registers: register,
      collect() {
        for (const [cache, stats] of Object.entries(core.cacheStats())) {
          this.set({ cache, result: 'hit' }, stats.hits);
          this.set({ cache, result: 'miss' }, stats.misses);
        }
      },
    });
    new Gauge({
      name: 'persona_db_pool_connections',
      help: 'PostgreSQL pool: connections open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: register,
      collect() {
        const stats = database.poolStats?.();
        if (!stats) return;
        this.set({ state: 'open' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    new Gauge({
      name: 'persona_bus_connection_losses',
      help: 'Times the connection that carries events between instances was lost since start',
      registers: register,
      collect() {
        this.set(bus.connectionLosses);
      },
    });
    new Gauge({
      name: 'persona_bus_live',
      help: '1 while this instance has heard every event of the others up to 1 s ago (caches are used only then)',
      registers: register,
      collect() {
        this.set(bus.live ? 1 : 0);
      },
    });
    new Gauge({
      name: 'persona_storage_faults',
      help: "Statements that failed since start because the database's storage did, by cause (disk_full, read_only…)",
      labelNames: ['cause'],
      registers: register,
      collect() {
        for (const [cause, count] of Object.entries(database.storage.faults)) this.set({ cause }, count);
      },
    });
    new Gauge({
      name: 'persona_password_hashes_in_flight',
      help: 'Password hashes computing or waiting for their turn (HASH_CONCURRENCY, HASH_QUEUE_LENGTH)',
      registers: register,
      collect() {
        this.set(core.passwords.inFlight);
      },
    });
    new Gauge({
      name: 'persona_password_hash_queue_length',
      help: 'Password hashes waiting for their turn; past HASH_QUEUE_LENGTH a log-in answers 503 at once',
      registers: register,
      collect() {
        this.set(core.passwords.queued);
      },
    });
    new Gauge({
      name: 'persona_refusals_waiting',
      help: 'Refusals (429, 503) waiting in the low-priority lane for their turn (REFUSALS_PER_TURN)',
      registers: register,
      collect() {
        this.set(refusals.waiting);
      },
    });
    new Gauge({
      name: 'persona_jobs',
      help: 'Background jobs queued and running, over every app',
      labelNames: ['status'],
      registers: register,
      async collect() {
        try {
          const depth = await core.jobs.queueDepth();
          this.set({ status: 'queued' }, depth.queued);
          this.set({ status: 'running' }, depth.running);
        } catch {
          // The database did not answer: the gauge keeps its last values.
        }
      },
    });
  }
}

/**
 * `GET /metrics` on the service's own port, for callers with `Authorization: Bearer <METRICS_TOKEN>`. It is not
 * public: the metrics name routes, queues and cache sizes.
 */
export function registerMetricsRoute(http: FastifyInstance, metrics: Metrics, token: string): void {
  http.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Unauthorized.', status: 401, detail: 'GET /metrics needs METRICS_TOKEN' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
