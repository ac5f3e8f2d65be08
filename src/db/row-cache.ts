import { LRUCache } from 'lru-cache';
import type { EventBus, PersonaEvent } from '../events/bus.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** Stands in the LRU for an entry that was dropped (see `RowCache.#forget`); reads take it for absent. */
const dropped: unique symbol = Symbol('dropped');
type Dropped = typeof dropped;
/**
 * An entry as the LRU holds it: the value and the tags it was filed under, computed once when it was stored, so that
 * sizing, filing and unfiling it use the same strings (whose hashes V8 then computes once) and call `tagsOf` once.
 */
interface Filed<V> {
  readonly value: V;
  readonly tags: readonly string[];
}
/** Stands in the tag index for a tag that no entry has now (see `RowCache.#untag`). */
const unused: unique symbol = Symbol('unused');
type Unused = typeof unused;
const noTags: readonly string[] = [];

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
  /** Tags that entries have, and the entries filed under them. */
  tags: number;
  taggedKeys: number;
  /** Slots of the tag index, unused ones included: at most about twice `tags`. */
  tagSlots: number;
  /** Reads answered from the cache, and reads that had to load, since start (reads in a unit of work count neither). */
  hits: number;
  misses: number;
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
 * uncommitted writes); and nothing is read from or stored into it while the bus is not live, since an event may be
 * on its way (the bus bounds how late one can be) or missed.
 */
export class RowCache<V extends object> {
  readonly #entries: LRUCache<string, Filed<V> | Dropped> | undefined;
  /** Entries that hold `dropped`, so that `stats` counts only live ones. */
  #droppedCount = 0;
  /**
   * Tag → the key filed under it, or the keys when several are (most tags, such as ids, name one entry), or `unused`
   * for a tag that no entry has now (see `#untag`).
   */
  #tags = new Map<string, string | Set<string> | Unused>();
  #unusedTags = 0;
  readonly #options: RowCacheOptions<V>;
  readonly #bus: EventBus;
  readonly #unitOfWork: UnitOfWork;
  #epoch = 0;
  #hits = 0;
  #misses = 0;

