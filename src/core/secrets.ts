import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret (token, app key, client secret). A slow hash buys nothing for 256 random bits,
 * and lookups by hash must be fast; passwords use `passwords.ts` instead. Every request with a token hashes it (the
 * token cache is keyed by the hash, so that no secret is kept in memory): the one-shot `hash` costs about a third of a
 * `createHash` object's update and digest.
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** Compares a secret with a stored hash in time independent of where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
