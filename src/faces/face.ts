import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/core.ts';
import type { CoreErrorCode } from '../core/errors.ts';
import type { RecentTraffic } from '../http/recent-traffic.ts';

/**
 * A face: one API dialect over the core. It claims the path prefixes it serves, so that errors and unknown paths under
 * them are answered in its own shape (`app.ts` dispatches by longest prefix), and maps every core error code.
 */
/** What a face's routes are given: the core, and the limits that differ by route. */
export interface FaceOptions {
  core: Core;
  bulkBodyLimitBytes: number;
  /** This instance's recent requests, log-in failures and refusals (the console's charts). */
  traffic: RecentTraffic;
}

export interface Face {
  name: string;
  /** Path prefixes whose errors and unknown paths this face answers (`/api`; a face at the root lists its own). */
  prefixes: string[];
  /** Every core error code, as this face answers it (a test proves the table is complete). */
  errors: Record<CoreErrorCode, { status: number }>;
  handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** Registers the routes, under `routePrefix`. */
  routes(app: FastifyInstance, options: FaceOptions): Promise<void>;
  routePrefix: string;
}
