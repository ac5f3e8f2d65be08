import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Config } from './config.ts';
import { type Core, createCore } from './core/core.ts';
import { openDatabase, type PersonaDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type EventBus, InProcessEventBus } from './events/bus.ts';
import { PostgresEventBus } from './events/postgres-bus.ts';
import { handleAdminError } from './faces/admin/errors.ts';
import { adminFace } from './faces/admin/routes.ts';
import { kiiFace } from './faces/kii/routes.ts';
import { notFoundError } from './http/classify-error.ts';
import { registerContentTypes } from './http/content-types.ts';
import { registerOpenApi } from './http/openapi.ts';
import { logController, registerCorrelationHeader, requestIdOptions } from './http/request-log.ts';
import { validatorCompiler } from './http/validation.ts';

export interface PersonaApp {
  http: FastifyInstance;
  core: Core;
  database: PersonaDatabase;
  bus: EventBus;
}

export interface BuildOptions {
  /** Pino options or false; defaults to JSON lines at the configured level on stdout. */
  logger?: boolean | object;
}

/**
 * Opens the database, runs migrations, wires the core and registers every face. Never listens: `server.ts` does,
 * and tests call `http.inject()` or listen on a port of their own. Closing `http` closes the bus and database.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<PersonaApp> {
  const database = openDatabase({
    url: config.databaseUrl,
    schema: config.databaseSchema,
    sqliteSynchronous: config.sqliteSynchronous,
    poolSize: config.databasePoolSize,
  });
  let bus: EventBus | undefined;
  try {
    await migrateToLatest(database);
    bus = database.postgres ? await PostgresEventBus.connect(database.postgres) : new InProcessEventBus();
  } catch (error) {
    await database.close();
    throw error;
  }
  const core = createCore(database, bus, {
    tokenCacheSize: config.tokenCacheSize,
    userCacheSize: config.userCacheSize,
  });

  const http = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    logController,
    bodyLimit: config.bodyLimitBytes,
    // A path names users by address (`EMAIL:` + up to 254 characters); the router's default caps a parameter at 100.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    ...requestIdOptions,
  }).withTypeProvider<TypeBoxTypeProvider>();
  http.setValidatorCompiler(validatorCompiler);
  registerContentTypes(http);
  registerCorrelationHeader(http);
  await registerOpenApi(http);
  http.setErrorHandler(handleAdminError);
  http.setNotFoundHandler((request, reply) => handleAdminError(notFoundError(request), request, reply));

  http.get(
    '/healthz',
    { schema: { tags: ['Operations'], summary: 'The process is up', response: { 200: Health } } },
    async () => ({
      status: 'ok',
    }),
  );
  http.get(
    '/readyz',
    { schema: { tags: ['Operations'], summary: 'The database answers', response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const ready = await database.db
        .selectFrom('apps')
        .select('id')
        .limit(1)
        .execute()
        .then(
          () => true,
          () => false,
        );
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable' });
    },
  );

  await http.register(kiiFace, { prefix: '/api', core });
  await http.register(adminFace, { prefix: '/admin/v1', core });

  // Expired tokens are useless rows; every instance sweeps now and then (a no-op when another just did).
  const sweep = setInterval(() => {
    core.identity.sweepExpiredTokens().catch((error: unknown) => http.log.warn({ err: error }, 'token sweep failed'));
  }, tokenSweepIntervalMs);
  sweep.unref();

  const openBus = bus;
  http.addHook('onClose', async () => {
    clearInterval(sweep);
    await openBus.close();
    await database.close();
  });
  await http.ready();
  return { http, core, database, bus };
}

const Health = Type.Object({ status: Type.String() });

const tokenSweepIntervalMs = 10 * 60 * 1000;
