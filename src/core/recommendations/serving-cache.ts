import { LRUCache } from 'lru-cache';
import type { EventBus } from '../../events/bus.ts';
import { decodeModel } from './model/codec.ts';
import type { RecommenderModel } from './model/model.ts';
import type { RecommendationsRepository } from './recommendations.repository.ts';

/**
 * The app's movie catalogue as a request ranks it: every movie at a position (in id order), its title, which movies
 * have each attribute, each ratings body's rating of each movie, and the order of each body's ratings (what a
 * profile's threshold is resolved against).
 */
export interface CatalogueIndex {
  ids: string[];
  titles: string[];
  position: Map<string, number>;
  /** `kind:value` → the positions of the movies that have it. */
  attributes: Map<string, Int32Array>;
  /** Per body: its codes, and per movie position the index of the movie's code (-1: not rated by it). */
  ratings: Map<string, { codes: string[]; codeOf: Int16Array }>;
  /** Per body: each of its ratings with its rank (0 the mildest), whether or not a movie carries it. */
  ranks: Map<string, Map<string, number>>;
}

/** A model as served: its version and, per catalogue index it met, where each movie is in the model. */
export interface ServedModel {
  version: number;
  model: RecommenderModel;
  /** Model item → catalogue position, per catalogue index (the index changes with the catalogue, the model not). */
  positions: WeakMap<CatalogueIndex, Int32Array>;
}

export interface ServingCacheOptions {
  /** Bytes the models and catalogue indexes of all apps may take on this instance. */
  maxBytes: number;
  /** How long a catalogue index is trusted without an event, and how often the newest model version is checked. */
  ttlMs: number;
}

type Entry =
  | { kind: 'catalogue'; index: CatalogueIndex; bytes: number }
  | { kind: 'model'; served: ServedModel | undefined; checkedAt: number; bytes: number };

/**
 * What recommendation requests read on every call, kept on each instance: the catalogue index of each app (dropped
 * when the bus says the app's movies changed) and the newest model of each app (replaced when the bus says a new
 * version was trained, and checked again every `ttlMs` in case that was missed). Bounded by bytes, least recently used
 * first out. A load that started before an event does not store its possibly older result after it.
 */
export class ServingCache {
  readonly #repository: RecommendationsRepository;
  readonly #bus: EventBus;
  readonly #options: ServingCacheOptions;
  readonly #entries: LRUCache<string, Entry>;
  readonly #loading = new Map<string, Promise<unknown>>();
  /** Advanced by every event about a key, so that a load begun before it is not stored. */
  readonly #epochs = new Map<string, number>();

  constructor(repository: RecommendationsRepository, bus: EventBus, options: ServingCacheOptions) {
    this.#repository = repository;
    this.#bus = bus;
    this.#options = options;
    this.#entries = new LRUCache<string, Entry>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
    bus.subscribe((event) => {
      if (event.type === 'catalogue.changed' && event.catalogue === 'movies') this.#forget(`catalogue ${event.appId}`);
      if (event.type === 'model.trained') this.#forget(`model ${event.appId}`);
    });
    bus.onGap(() => {
      for (const key of [...this.#entries.keys()]) this.#forget(key);
    });
  }

  /** The app's catalogue index, from memory or loaded. */
  async catalogue(appId: string): Promise<CatalogueIndex> {
    const key = `catalogue ${appId}`;
    const entry = this.#entries.get(key);
    if (entry?.kind === 'catalogue') return entry.index;
    return this.#once(key, async () => {
      const epoch = this.#epochs.get(key) ?? 0;
      const index = await this.#loadCatalogue(appId);
      this.#store(key, epoch, { kind: 'catalogue', index, bytes: catalogueBytes(index) });
      return index;
    });
  }

