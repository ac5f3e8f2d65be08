import type { EventBus } from '../../events/bus.ts';
import type { AuthenticatedPrincipal } from '../principal.ts';

interface Entry {
  principal: AuthenticatedPrincipal;
  /** The entry is trusted until then even if no invalidation arrives: a bound on any missed event. */
  trustedUntil: number;
}

/**
 * Token-hash → principal, per instance. Entries are dropped by revocation events from every instance; an epoch
 * counter keeps a look-up that raced with a revocation from re-inserting what the revocation removed.
 */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #hashesByUser = new Map<string, Set<string>>();
  #epoch = 0;

  readonly #maxEntries: number;
  readonly #maxTrustMs: number;

  constructor(maxEntries: number, maxTrustMs = 60_000) {
    this.#maxEntries = maxEntries;
    this.#maxTrustMs = maxTrustMs;
  }

  /** Wires the cache to the bus: user and token revocations and lost deliveries drop entries. */
  listen(bus: EventBus): void {
    bus.subscribe((event) => {
      if (event.type === 'identity.user-tokens-revoked') this.dropUser(event.appId, event.userId);
      else if (event.type === 'identity.tokens-revoked') for (const hash of event.tokenHashes) this.dropToken(hash);
    });
    bus.onGap(() => this.clear());
  }

  /** A value to hand back to `set`, taken before the database look-up starts. */
  get epoch(): number {
    return this.#epoch;
  }

  get(tokenHash: string, now: number): AuthenticatedPrincipal | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (now >= entry.trustedUntil || now >= entry.principal.expiresAt) {
      this.dropToken(tokenHash);
      return undefined;
    }
    return entry.principal;
  }

  set(tokenHash: string, principal: AuthenticatedPrincipal, epochAtLookup: number, now: number): void {
    if (this.#maxEntries <= 0 || epochAtLookup !== this.#epoch) return;
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.dropToken(oldest);
    }
    this.#entries.set(tokenHash, { principal, trustedUntil: now + this.#maxTrustMs });
    if (principal.kind === 'user') {
      const key = userKey(principal.appId, principal.userId);
      const hashes = this.#hashesByUser.get(key) ?? new Set<string>();
      hashes.add(tokenHash);
      this.#hashesByUser.set(key, hashes);
    }
  }

  dropUser(appId: string, userId: string): void {
    this.#epoch++;
    const key = userKey(appId, userId);
    for (const hash of this.#hashesByUser.get(key) ?? []) this.#entries.delete(hash);
    this.#hashesByUser.delete(key);
  }

  dropToken(tokenHash: string): void {
    this.#epoch++;
    const entry = this.#entries.get(tokenHash);
    if (!entry) return;
    this.#entries.delete(tokenHash);
    if (entry.principal.kind === 'user') {
      const key = userKey(entry.principal.appId, entry.principal.userId);
      const hashes = this.#hashesByUser.get(key);
      hashes?.delete(tokenHash);
      if (hashes?.size === 0) this.#hashesByUser.delete(key);
    }
  }

  clear(): void {
    this.#epoch++;
    this.#entries.clear();
    this.#hashesByUser.clear();
  }
}

function userKey(appId: string, userId: string): string {
  return `${appId}/${userId}`;
}
