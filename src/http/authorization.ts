import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CoreError } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { fromRequest } from './call-origin.ts';

/**
 * Who may call a route: the kinds of principal it takes, or `credentials` for the routes whose body *is* the
 * credentials (token requests), which authenticate in the core as their work.
 */
export type Callers = readonly Principal['kind'][] | 'credentials';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (`src/http/authorization.ts`); every route of a face says it. */
    callers?: Callers;
  }
}

/** Kept on the request under a symbol rather than in a `WeakMap`, as the origin is (see `call-origin.ts`). */
const principalKey = Symbol('persona.principal');
type WithPrincipal = FastifyRequest & { [principalKey]?: Principal };

/**
 * A face's one authorization hook, registered in the face's plugin before its routes. For every request of a route
 * that names its callers, the face's `authenticate` turns the request's credentials into a principal, and a principal
 * of a kind the route does not take is refused — `unauthenticated` when it proved only the app or nothing,
 * `forbidden` otherwise — before the body is read and before any handler runs, so a refused call can change nothing.
 * Every route must say who may call it: one that does not is a programming error, raised when it is registered.
 * `callers` given here applies to every route of the face that names none (the admin API: the admin only).
 *
 * The core still checks the principal each service is given; this hook is the face's first line, not its only one.
 */
export function authorizeRoutes(
  app: FastifyInstance,
  authenticate: (request: FastifyRequest) => Promise<Principal>,
  options: { callers?: Callers } = {},
): void {
  // A hook of each route, added as the route is registered, rather than one hook of the face that looks the route's
  // callers up on every request: `request.routeOptions` builds a fresh object of a dozen fields at each access, and
  // routes whose body is the credentials run no hook at all. It runs first among the route's own hooks.
  app.addHook('onRoute', (route) => {
    let callers = route.config?.callers;
    if (callers === undefined && options.callers !== undefined) {
      callers = options.callers;
      route.config = { ...route.config, callers };
    }
    if (callers === undefined) throw new Error(`${route.method} ${route.url} does not say who may call it (callers)`);
    if (callers === 'credentials') return;
    const allowed = callers;
    const authorize = async (request: FastifyRequest): Promise<void> => {
      const principal = fromRequest(await authenticate(request), request);
      if (!allowed.includes(principal.kind)) throw refusal(principal, allowed);
      (request as WithPrincipal)[principalKey] = principal;
    };
    const own = route.onRequest;
    route.onRequest = own === undefined ? [authorize] : [authorize, ...(Array.isArray(own) ? own : [own])];
  });
}

/** The principal the face's hook established for this request; only for routes that name their callers. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = (request as WithPrincipal)[principalKey];
  if (!principal) throw new Error(`${request.method} ${request.url}: no principal; does the route name its callers?`);
  return principal;
}

function refusal(principal: Principal, callers: readonly Principal['kind'][]): CoreError {
  if (principal.kind === 'anonymous') {
    return new CoreError('unauthenticated', `This call needs a ${callers.includes('user') ? 'user or ' : ''}token`);
  }
  const principalId = principal.kind === 'user' ? principal.userId : principal.clientId;
  const message =
    callers.length === 1 && callers[0] === 'admin'
      ? 'Only the app admin may do this'
      : principal.kind === 'admin'
        ? 'An admin token has no account of its own; this call needs a user token'
        : 'This call is not for this kind of caller';
  return new CoreError('forbidden', message, { appId: principal.appId, principalId });
}