  /** The app's newest model, or undefined when it has none yet. */
  async model(appId: string): Promise<ServedModel | undefined> {
    const key = `model ${appId}`;
    const entry = this.#entries.get(key);
    const now = Date.now();
    if (entry?.kind === 'model' && now - entry.checkedAt < this.#options.ttlMs) return entry.served;
    return this.#once(key, async () => {
      const epoch = this.#epochs.get(key) ?? 0;
      const info = await this.#repository.newestModel(appId);
      if (entry?.kind === 'model' && entry.served?.version === info?.version) {
        this.#store(key, epoch, { ...entry, checkedAt: now });
        return entry.served;
      }
      let served: ServedModel | undefined;
      if (info) {
        const bytes = await this.#repository.modelBytes(appId, info.version, info.parts);
        // Pruned between the two reads: a newer version exists, and the next request loads it.
        if (bytes) served = { version: info.version, model: decodeModel(bytes), positions: new WeakMap() };
      }
      this.#store(key, epoch, {
        kind: 'model',
        served,
        checkedAt: now,
        bytes: served ? modelBytes(served.model) : 100,
      });
      return served;
    });
  }

  /** What the cache holds, for tests and metrics. */
  get stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.#entries.size, bytes: this.#entries.calculatedSize, maxBytes: this.#options.maxBytes };
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.#loading.get(key);
    if (pending !== undefined) return pending as Promise<T>;
    const started = load().finally(() => this.#loading.delete(key));
    this.#loading.set(key, started);
    return started;
  }

  #store(key: string, epoch: number, entry: Entry): void {
    if (this.#options.maxBytes <= 0 || !this.#bus.live) return;
    if ((this.#epochs.get(key) ?? 0) !== epoch) return;
    // A catalogue index expires (a missed event's harm is bounded); a model entry is checked by its own clock.
    this.#entries.set(key, entry, entry.kind === 'catalogue' ? { ttl: this.#options.ttlMs } : {});
  }

  #forget(key: string): void {
    this.#epochs.set(key, (this.#epochs.get(key) ?? 0) + 1);
    this.#entries.delete(key);
    // A load in flight is not waited for by the next caller: it may predate the event.
    this.#loading.delete(key);
  }

  async #loadCatalogue(appId: string): Promise<CatalogueIndex> {
    const [movies, attributes, ratings, ranks] = await Promise.all([
      this.#repository.catalogueMovies(appId),
      this.#repository.catalogueAttributes(appId),
      this.#repository.catalogueRatings(appId),
      this.#repository.catalogueRanks(appId),
    ]);
    const ids = movies.map((movie) => movie.id);
    const position = new Map(ids.map((id, index) => [id, index]));
    const byAttribute = new Map<string, number[]>();
    for (const { movieId, kind, value } of attributes) {
      const at = position.get(movieId);
      if (at === undefined) continue;
      const key = `${kind}:${value}`;
      const list = byAttribute.get(key);
      if (list) list.push(at);
      else byAttribute.set(key, [at]);
    }
    const byBody = new Map<string, { codes: string[]; codeOf: Int16Array }>();
    for (const { movieId, bodyId, code } of ratings) {
      const at = position.get(movieId);
      if (at === undefined) continue;
      let body = byBody.get(bodyId);
      if (!body) {
        body = { codes: [], codeOf: new Int16Array(ids.length).fill(-1) };
        byBody.set(bodyId, body);
      }
      let codeIndex = body.codes.indexOf(code);
      if (codeIndex < 0) codeIndex = body.codes.push(code) - 1;
      body.codeOf[at] = codeIndex;
    }
    const ranksByBody = new Map<string, Map<string, number>>();
    for (const { bodyId, code, rank } of ranks) {
      let body = ranksByBody.get(bodyId);
      if (!body) {
        body = new Map();
        ranksByBody.set(bodyId, body);
      }
      body.set(code, rank);
    }
    return {
      ids,
      titles: movies.map((movie) => movie.title),
      position,
      attributes: new Map([...byAttribute].map(([key, list]) => [key, Int32Array.from(list)])),
      ratings: byBody,
      ranks: ranksByBody,
    };
  }
}

/** An estimate of what an index holds: strings at two bytes a character, map entries, arrays. */
function catalogueBytes(index: CatalogueIndex): number {
  let bytes = 0;
  for (const [i, id] of index.ids.entries()) bytes += 2 * (id.length + (index.titles[i]?.length ?? 0)) + 120;
  for (const [key, list] of index.attributes) bytes += 2 * key.length + list.byteLength + 80;
  for (const body of index.ratings.values()) bytes += body.codeOf.byteLength + 64;
  for (const [bodyId, ranks] of index.ranks) {
    bytes += 2 * bodyId.length + 80;
    for (const code of ranks.keys()) bytes += 2 * code.length + 40;
  }
  return bytes;
}

/** What a decoded model holds: its arrays and its item ids. */
export function modelBytes(model: RecommenderModel): number {
  const arrays = [model.popularity, model.counts, model.weights.rowStart, model.weights.column, model.weights.weight];
  let bytes = arrays.reduce((total, array) => total + array.byteLength, 0);
  for (const id of model.itemIds) bytes += 2 * id.length + 40;
  return bytes;
}
