import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Config } from './config.ts';
import { type Core, createCore } from './core/core.ts';
import { openDatabase, type PersonaDatabase } from './db/database.ts';
import { isDatabaseUnavailable, storageFaultOf } from './db/errors.ts';
import { migrateToLatest } from './db/migrate.ts';
import { checkWritable, explainStorageFault, StartupError, waitForDatabase } from './db/startup.ts';
import { type EventBus, InProcessEventBus } from './events/bus.ts';
import { PostgresEventBus } from './events/postgres-bus.ts';
import { handleAdminError } from './faces/admin/errors.ts';
import type { Face } from './faces/face.ts';
import { faceByPrefix, faces } from './faces/faces.ts';
import { registerRateLimitHeaders } from './http/call-origin.ts';
import { classifyError, methodNotAllowedError, notFoundError } from './http/classify-error.ts';
import { answerClientError } from './http/client-errors.ts';
import { registerContentTypes } from './http/content-types.ts';
import { Metrics, registerMetricsRoute } from './http/metrics.ts';
import { registerOpenApi, StorageFaultCause } from './http/openapi.ts';
import { RecentTraffic } from './http/recent-traffic.ts';
import { isRefusal, RefusalLane } from './http/refusal-lane.ts';
import { logController, noteErrorCode, registerCorrelationHeader, requestIdOptions } from './http/request-log.ts';
import { RouteMethods } from './http/route-methods.ts';
import { validatorCompiler } from './http/validation.ts';
import { describeTransports, transportsOf } from './messaging/transports.ts';

export interface PersonaApp {
  http: FastifyInstance;
  core: Core;
  database: PersonaDatabase;
  bus: EventBus;
  /** The metrics, when METRICS_TOKEN or METRICS_PORT asks for them. */
  metrics: Metrics | undefined;
  /** The migrations this start applied (none when the schema was up to date). */
  migrationsApplied: string[];
  /**
   * Marks the start of a shutdown: every response from now on closes its connection, so that keep-alive clients do
   * not hold the server open once their requests are answered. Call before `http.close()`.
   */
  beginShutdown(): void;
  /** How long ago the last request arrived (a shutdown drains until requests stop coming). */
  msSinceLastRequest(): number;
}

export interface BuildOptions {
  /** Pino options or false; defaults to JSON lines at the configured level on stdout. */
  logger?: boolean | object;
  /** Where start-up reports that it is waiting for the database; stderr by default. */
  startupLog?: (message: string) => void;
}

