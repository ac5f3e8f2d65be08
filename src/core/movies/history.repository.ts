import { isForeignKeyViolation } from '../../db/errors.ts';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EventBus } from '../../events/bus.ts';
import type { ViewingRecord } from './movies.types.ts';

/** A mark every this many viewings: a deep page skips fewer rows than this after its mark. */
export const rowsPerMark = 100;
const rowsPerStatement = 500;

/** A viewing as stored: what the movie is comes from the catalogue. */
export interface ViewingRow {
  movieId: string;
  watchedAt: number;
  technology: string | null;
  version: string | null;
}

type ViewingColumns = {
  movie_id: string;
  watched_at: number | string;
  technology: string | null;
  version: string | null;
};

/** Where a page of the history starts: the viewing of a mark, newest first. */
export interface HistoryMark {
  watchedAt: number;
  movieId: string;
}

/**
 * Each user's viewing history, newest first, with the bookkeeping that keeps every page as cheap as the first: a
 * per-user count and version (bumped in the same transaction as every write), and marks (every 100th viewing, as of a
 * version) computed by the first deep read after a write.
 */
export class HistoryRepository {
  readonly #unitOfWork: UnitOfWork;
  // biome-ignore lint/suspicious/noExplicitAny: the parameters are named in the query
  readonly #selectViewings: PreparedQuery<ViewingColumns, Record<string, any>>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly #selectViewingsFrom: PreparedQuery<ViewingColumns, Record<string, any>>;
  readonly #selectStats: PreparedQuery<{ viewings: number | string; version: number | string }, Record<string, string>>;
  /**
   * Each user's marks as of a version, on this instance. An entry names its version and is used only while that is
   * the history's version, so no event needs to drop it: a write makes it useless by bumping the version.
   */
  readonly #marks: RowCache<{ version: number; marks: HistoryMark[] }>;

  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings) {
    this.#unitOfWork = unitOfWork;
    this.#marks = new RowCache(
      { ...cache, sizeOf: (entry) => 100 + 120 * entry.marks.length, invalidatedBy: () => undefined },
      bus,
      unitOfWork,
    );
    const viewings = unitOfWork.db
      .selectFrom('viewings')
      .select(['movie_id', 'watched_at', 'technology', 'version'])
      .where('app_id', '=', parameter('appId'))
      .where('user_id', '=', parameter('userId'));
    const newestFirst = <Q extends typeof viewings>(query: Q) =>
      query
        .orderBy('watched_at', 'desc')
        .orderBy('movie_id', 'desc')
        .limit(parameter<number>('limit'))
        .offset(parameter<number>('skip'));
    this.#selectViewings = new PreparedQuery(newestFirst(viewings));
    // A row-value comparison, which both dialects read as a range of the (…, watched_at, movie_id) key.
    this.#selectViewingsFrom = new PreparedQuery(
      newestFirst(
        viewings.where((eb) =>
          eb(
            eb.refTuple('watched_at', 'movie_id'),
            '<=',
            eb.tuple(parameter<number>('fromWatchedAt'), parameter('fromMovieId')),
          ),
        ),
      ),
    );
    this.#selectStats = new PreparedQuery(
      unitOfWork.db
        .selectFrom('history_stats')
        .select(['viewings', 'version'])
        .where('app_id', '=', parameter('appId'))
        .where('user_id', '=', parameter('userId')),
    );
  }

  get cacheStats() {
    return this.#marks.stats;
  }

  /**
   * Stores the viewings the history lacks (an existing user, movie and time is left as it is) and updates the count
   * and version of each user that gained some. Call inside a unit of work. Returns how many were new, or
   * `unknown-reference` when a user or movie is not (any longer) the app's.
   */
  async insertViewings(
    appId: string,
    viewings: readonly ViewingRecord[],
    now: number,
  ): Promise<number | 'unknown-reference'> {
    try {
      return await this.#insertViewings(appId, viewings, now);
    } catch (error) {
      if (isForeignKeyViolation(error)) return 'unknown-reference';
      throw error;
    }
  }

  async #insertViewings(appId: string, viewings: readonly ViewingRecord[], now: number): Promise<number> {
    const db = this.#unitOfWork.db;
    const gained = new Map<string, number>();
    for (let start = 0; start < viewings.length; start += rowsPerStatement) {
      const inserted = await db
        .insertInto('viewings')
        .values(
          viewings.slice(start, start + rowsPerStatement).map((viewing) => ({
            app_id: appId,
            user_id: viewing.userId,
            watched_at: viewing.watchedAt,
            movie_id: viewing.movieId,
            technology: viewing.technology,
            version: viewing.version,
            created_at: now,
          })),
        )
        .onConflict((conflict) => conflict.columns(['app_id', 'user_id', 'watched_at', 'movie_id']).doNothing())
        .returning('user_id')
        .execute();
      for (const { user_id } of inserted) gained.set(user_id, (gained.get(user_id) ?? 0) + 1);
    }
    await this.#bumpStats(appId, gained);
    let total = 0;
    for (const count of gained.values()) total += count;
    return total;
  }

  /** Removes every viewing of the movie by the user and updates the user's count (inside a unit of work). */
  async deleteViewingsOfMovie(appId: string, userId: string, movieId: string): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('viewings')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('movie_id', '=', movieId)
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    if (deleted > 0) await this.#bumpStats(appId, new Map([[userId, -deleted]]));
    return deleted;
  }

  /** The user's count of viewings and the version of the history; zero and 0 for a user who has none. */
  async historyStats(appId: string, userId: string): Promise<{ viewings: number; version: number }> {
    const [row] = await this.#selectStats.execute(this.#unitOfWork.db, { appId, userId });
    return row ? { viewings: Number(row.viewings), version: Number(row.version) } : { viewings: 0, version: 0 };
  }

  /**
   * The marks of the user's history as of `version` (read the version first): from this instance's memory, else from
   * the table, else computed from the viewings and stored (once, whichever instance gets there first).
   */
  async marks(appId: string, userId: string, version: number): Promise<HistoryMark[]> {
    const key = `${appId} ${userId}`;
    const remembered = await this.#marks.read(key, async () => ({
      version,
      marks: await this.#storedOrComputedMarks(appId, userId, version),
    }));
    if (remembered?.version === version) return remembered.marks;
    // Remembered for an older version: the history changed since.
    this.#marks.drop(key);
    return (
      (
        await this.#marks.read(key, async () => ({
          version,
          marks: await this.#storedOrComputedMarks(appId, userId, version),
        }))
      )?.marks ?? []
    );
  }

  async #storedOrComputedMarks(appId: string, userId: string, version: number): Promise<HistoryMark[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('history_marks')
      .select(['watched_at', 'movie_id'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('version', '=', version)
      .orderBy('ordinal')
      .execute();
    if (rows.length > 0) return rows.map((row) => ({ watchedAt: Number(row.watched_at), movieId: row.movie_id }));
    return this.#computeMarks(appId, userId, version);
  }

  /**
   * Computes and stores the marks of the user's history labelled `version` (read the version first: marks computed
   * from newer rows than their label are never used, because the label is then no longer current). Returns them.
   */
  async #computeMarks(appId: string, userId: string, version: number): Promise<HistoryMark[]> {
    const db = this.#unitOfWork.db;
    const keys = await db
      .selectFrom('viewings')
      .select(['watched_at', 'movie_id'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('watched_at', 'desc')
      .orderBy('movie_id', 'desc')
      .execute();
    const marks: HistoryMark[] = [];
    for (let index = 0; index < keys.length; index += rowsPerMark) {
      const key = keys[index];
      if (key) marks.push({ watchedAt: Number(key.watched_at), movieId: key.movie_id });
    }
    for (let start = 0; start < marks.length; start += rowsPerStatement) {
      await db
        .insertInto('history_marks')
        .values(
          marks.slice(start, start + rowsPerStatement).map((mark, offset) => ({
            app_id: appId,
            user_id: userId,
            version,
            ordinal: start + offset,
            watched_at: mark.watchedAt,
            movie_id: mark.movieId,
          })),
        )
        .onConflict((conflict) => conflict.columns(['app_id', 'user_id', 'version', 'ordinal']).doNothing())
        .execute();
    }
    return marks;
  }

  /**
   * Up to `limit` viewings, newest first, starting at `from` (inclusive) when given, after skipping `skip` of them.
   * Both forms are compiled once: they run on every history page.
   */
  async listViewings(
    appId: string,
    userId: string,
    options: { from?: HistoryMark | undefined; skip: number; limit: number },
  ): Promise<ViewingRow[]> {
    const { from } = options;
    const rows = from
      ? await this.#selectViewingsFrom.execute(this.#unitOfWork.db, {
          appId,
          userId,
          fromWatchedAt: from.watchedAt,
          fromMovieId: from.movieId,
          skip: options.skip,
          limit: options.limit,
        })
      : await this.#selectViewings.execute(this.#unitOfWork.db, {
          appId,
          userId,
          skip: options.skip,
          limit: options.limit,
        });
    return rows.map((row) => ({
      movieId: row.movie_id,
      watchedAt: Number(row.watched_at),
      technology: row.technology,
      version: row.version,
    }));
  }

  async #bumpStats(appId: string, deltas: Map<string, number>): Promise<void> {
    if (deltas.size === 0) return;
    const db = this.#unitOfWork.db;
    const users = [...deltas.keys()];
    for (let start = 0; start < users.length; start += rowsPerStatement) {
      const chunk = users.slice(start, start + rowsPerStatement);
      await db
        .insertInto('history_stats')
        .values(chunk.map((user_id) => ({ app_id: appId, user_id, viewings: deltas.get(user_id) ?? 0, version: 1 })))
        .onConflict((conflict) =>
          conflict.columns(['app_id', 'user_id']).doUpdateSet((eb) => ({
            viewings: eb('history_stats.viewings', '+', eb.ref('excluded.viewings')),
            version: eb('history_stats.version', '+', 1),
          })),
        )
        .execute();
      // Marks of earlier versions are never used again.
      await db.deleteFrom('history_marks').where('app_id', '=', appId).where('user_id', 'in', chunk).execute();
    }
  }
}
