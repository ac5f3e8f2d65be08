import { LRUCache } from 'lru-cache';

/**
 * What this instance already refused, and until when: a throttled pair, a locked account or address, a spent
 * rate-limit window. A flood of attempts that were refused once is refused again from memory, without a statement,
 * so it costs the database nothing. It is only ever a shortcut to an answer the database would give: the state it
 * remembers ends at its time, or when the admin lifts a user's locks (every instance hears of it and `forget`s them;
 * when an instance may have missed it, it forgets everything), and another instance that has not seen it asks the
 * database. Bounded in bytes (keys hold an identifier of up to 400 characters); the least recently
 * used go first.
 */
export class RefusalMemo {
  readonly #until: LRUCache<string, number>;

  constructor(maxBytes = 8 * 1024 * 1024) {
    this.#until = new LRUCache<string, number>({
      maxSize: maxBytes,
      sizeCalculation: (_until, key) => 64 + 2 * key.length,
    });
  }

  /** Until when `key` is refused, if it is now. */
  refusedUntil(key: string, now = Date.now()): number | undefined {
    const until = this.#until.get(key);
    return until !== undefined && until > now ? until : undefined;
  }

  remember(key: string, until: number, now = Date.now()): void {
    if (until > now) this.#until.set(key, until, { ttl: until - now });
  }

  /** Forgets the keys `matches` picks (a lifted lock); goes through every key, so only for rare changes. */
  forget(matches: (key: string) => boolean): void {
    for (const key of [...this.#until.keys()]) if (matches(key)) this.#until.delete(key);
  }

  get size(): number {
    return this.#until.size;
  }

  /** The bytes its entries are counted at, never above the bound. */
  get bytes(): number {
    return this.#until.calculatedSize;
  }
}