/**
 * Opens the database, runs migrations, wires the core, registers every face and starts the job runner. Never
 * listens: `server.ts` does, and tests call `http.inject()` or listen on a port of their own. Closing `http` stops the
 * runner and closes the bus and the database.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<PersonaApp> {
  // Metrics cost a little on every request and query: they are kept only when something can read them.
  const metrics = config.metricsToken !== undefined || config.metricsPort !== undefined ? new Metrics() : undefined;
  let database: PersonaDatabase;
  try {
    database = openDatabase({
      ...(metrics ? { onQuery: (durationMs: number) => metrics.observeQuery(durationMs) } : {}),
      url: config.databaseUrl,
      schema: config.databaseSchema,
      sqliteSynchronous: config.sqliteSynchronous,
      poolSize: config.databasePoolSize,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
    });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw (
      explainStorageFault(error, config.databaseUrl) ??
      new StartupError(`DATABASE_URL=${config.databaseUrl}: cannot open the database (${reason}): fix the path`)
    );
  }
  let bus: EventBus | undefined;
  let migrationsApplied: string[];
  try {
    await waitForDatabase(database, config.databaseUrl, {
      maxWaitMs: config.databaseStartupWaitMs,
      pingTimeoutMs: config.databaseConnectTimeoutMs + 1000,
      log: options.startupLog ?? ((message) => console.error(`persona: ${message}`)),
    });
    migrationsApplied = await migrateToLatest(database);
    await checkWritable(database, config.databaseUrl);
    bus = database.postgres
      ? await PostgresEventBus.connect(database.postgres, database.schema)
      : new InProcessEventBus();
  } catch (error) {
    await database.close();
    throw explainStorageFault(error, config.databaseUrl) ?? error;
  }

  // Errors and unknown paths answer in the shape of the face whose prefix the path has, whichever plugin met them,
  // and so do errors met before routing (a bad %-escape, a request Node's parser refuses).
  const faceOf = faceByPrefix(faces);
  // Node's parser errors come with a socket only: they are logged through the app's logger once it exists.
  let clientLog: FastifyBaseLogger | undefined;
  const http = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    logController,
    bodyLimit: config.bodyLimitBytes,
    // Fastify's overloads need one member of the union: proxy-addr takes a list, and a hop count as a number.
    trustProxy: config.trustProxy as string[],
    // A path names users by address (`EMAIL:` + up to 254 characters); the router's default caps a parameter at 100.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    ...requestIdOptions,
    frameworkErrors: (error, request, reply) => handlerOf(faceOf(request.url))(error, request, reply),
    clientErrorHandler: (error, socket) => answerClientError(error, socket, (url) => handlerOf(faceOf(url)), clientLog),
  }).withTypeProvider<TypeBoxTypeProvider>();
  clientLog = http.log;
  bus.reportHandlerErrorsTo((error, event) =>
    http.log.error({ err: error, event: typeof event === 'string' ? event : event.type }, 'event handler failed'),
  );
  const caches = (maxBytes: number) => ({ maxBytes, ttlMs: config.cacheTtlMs });
  const transports = transportsOf(config.messaging);
  const core = createCore(database, bus, {
    caches: {
      apps: caches(config.cacheBytes.apps),
      users: caches(config.cacheBytes.users),
      tokens: caches(config.cacheBytes.tokens),
      catalogues: caches(config.cacheBytes.catalogues),
      profiles: caches(config.cacheBytes.profiles),
    },
    expiredTokenRetentionMs: config.expiredTokenRetentionMs,
    jobs: config.jobs,
    workerThreads: config.workerThreads,
    recommender: { ...config.recommender, cacheTtlMs: config.cacheTtlMs },
    hashing: config.hashing,
    streams: config.streams,
    messaging: { transports, publicUrl: config.messaging.publicUrl },
    log: http.log,
  });
  for (const line of describeTransports(transports)) http.log.info({ messaging: true }, line);

  // Holds at most 4,096 answers (each a parsed request); past it refusals are answered at once.
  const refusals = new RefusalLane({ perTurn: config.refusalsPerTurn, maxWaiting: 4096 });
  // The console's charts: this instance's last ten minutes, kept whether or not metrics are.
  const traffic = new RecentTraffic();
  http.addHook('onResponse', (_request, reply, done) => {
    traffic.observeRequest(reply.elapsedTime);
    done();
  });
  if (metrics) {
    metrics.watch(core, database, bus, refusals);
    http.addHook('onResponse', (request, reply, done) => {
      metrics.observeRequest(request, reply);
      done();
    });
    if (config.metricsToken) registerMetricsRoute(http, metrics, config.metricsToken);
  }

  http.setErrorHandler((error, request, reply) => {
    const fault = storageFaultOf(error);
    if (fault) request.log.error({ err: error, cause: fault }, `the database's storage failed: ${fault}`);
    else if (isDatabaseUnavailable(error)) request.log.warn({ err: error }, 'the database did not answer');
    const classified = classifyError(error);
    noteErrorCode(
      request,
      classified.kind === 'core'
        ? classified.error.code
        : classified.kind === 'http'
          ? `http_${classified.status}`
          : 'internal',
    );
    if (classified.kind === 'core') {
      metrics?.coreErrorAnswered(classified.error.code);
      const { code } = classified.error;
      if (code === 'invalid_grant' || code === 'wrong_password') traffic.logInFailed();
      else if (code === 'too_many_attempts' || code === 'rate_limited') traffic.refused();
      const { retryAfterSeconds } = classified.error.details;
      if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    }
    const answer = handlerOf(faceOf(request.url));
    if (classified.kind === 'core' && isRefusal(classified.error)) {
      // The reply is a thenable that settles once the answer is written: Fastify then sends nothing more.
      return refusals.turn().then(() => answer(error, request, reply));
    }
    return answer(error, request, reply);
  });
  // A known path asked with another method is 405 with the methods it has, not 404.
  const routeMethods = new RouteMethods();
  http.addHook('onRoute', (route) => routeMethods.add(route.method, route.url));
  http.setNotFoundHandler((request, reply) => {
    const allowed = routeMethods.of(request.url);
    if (allowed.length > 0) {
      noteErrorCode(request, 'http_405');
      reply.header('allow', allowed.join(', '));
      return handlerOf(faceOf(request.url))(methodNotAllowedError(request, allowed), request, reply);
    }
    noteErrorCode(request, 'http_404');
    return handlerOf(faceOf(request.url))(notFoundError(request), request, reply);
  });
  http.setValidatorCompiler(validatorCompiler);
  registerContentTypes(http);
  registerCorrelationHeader(http);
  registerRateLimitHeaders(http);
  await registerOpenApi(http);

  let shuttingDown = false;
  let lastRequestAt = 0;
  http.addHook('onRequest', (_request, _reply, done) => {
    lastRequestAt = Date.now();
    done();
  });
  http.addHook('onSend', (_request, reply, payload, done) => {
    if (shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });

  http.get(
    '/healthz',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getHealth',
        summary: 'The process is up',
        security: [],
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' }),
  );
  http.get(
    '/readyz',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getReadiness',
        summary: 'The database answers (within READY_TIMEOUT_MS) and can take a write',
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      // A shutting-down instance asks its load balancer for no more requests.
      if (shuttingDown) return reply.status(503).send({ status: 'shutting down' });
      const deadline = Date.now() + config.readyTimeoutMs;
      if (!(await database.ping(config.readyTimeoutMs))) return reply.status(503).send({ status: 'unavailable' });
      // A database that answers but cannot store anything (disk full, read-only) says why.
      const cause = await database.storage.writeFault(Math.max(0, deadline - Date.now()));
      return reply.status(cause ? 503 : 200).send(cause ? { status: 'unavailable', cause } : { status: 'ok' });
    },
  );

  for (const face of faces)
    await http.register(face.routes, {
      prefix: face.routePrefix,
      core,
      bulkBodyLimitBytes: config.bulkBodyLimitBytes,
      traffic,
    });

  const openBus = bus;
  // Live streams never finish by themselves: they are ended before the server waits for its requests to finish.
  http.addHook('preClose', async () => {
    core.notificationStreams.closeAll('shutdown');
  });
  http.addHook('onClose', async () => {
    core.notificationStreams.stop();
    await core.jobRunner.stop();
    await core.messaging.close();
    await core.workers.close();
    await openBus.close();
    await database.close();
  });
  await http.ready();
  core.jobRunner.start();
  const beginShutdown = () => {
    shuttingDown = true;
  };
  const msSinceLastRequest = () => Date.now() - lastRequestAt;
  return { http, core, database, bus, migrationsApplied, beginShutdown, msSinceLastRequest, metrics };
}

const Health = Type.Object({
  status: Type.String({ description: '`ok`, `unavailable` or `shutting down`' }),
  cause: Type.Optional(StorageFaultCause),
});

type ErrorHandler = (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** Paths outside every face (operations, unknown roots) answer in Persona's own problem+json, as the admin API does. */
const handlerOf = (face: Face | undefined): ErrorHandler => face?.handleError ?? handleAdminError;
