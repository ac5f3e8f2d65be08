import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CoreError } from '../../core/errors.ts';

/** The cookie that holds the console's admin token; scoped to the console's paths. */
export const sessionCookie = 'persona_console';
const cookiePath = '/console';

/** The admin token the request's console cookie holds, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== sessionCookie) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? undefined : value;
  }
  return undefined;
}

/**
 * Stores the admin token in the console's cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's
 * page sends it), `Secure` when the request came over TLS (as the proxies trusted by TRUST_PROXY say), and living no
 * longer than the token.
 */
export function setSession(request: FastifyRequest, reply: FastifyReply, token: string, expiresInSeconds: number) {
  reply.header('set-cookie', cookie(request, token, Math.max(0, Math.floor(expiresInSeconds))));
}

/** Tells the browser to forget the console's cookie. */
export function clearSession(request: FastifyRequest, reply: FastifyReply) {
  reply.header('set-cookie', cookie(request, '', 0));
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${sessionCookie}=${value}; Path=${cookiePath}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
}

/**
 * The form token of a console session: derived from the admin token the cookie holds (an HMAC keyed by it), so it is
 * bound to that session, ends with it, needs no storage, and cannot be computed by a page that cannot read the cookie.
 */
export function csrfTokenOf(adminToken: string): string {
  return createHmac('sha256', adminToken).update('persona-console-form').digest('base64url');
}

/** Refuses a change whose form does not carry the session's form token (403, and nothing is done). */
export function checkCsrfToken(adminToken: string, sent: unknown): void {
  const expected = Buffer.from(csrfTokenOf(adminToken));
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CoreError('forbidden', 'The form was not sent from this console session; reload the page and try again');
  }
}

/**
 * Refuses a change sent from a page of another origin: browsers send `Origin` on every POST (`Referer` is the
 * fallback when a privacy setting removed it). A request with neither still needs the form token.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  const own = `${request.protocol}://${request.host}`;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin !== own) throw crossOrigin();
    return;
  }
  const referer = request.headers.referer;
  if (referer === undefined) return;
  let refererOrigin: string;
  try {
    refererOrigin = new URL(referer).origin;
  } catch {
    throw crossOrigin();
  }
  if (refererOrigin !== own) throw crossOrigin();
}

const crossOrigin = () => new CoreError('forbidden', 'Changes are taken only from the console’s own pages');
