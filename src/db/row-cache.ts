import { LRUCache } from 'lru-cache';
import type { EventBus, PersonaEvent } from '../events/bus.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** What an event makes a cache forget: entries by key, and every entry filed under a tag. */
export interface Invalidation {
  keys?: string[];
  tags?: string[];
}

/** How big a cache may grow and how long it trusts an entry: the configuration of each. */
export interface CacheSettings {
  /** Bytes the entries may take in all, as estimated; 0 turns the cache off. */
  maxBytes: number;
  /** How long an entry is trusted at most: a bound on the harm of an invalidation that never arrives. */
  ttlMs: number;
}

/** What a cache holds: entries, their estimated bytes against the bound, and the size of its tag index. */
export interface CacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  tags: number;
  taggedKeys: number;
}

export interface RowCacheOptions<V> extends CacheSettings {
  /** An estimate of the memory an entry holds, in bytes (keys and tags are added to it). */
  sizeOf(value: V): number;
  /** Secondary keys an entry is filed under, so that one event can drop a group (a user's tokens). */
  tagsOf?(value: V): string[];
  /** What an event invalidates; undefined for events this cache does not hold anything of. */
  invalidatedBy(event: PersonaEvent): Invalidation | undefined;
}

/**
 * The one cache primitive: a per-instance, read-through cache of rows, bounded by bytes (an LRU with a TTL), that
 * every instance empties of what the bus says changed. Repositories own one each, for the rows they own, so no writer
 * can forget to invalidate: the write publishes its event in its unit of work, and every instance drops the entries.
 *
 * It stays correct under races: a read that started before a drop does not store its (possibly old) result after it
 * (an epoch advanced by every drop); nothing is read from or stored into the cache inside a unit of work (it may see
 * uncommitted writes); and nothing is stored while the bus is not live, since a missed event could not be undone.
 */
export class RowCache<V extends object> {
  readonly #entries: LRUCache<string, V> | undefined;
  /** Tag → the key filed under it, or the keys when several are (most tags, such as ids, name one entry). */
  readonly #tags = new Map<string, string | Set<string>>();
  readonly #options: RowCacheOptions<V>;
  readonly #bus: EventBus;
  readonly #unitOfWork: UnitOfWork;
  #epoch = 0;

  constructor(options: RowCacheOptions<V>, bus: EventBus, unitOfWork: UnitOfWork) {
    this.#options = options;
    this.#bus = bus;
    this.#unitOfWork = unitOfWork;
    if (options.maxBytes > 0) {
      this.#entries = new LRUCache<string, V>({
        maxSize: options.maxBytes,
        ttl: options.ttlMs,
        sizeCalculation: (value, key) => this.#sizeOf(key, value),
        dispose: (value, key) => this.#untag(key, value),
      });
    }
    bus.subscribe((event) => {
      const invalidation = options.invalidatedBy(event);
      if (!invalidation) return;
      for (const key of invalidation.keys ?? []) this.drop(key);
      for (const tag of invalidation.tags ?? []) this.dropTag(tag);
    });
    bus.onGap(() => this.clear());
  }

  /**
   * The value under `key`: from the cache when it holds it and the caller is outside a unit of work, else from `load`,
   * stored when it was found and nothing was dropped meanwhile. Undefined (not found) is never cached.
   */
  async read(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const entries = this.#entries;
    if (!entries || this.#unitOfWork.inTransaction) return load();
    const cached = entries.get(key);
    if (cached !== undefined) return cached;
    const epoch = this.#epoch;
    const value = await load();
    if (value !== undefined && epoch === this.#epoch && this.#bus.live && !this.#unitOfWork.inTransaction) {
      entries.set(key, value);
      if (entries.has(key)) for (const tag of this.#options.tagsOf?.(value) ?? []) this.#tag(tag, key);
    }
    return value;
  }

  /** Forgets one entry; reads in flight will not store theirs. */
  drop(key: string): void {
    this.#epoch++;
    this.#entries?.delete(key);
  }

  /** Forgets every entry filed under `tag`. */
  dropTag(tag: string): void {
    this.#epoch++;
    const filed = this.#tags.get(tag);
    if (filed === undefined) return;
    for (const key of typeof filed === 'string' ? [filed] : [...filed]) this.#entries?.delete(key);
    this.#tags.delete(tag);
  }

  clear(): void {
    this.#epoch++;
    this.#entries?.clear();
    this.#tags.clear();
  }

  /** How much the cache holds, for tests and metrics: entries, their estimated bytes, and the tag index's size. */
  get stats(): CacheStats {
    let taggedKeys = 0;
    for (const keys of this.#tags.values()) taggedKeys += typeof keys === 'string' ? 1 : keys.size;
    return {
      entries: this.#entries?.size ?? 0,
      bytes: this.#entries?.calculatedSize ?? 0,
      maxBytes: this.#options.maxBytes,
      tags: this.#tags.size,
      taggedKeys,
    };
  }

  #sizeOf(key: string, value: V): number {
    // Strings are UTF-16 in memory; each tag costs its text and a slot in the index.
    const tags = this.#options.tagsOf?.(value) ?? [];
    return Math.max(1, this.#options.sizeOf(value) + key.length * 2 + tags.reduce((n, t) => n + t.length * 2 + 64, 0));
  }

  #tag(tag: string, key: string): void {
    const filed = this.#tags.get(tag);
    if (filed === undefined || filed === key) this.#tags.set(tag, key);
    else if (typeof filed === 'string') this.#tags.set(tag, new Set([filed, key]));
    else filed.add(key);
  }

  #untag(key: string, value: V): void {
    for (const tag of this.#options.tagsOf?.(value) ?? []) {
      const filed = this.#tags.get(tag);
      if (filed === key) this.#tags.delete(tag);
      else if (typeof filed === 'object') {
        filed.delete(key);
        if (filed.size === 1) this.#tags.set(tag, filed.values().next().value as string);
      }
    }
  }
}
