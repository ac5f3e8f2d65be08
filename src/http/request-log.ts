import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

export const correlationHeader = 'x-correlation-id';

/** Takes the caller's correlation id when it looks like one, else makes one. */
export const requestIdOptions: Pick<FastifyServerOptions, 'genReqId' | 'requestIdHeader' | 'requestIdLogLabel'> = {
  requestIdHeader: false,
  requestIdLogLabel: 'correlationId',
  genReqId: (request) => {
    const given = request.headers[correlationHeader];
    return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  },
};

/** Echoes the correlation id and logs one JSON line per request with method, route, status and duration. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(correlationHeader, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
  });
}