  constructor(options: RowCacheOptions<V>, bus: EventBus, unitOfWork: UnitOfWork) {
    this.#options = options;
    this.#bus = bus;
    this.#unitOfWork = unitOfWork;
    if (options.maxBytes > 0) {
      this.#entries = new LRUCache<string, Filed<V> | Dropped>({
        maxSize: options.maxBytes,
        ttl: options.ttlMs,
        sizeCalculation: (filed, key) => (filed === dropped ? key.length * 2 + 64 : this.#sizeOf(key, filed)),
        dispose: (filed, key) => {
          if (filed === dropped) this.#droppedCount--;
          else this.#untag(key, filed.tags);
        },
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
    if (!entries || !this.#answers()) return load();
    const cached = entries.get(key);
    if (cached !== undefined && cached !== dropped) {
      this.#hits++;
      return cached.value;
    }
    this.#misses++;
    const epoch = this.#epoch;
    const value = await load();
    if (value !== undefined && epoch === this.#epoch && this.#answers()) {
      this.#store(entries, key, value);
    }
    return value;
  }

  /**
   * The values under `keys`, as `read` gives them, with one `load` for every key the cache does not hold (a page of
   * rows that each name a movie). Keys that `load` does not answer are absent from the result and are not cached.
   */
  async readMany(
    keys: readonly string[],
    load: (missing: string[]) => Promise<Map<string, V>>,
  ): Promise<Map<string, V>> {
    const entries = this.#entries;
    if (!entries || !this.#answers()) return load([...new Set(keys)]);
    const found = new Map<string, V>();
    const missing = new Set<string>();
    for (const key of keys) {
      if (found.has(key) || missing.has(key)) continue;
      const cached = entries.get(key);
      if (cached !== undefined && cached !== dropped) {
        found.set(key, cached.value);
        this.#hits++;
      } else {
        missing.add(key);
        this.#misses++;
      }
    }
    if (missing.size === 0) return found;
    const epoch = this.#epoch;
    const loaded = await load([...missing]);
    const storable = epoch === this.#epoch && this.#answers();
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (storable) this.#store(entries, key, value);
    }
    return found;
  }

  /** The cache's epoch, for `offer`: taken before a read whose result is offered after it. */
  mark(): number {
    return this.#epoch;
  }

  /**
   * Stores a value that was read elsewhere than through `read` (a row joined to another), under the same rules: only
   * when nothing was dropped since `mark` was taken before the read, and the cache may answer now. An entry already
   * held is kept (it is as fresh).
   */
  offer(key: string, value: V, mark: number): void {
    const entries = this.#entries;
    if (!entries || mark !== this.#epoch || !this.#answers()) return;
    const held = entries.peek(key);
    if (held !== undefined && held !== dropped) return;
    this.#store(entries, key, value);
  }

  /**
   * Whether the cache may answer now: not inside a unit of work (its reads may see uncommitted writes), and not while
   * the bus is not live (an event committed more than the bus's bound ago may not have been heard yet).
   */
  #answers(): boolean {
    return !this.#unitOfWork.inTransaction && this.#bus.live;
  }

  /** Forgets one entry; reads in flight will not store theirs. */
  drop(key: string): void {
    this.#epoch++;
    this.#forget(key);
  }

  /** Forgets every entry filed under `tag`. */
  dropTag(tag: string): void {
    this.#epoch++;
    const filed = this.#tags.get(tag);
    if (filed === undefined || filed === unused) return;
    for (const key of typeof filed === 'string' ? [filed] : [...filed]) this.#forget(key);
  }

  clear(): void {
    this.#epoch++;
    this.#entries?.clear();
    this.#tags.clear();
    this.#unusedTags = 0;
    this.#droppedCount = 0;
  }

  /**
   * Replaces a live entry with `dropped` rather than deleting its key. A V8 `Map` from which one key is deleted and
   * re-added over and over (a user updated again and again) keeps every deleted copy in that key's hash chain until
   * the table is rebuilt, and look-ups of the key slow down with each: with 50,000 entries, to some 40 µs after
   * 40,000 rounds. Overwriting keeps the key where it is; the LRU evicts the placeholder like any entry.
   */
  #forget(key: string): void {
    const entries = this.#entries;
    if (!entries?.has(key) || entries.peek(key) === dropped) return;
    entries.set(key, dropped);
    this.#droppedCount++;
  }

  /** How much the cache holds, for tests and metrics: entries, their estimated bytes, and the tag index's size. */
  get stats(): CacheStats {
    let taggedKeys = 0;
    for (const keys of this.#tags.values()) {
      if (keys !== unused) taggedKeys += typeof keys === 'string' ? 1 : keys.size;
    }
    return {
      entries: (this.#entries?.size ?? 0) - this.#droppedCount,
      bytes: this.#entries?.calculatedSize ?? 0,
      maxBytes: this.#options.maxBytes,
      tags: this.#tags.size - this.#unusedTags,
      tagSlots: this.#tags.size,
      taggedKeys,
      hits: this.#hits,
      misses: this.#misses,
    };
  }

  /** Stores the value and files it under its tags, unless the LRU refused it (larger than the whole bound). */
  #store(entries: LRUCache<string, Filed<V> | Dropped>, key: string, value: V): void {
    const filed: Filed<V> = { value, tags: this.#options.tagsOf?.(value) ?? noTags };
    entries.set(key, filed);
    if (filed.tags.length > 0 && entries.peek(key) === filed) for (const tag of filed.tags) this.#tag(tag, key);
  }

  #sizeOf(key: string, filed: Filed<V>): number {
    // Strings are UTF-16 in memory; each tag costs its text and a slot in the index; the wrapper about 32 bytes.
    let bytes = this.#options.sizeOf(filed.value) + key.length * 2 + 32;
    for (const tag of filed.tags) bytes += tag.length * 2 + 64;
    return Math.max(1, bytes);
  }

  #tag(tag: string, key: string): void {
    const filed = this.#tags.get(tag);
    if (filed === undefined || filed === unused || filed === key) {
      if (filed === unused) this.#unusedTags--;
      this.#tags.set(tag, key);
    } else if (typeof filed === 'string') this.#tags.set(tag, new Set([filed, key]));
    else filed.add(key);
  }

  /**
   * Unfiles an entry. A tag no entry has any more is marked `unused` rather than deleted, for the reason `#forget`
   * gives (a user's tag comes and goes with its tokens); when the unused tags outnumber the rest, the map is rebuilt
   * without them, so that it stays bounded by the entries.
   */
  #untag(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const filed = this.#tags.get(tag);
      if (filed === key) {
        this.#tags.set(tag, unused);
        this.#unusedTags++;
      } else if (typeof filed === 'object') {
        filed.delete(key);
        if (filed.size === 1) this.#tags.set(tag, filed.values().next().value as string);
      }
    }
    if (this.#unusedTags > 1024 && this.#unusedTags * 2 > this.#tags.size) {
      const kept = new Map<string, string | Set<string> | Unused>();
      for (const [tag, filed] of this.#tags) if (filed !== unused) kept.set(tag, filed);
      this.#tags = kept;
      this.#unusedTags = 0;
    }
  }
}
