import { sql } from 'kysely';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AttributeRef, RankedRating } from './recommendations.types.ts';

const dayMs = 86_400_000;
const rowsPerStatement = 500;

/**
 * What recommendations read (a read model over the movies, history and preferences tables) and the popularity
 * table they own.
 */
export class RecommendationsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** Viewings per movie and day (days since the epoch) since `since`, for the popularity job. */
  async viewingsPerMovieAndDay(
    appId: string,
    since: number,
  ): Promise<{ movieId: string; day: number; count: number }[]> {
    const day = sql<number>`${sql.ref('watched_at')} / ${sql.lit(dayMs)}`;
    const rows = await this.#unitOfWork.db
      .selectFrom('viewings')
      .select(['movie_id', day.as('day'), (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('app_id', '=', appId)
      .where('watched_at', '>=', since)
      .groupBy(['movie_id', day])
      .execute();
    return rows.map((row) => ({ movieId: row.movie_id, day: Number(row.day), count: Number(row.count) }));
  }

  /**
   * Replaces the app's popularity scores (inside a unit of work). Two computations may overlap (the recurring job and
   * one after an ingest); each writes what it computed, and the later one stays.
   */
  async replacePopularity(appId: string, scores: readonly { movieId: string; score: number }[], now: number) {
    const db = this.#unitOfWork.db;
    await db.deleteFrom('movie_popularity').where('app_id', '=', appId).execute();
    for (let start = 0; start < scores.length; start += rowsPerStatement) {
      await db
        .insertInto('movie_popularity')
        .values(
          scores
            .slice(start, start + rowsPerStatement)
            .map(({ movieId, score }) => ({ app_id: appId, movie_id: movieId, score, computed_at: now })),
        )
        .onConflict((conflict) =>
          conflict.columns(['app_id', 'movie_id']).doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  }

  /** The app's most popular movies, most popular first. */
  async popularMovies(appId: string, limit: number): Promise<{ movieId: string; score: number }[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('movie_popularity')
      .select(['movie_id', 'score'])
      .where('app_id', '=', appId)
      .orderBy('score', 'desc')
      .orderBy('movie_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ movieId: row.movie_id, score: Number(row.score) }));
  }

  /** The `attribute`s of the options the user set to true (`genre:Horror`), split into kind and value. */
  async positiveAttributes(appId: string, userId: string): Promise<AttributeRef[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('user_preferences')
      .innerJoin('preference_options', (join) =>
        join
          .onRef('preference_options.app_id', '=', 'user_preferences.app_id')
          .onRef('preference_options.id', '=', 'user_preferences.option_id'),
      )
      .select('preference_options.attribute')
      .where('user_preferences.app_id', '=', appId)
      .where('user_preferences.user_id', '=', userId)
      .where('user_preferences.value', '=', true)
      .where('preference_options.attribute', 'is not', null)
      .execute();
    return rows.flatMap(({ attribute }) => {
      const at = attribute?.indexOf(':') ?? -1;
      return attribute && at > 0 ? [{ kind: attribute.slice(0, at), value: attribute.slice(at + 1) }] : [];
    });
  }

  /** Up to `limit` rows of movies that have one of the attributes, one row per movie and attribute. */
  async moviesWithAttributes(
    appId: string,
    attributes: readonly AttributeRef[],
    limit: number,
  ): Promise<(AttributeRef & { movieId: string })[]> {
    if (attributes.length === 0) return [];
    const rows = await this.#unitOfWork.db
      .selectFrom('movie_attributes')
      .select(['movie_id', 'kind', 'value'])
      .where('app_id', '=', appId)
      .where((eb) =>
        eb.or(attributes.map(({ kind, value }) => eb.and([eb('kind', '=', kind), eb('value', '=', value)]))),
      )
      .limit(limit)
      .execute();
    return rows.map((row) => ({ movieId: row.movie_id, kind: row.kind, value: row.value }));
  }

  /** The attributes of the movies, one row per movie and attribute. */
  async attributesOf(appId: string, movieIds: readonly string[]): Promise<(AttributeRef & { movieId: string })[]> {
    if (movieIds.length === 0) return [];
    const rows = await this.#unitOfWork.db
      .selectFrom('movie_attributes')
      .select(['movie_id', 'kind', 'value'])
      .where('app_id', '=', appId)
      .where('movie_id', 'in', movieIds)
      .execute();
    return rows.map((row) => ({ movieId: row.movie_id, kind: row.kind, value: row.value }));
  }

  /** The distinct movies of the user's `limit` latest viewings, latest first. */
  async recentlyWatched(appId: string, userId: string, limit: number): Promise<string[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('viewings')
      .select('movie_id')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('watched_at', 'desc')
      .limit(limit)
      .execute();
    return [...new Set(rows.map((row) => row.movie_id))];
  }

  /** Which of the movies the user has watched. */
  async watchedAmong(appId: string, userId: string, movieIds: readonly string[]): Promise<Set<string>> {
    const watched = new Set<string>();
    for (let start = 0; start < movieIds.length; start += rowsPerStatement) {
      const rows = await this.#unitOfWork.db
        .selectFrom('viewings')
        .select('movie_id')
        .distinct()
        .where('app_id', '=', appId)
        .where('movie_id', 'in', movieIds.slice(start, start + rowsPerStatement))
        .where('user_id', '=', userId)
        .execute();
      for (const row of rows) watched.add(row.movie_id);
    }
    return watched;
  }

  /** The ratings of the movies in the given bodies, with their ranks. */
  async ratingsOf(appId: string, movieIds: readonly string[], bodyIds: readonly string[]): Promise<RankedRating[]> {
    if (movieIds.length === 0 || bodyIds.length === 0) return [];
    const found: RankedRating[] = [];
    for (let start = 0; start < movieIds.length; start += rowsPerStatement) {
      const rows = await this.#unitOfWork.db
        .selectFrom('movie_ratings')
        .innerJoin('ratings', (join) =>
          join
            .onRef('ratings.app_id', '=', 'movie_ratings.app_id')
            .onRef('ratings.body_id', '=', 'movie_ratings.body_id')
            .onRef('ratings.code', '=', 'movie_ratings.code'),
        )
        .select(['movie_ratings.movie_id', 'movie_ratings.body_id', 'ratings.rank'])
        .where('movie_ratings.app_id', '=', appId)
        .where('movie_ratings.movie_id', 'in', movieIds.slice(start, start + rowsPerStatement))
        .where('movie_ratings.body_id', 'in', bodyIds)
        .execute();
      for (const row of rows) found.push({ movieId: row.movie_id, bodyId: row.body_id, rank: Number(row.rank) });
    }
    return found;
  }

  /** The rank of each threshold's rating in its body (absent when the body does not know the rating). */
  async rankOf(appId: string, bodyId: string, code: string): Promise<number | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('ratings')
      .select('rank')
      .where('app_id', '=', appId)
      .where('body_id', '=', bodyId)
      .where('code', '=', code)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.rank);
  }

  /** The titles of the movies. */
  async titlesOf(appId: string, movieIds: readonly string[]): Promise<Map<string, string>> {
    if (movieIds.length === 0) return new Map();
    const rows = await this.#unitOfWork.db
      .selectFrom('movies')
      .select(['id', 'title'])
      .where('app_id', '=', appId)
      .where('id', 'in', movieIds)
      .execute();
    return new Map(rows.map((row) => [row.id, row.title]));
  }
}
