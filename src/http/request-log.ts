import { randomUUID } from 'node:crypto';
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';

export const correlationHeader = 'x-correlation-id';

/** Takes the caller's correlation id when it looks like one, else makes one. */
export const requestIdOptions: Pick<FastifyServerOptions, 'genReqId' | 'requestIdHeader'> = {
  requestIdHeader: false,
  genReqId: (request) => {
    const given = request.headers[correlationHeader];
    return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
  },
};

/** The error code each failed request was answered with, for its log line. */
const errorCodes = new WeakMap<FastifyRequest, string>();

/** Notes the error code a request is answered with (the core's code, or `http_<status>`, or `internal`). */
export function noteErrorCode(request: FastifyRequest, code: string): void {
  errorCodes.set(request, code);
}

/**
 * The app a request speaks for, as it claims it (the log is not the place to check it): the app id of a
 * `<appId>.<secret>` token, the Kii path or header.
 */
function claimedAppId(request: FastifyRequest): string | null {
  const params = request.params as { appId?: unknown } | undefined;
  if (typeof params?.appId === 'string') return params.appId.slice(0, 64);
  const header = request.headers['x-kii-appid'];
  if (typeof header === 'string') return header.slice(0, 64);
  const credential = request.headers.authorization ?? request.headers.token ?? request.headers['nv-authorizations'];
  const token =
    typeof credential === 'string' ? /^(?:Bearer\s+)?([^.\s]{1,64})\.\S+$/i.exec(credential)?.[1] : undefined;
  return token ?? null;
}

/** One JSON line per request, written when it completes, instead of Fastify's two. */
class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'correlationId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Built only when it will be written: under a flood of refused requests at `warn` it was a cost of each.
    if (!error && !(reply.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info')) return;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      appId: claimedAppId(request),
      clientAddress: request.ip,
      ...(errorCodes.has(request) ? { errorCode: errorCodes.get(request) } : {}),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

export const logController = new RequestLogController();

/** Echoes the correlation id on every response, errors included. */
export function registerCorrelationHeader(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(correlationHeader, request.id);
    done();
  });
}
