/**
 * A bounded per-instance cache whose entries other instances invalidate through the event bus. Entries are trusted
 * for `maxTrustMs` at most, a bound on the harm of an invalidation that never arrives. Every drop advances an epoch;
 * a value looked up before a drop is not stored after it, so a look-up racing an invalidation cannot bring back what
 * the invalidation removed.
 */
export class InstanceCache<V> {
  readonly #entries = new Map<string, { value: V; trustedUntil: number }>();
  readonly #maxEntries: number;
  readonly #maxTrustMs: number;
  #epoch = 0;

  constructor(maxEntries: number, maxTrustMs = 60_000) {
    this.#maxEntries = maxEntries;
    this.#maxTrustMs = maxTrustMs;
  }

  /** A value to hand back to `set`, taken before the look-up of what will be stored starts. */
  get epoch(): number {
    return this.#epoch;
  }

  /** The cached value, or undefined when absent or no longer trusted. */
  get(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now < entry.trustedUntil) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Stores the value unless something was dropped since `epochAtLookup`; returns whether it did. */
  set(key: string, value: V, epochAtLookup: number, now: number): boolean {
    if (this.#maxEntries <= 0 || epochAtLookup !== this.#epoch) return false;
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, trustedUntil: now + this.#maxTrustMs });
    return true;
  }

  /** Removes a key; returns what it held. */
  drop(key: string): V | undefined {
    this.#epoch++;
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    return entry?.value;
  }

  /** Removes these keys; the epoch advances even when none was cached, so look-ups in flight store nothing. */
  dropAll(keys: Iterable<string>): void {
    this.#epoch++;
    for (const key of keys) this.#entries.delete(key);
  }

  clear(): void {
    this.#epoch++;
    this.#entries.clear();
  }
}
