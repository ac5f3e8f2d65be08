import { LRUCache } from 'lru-cache';

/**
 * What this instance already refused, and until when: a throttled pair, a locked account or address, a spent
 * rate-limit window. A flood of attempts that were refused once is refused again from memory, without a statement,
 * so it costs the database nothing. It is only ever a shortcut to an answer the database would give: the state it
 * remembers can only end at its time (nothing shortens a lock or a spent window), and another instance that has not
 * seen it asks the database. Bounded by entries (about 200 bytes each); the least recently used go first.
 */
export class RefusalMemo {
  readonly #until: LRUCache<string, number>;

  constructor(maxEntries = 50_000) {
    this.#until = new LRUCache<string, number>({ max: maxEntries, ttlAutopurge: false });
  }

  /** Until when `key` is refused, if it is now. */
  refusedUntil(key: string, now = Date.now()): number | undefined {
    const until = this.#until.get(key);
    return until !== undefined && until > now ? until : undefined;
  }

  remember(key: string, until: number, now = Date.now()): void {
    if (until > now) this.#until.set(key, until, { ttl: until - now });
  }

  get size(): number {
    return this.#until.size;
  }
}
