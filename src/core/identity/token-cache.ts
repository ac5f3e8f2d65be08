import type { EventBus } from '../../events/bus.ts';
import { InstanceCache } from '../instance-cache.ts';
import type { AuthenticatedPrincipal } from '../principal.ts';

/**
 * Token hash → principal, per instance, so that an authenticated request costs no token query. Revocations from
 * every instance drop entries: a user's whole set, or single tokens.
 */
export class TokenCache {
  readonly #principals: InstanceCache<AuthenticatedPrincipal>;
  readonly #hashesByUser = new Map<string, Set<string>>();

  constructor(maxEntries: number) {
    this.#principals = new InstanceCache(maxEntries);
  }

  /** Wires the cache to the bus: user and token revocations and lost deliveries drop entries. */
  listen(bus: EventBus): void {
    bus.subscribe((event) => {
      if (event.type === 'identity.user-tokens-revoked') this.dropUser(event.appId, event.userId);
      else if (event.type === 'identity.tokens-revoked') for (const hash of event.tokenHashes) this.dropToken(hash);
    });
    bus.onGap(() => this.clear());
  }

  get epoch(): number {
    return this.#principals.epoch;
  }

  get(tokenHash: string, now: number): AuthenticatedPrincipal | undefined {
    const principal = this.#principals.get(tokenHash, now);
    if (principal && now >= principal.expiresAt) {
      this.dropToken(tokenHash);
      return undefined;
    }
    return principal;
  }

  set(tokenHash: string, principal: AuthenticatedPrincipal, epochAtLookup: number, now: number): void {
    if (!this.#principals.set(tokenHash, principal, epochAtLookup, now) || principal.kind !== 'user') return;
    const key = userKey(principal.appId, principal.userId);
    const hashes = this.#hashesByUser.get(key) ?? new Set<string>();
    hashes.add(tokenHash);
    this.#hashesByUser.set(key, hashes);
  }

  dropUser(appId: string, userId: string): void {
    const key = userKey(appId, userId);
    this.#principals.dropAll(this.#hashesByUser.get(key) ?? []);
    this.#hashesByUser.delete(key);
  }

  dropToken(tokenHash: string): void {
    const principal = this.#principals.drop(tokenHash);
    if (principal?.kind !== 'user') return;
    const key = userKey(principal.appId, principal.userId);
    const hashes = this.#hashesByUser.get(key);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.#hashesByUser.delete(key);
  }

  clear(): void {
    this.#principals.clear();
    this.#hashesByUser.clear();
  }
}

export function userKey(appId: string, userId: string): string {
  return `${appId}/${userId}`;
}
