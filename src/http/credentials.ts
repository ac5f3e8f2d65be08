import type { FastifyRequest } from 'fastify';

/** The bearer token of the request, if any (the scheme is matched case-insensitively, as some SDKs send `bearer`). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}
