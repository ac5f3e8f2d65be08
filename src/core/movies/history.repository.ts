import { isForeignKeyViolation } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Viewing, ViewingRecord } from './movies.types.ts';

/** A mark every this many viewings: a deep page skips fewer rows than this after its mark. */
export const rowsPerMark = 100;
const rowsPerStatement = 500;

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

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
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
    const row = await this.#unitOfWork.db
      .selectFrom('history_stats')
      .select(['viewings', 'version'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? { viewings: Number(row.viewings), version: Number(row.version) } : { viewings: 0, version: 0 };
  }

  /** The mark `ordinal` of the history as of `version`, or undefined when it was not computed (yet). */
  async findMark(appId: string, userId: string, version: number, ordinal: number): Promise<HistoryMark | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('history_marks')
      .select(['watched_at', 'movie_id'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('version', '=', version)
      .where('ordinal', '=', ordinal)
      .executeTakeFirst();
    return row && { watchedAt: Number(row.watched_at), movieId: row.movie_id };
  }

  /**
   * Computes and stores the marks of the user's history labelled `version` (read the version first: marks computed
   * from newer rows than their label are never used, because the label is then no longer current). Returns them.
   */
  async computeMarks(appId: string, userId: string, version: number): Promise<HistoryMark[]> {
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
   * Up to `limit` viewings, newest first, starting at `from` (inclusive) when given, after skipping `skip` of them,
   * each with the movie's title and poster.
   */
  async listViewings(
    appId: string,
    userId: string,
    options: { from?: HistoryMark | undefined; skip: number; limit: number },
  ): Promise<Viewing[]> {
    let select = this.#unitOfWork.db
      .selectFrom('viewings')
      .innerJoin('movies', (join) =>
        join.onRef('movies.app_id', '=', 'viewings.app_id').onRef('movies.id', '=', 'viewings.movie_id'),
      )
      .select([
        'viewings.movie_id',
        'movies.title',
        'viewings.watched_at',
        'viewings.technology',
        'viewings.version',
        'movies.poster_url',
      ])
      .where('viewings.app_id', '=', appId)
      .where('viewings.user_id', '=', userId);
    const { from } = options;
    if (from) {
      select = select.where((eb) =>
        eb.or([
          eb('viewings.watched_at', '<', from.watchedAt),
          eb.and([eb('viewings.watched_at', '=', from.watchedAt), eb('viewings.movie_id', '<=', from.movieId)]),
        ]),
      );
    }
    const rows = await select
      .orderBy('viewings.watched_at', 'desc')
      .orderBy('viewings.movie_id', 'desc')
      .offset(options.skip)
      .limit(options.limit)
      .execute();
    return rows.map((row) => ({
      movieId: row.movie_id,
      title: row.title,
      watchedAt: Number(row.watched_at),
      technology: row.technology,
      version: row.version,
      posterUrl: row.poster_url,
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
