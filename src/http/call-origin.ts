import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallOrigin, Principal } from '../core/principal.ts';

/**
 * The request's origin is kept on the request itself, under a symbol, not in a `WeakMap`: a weak entry per request
 * costs its set and the collector's ephemeron work, about a microsecond a request (measured), where a cached
 * `GET /users/me` takes some thirty.
 */
const originKey = Symbol('persona.callOrigin');
type WithOrigin = FastifyRequest & { [originKey]?: CallOrigin };

/**
 * The client address a request is counted under: `request.ip` (which believes `X-Forwarded-For` only from the proxies
 * TRUST_PROXY names), an IPv4 address mapped into IPv6 as the IPv4 address, and an IPv6 address as its /64 — one
 * subscriber's network, which hands each device many addresses.
 */
export function clientAddressOf(ip: string): string {
  // Most callers come over IPv4: no colon, nothing to map or shorten (and no address regex to run on every request).
  if (!ip.includes(':')) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = ip.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : ip.split(':');
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The request's origin, one object per request, so that what the core reports on it reaches the response. */
export function callOrigin(request: FastifyRequest): CallOrigin {
  let origin = (request as WithOrigin)[originKey];
  if (!origin) {
    origin = { address: clientAddressOf(request.ip) };
    (request as WithOrigin)[originKey] = origin;
  }
  return origin;
}

/** The principal, carrying the request's origin (for throttling, rate limits and the audit log). */
export function fromRequest<P extends Principal>(principal: P, request: FastifyRequest): P {
  const origin = callOrigin(request);
  // A face's authenticate may have attached it already; the principal is not copied again for nothing.
  return principal.origin === origin ? principal : { ...principal, origin };
}

/**
 * Sends the rate-limit state the core reported for the request: `RateLimit-Policy` and `RateLimit` as in the IETF
 * draft (draft-ietf-httpapi-ratelimit-headers, the `limit=, remaining=, reset=` form), on successes and refusals alike.
 */
export function registerRateLimitHeaders(app: FastifyInstance): void {
  // A callback hook, not an async one: an async hook costs every response a promise and a turn of the microtask queue.
  app.addHook('onSend', (request, reply, payload, done) => {
    const state = (request as WithOrigin)[originKey]?.rateLimit;
    if (state) {
      reply.header('ratelimit-policy', `${state.limit};w=${state.windowSeconds}`);
      reply.header('ratelimit', `limit=${state.limit}, remaining=${state.remaining}, reset=${state.resetSeconds}`);
    }
    done(null, payload);
  });
}
