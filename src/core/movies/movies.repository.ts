import { type DeleteOutcome, deleteUnlessReferenced } from '../../db/errors.ts';
import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { differsFromExcluded } from '../../db/upsert.ts';
import type { EventBus } from '../../events/bus.ts';
import {
  attributeKindOf,
  basedOnKind,
  type Movie,
  type MovieLists,
  type MovieSummary,
  movieListFields,
  type RatingsBody,
  type RatingsBodyInput,
} from './movies.types.ts';

// Rows per INSERT: far below SQLite's limit of bound parameters, few enough round trips on PostgreSQL.
const rowsPerStatement = 500;

/**
 * The movie catalogue of each app and the ratings bodies its movies are rated by. What a history page shows of a
 * movie (title, poster) is cached per movie on every instance; every write of movies here drops the app's entries
 * everywhere (`catalogue.changed`).
 */
export class MoviesRepository {
  readonly #unitOfWork: UnitOfWork;
  readonly #summaries: RowCache<MovieSummary>;

  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings) {
    this.#unitOfWork = unitOfWork;
    this.#summaries = new RowCache<MovieSummary>(
      {
        ...cache,
        sizeOf: (movie) => 300 + 2 * (movie.title.length + (movie.posterUrl?.length ?? 0)),
        tagsOf: (movie) => [movie.appId],
        invalidatedBy: (event) =>
          event.type === 'catalogue.changed' && event.catalogue === 'movies' ? { tags: [event.appId] } : undefined,
      },
      bus,
      unitOfWork,
    );
  }

  get cacheStats() {
    return this.#summaries.stats;
  }

  /** The title and poster of each of the movies the app has (absent ones are left out). */
  async movieSummaries(appId: string, movieIds: readonly string[]): Promise<Map<string, MovieSummary>> {
    const keyOf = (movieId: string) => `${appId} ${movieId}`;
    const cached = await this.#summaries.readMany(movieIds.map(keyOf), async (missing) => {
      const loaded = new Map<string, MovieSummary>();
      for (let start = 0; start < missing.length; start += rowsPerStatement) {
        const rows = await this.#unitOfWork.db
          .selectFrom('movies')
          .select(['id', 'title', 'poster_url'])
          .where('app_id', '=', appId)
          .where(
            'id',
            'in',
            missing.slice(start, start + rowsPerStatement).map((key) => key.slice(appId.length + 1)),
          )
          .execute();
        for (const row of rows) {
          loaded.set(keyOf(row.id), { appId, id: row.id, title: row.title, posterUrl: row.poster_url });
        }
      }
      return loaded;
    });
    return new Map([...cached.values()].map((summary) => [summary.id, summary]));
  }

  /** Every rating of every body of the app: body id → rating → rank (0 the mildest). */
  async ratingRanks(appId: string): Promise<Map<string, Map<string, number>>> {
    const rows = await this.#unitOfWork.db
      .selectFrom('ratings')
      .select(['body_id', 'code', 'rank'])
      .where('app_id', '=', appId)
      .execute();
    const bodies = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const ranks = bodies.get(row.body_id) ?? new Map<string, number>();
      bodies.set(row.body_id, ranks);
      ranks.set(row.code, Number(row.rank));
    }
    return bodies;
  }

  /** Up to `limit` ratings bodies in id order, after `afterId` when given, each with its ratings in order. */
  async listRatingsBodies(appId: string, options: { afterId?: string | undefined; limit: number }) {
    let select = this.#unitOfWork.db
      .selectFrom('ratings_bodies')
      .select(['id', 'name', 'modified_at'])
      .where('app_id', '=', appId);
    if (options.afterId !== undefined) select = select.where('id', '>', options.afterId);
    const bodies = await select.orderBy('id').limit(options.limit).execute();
    if (bodies.length === 0) return [];
    const ratings = await this.#unitOfWork.db
      .selectFrom('ratings')
      .select(['body_id', 'code'])
      .where('app_id', '=', appId)
      .where(
        'body_id',
        'in',
        bodies.map((body) => body.id),
      )
      .orderBy('body_id')
      .orderBy('rank')
      .execute();
    return bodies.map(
      (body): RatingsBody => ({
        id: body.id,
        name: body.name,
        ratings: ratings.filter((rating) => rating.body_id === body.id).map((rating) => rating.code),
        modifiedAt: Number(body.modified_at),
      }),
    );
  }

  /** The ratings of `bodyId` outside `kept` that movies carry (they cannot be removed). */
  async ratingsInUse(appId: string, bodyId: string, kept: readonly string[]): Promise<string[]> {
    let select = this.#unitOfWork.db
      .selectFrom('movie_ratings')
      .select('code')
      .distinct()
      .where('app_id', '=', appId)
      .where('body_id', '=', bodyId);
    if (kept.length > 0) select = select.where('code', 'not in', kept);
    return (await select.orderBy('code').execute()).map((row) => row.code);
  }

  /**
   * Inserts or replaces a ratings body and its ordered ratings (call inside a unit of work). Movie caches hold the
   * order of each body's ratings (the recommender's thresholds), so it is dropped everywhere (`catalogue.changed`).
   */
  async upsertRatingsBody(appId: string, body: RatingsBodyInput, now: number): Promise<void> {
    const db = this.#unitOfWork.db;
    this.#unitOfWork.publish({ type: 'catalogue.changed', appId, catalogue: 'movies' });
    await db
      .insertInto('ratings_bodies')
      .values({ app_id: appId, id: body.id, name: body.name, created_at: now, modified_at: now })
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'id'])
          .doUpdateSet({ name: body.name, modified_at: now })
          .where(differsFromExcluded('ratings_bodies', ['name'])),
      )
      .execute();
    let removed = db.deleteFrom('ratings').where('app_id', '=', appId).where('body_id', '=', body.id);
    if (body.ratings.length > 0) removed = removed.where('code', 'not in', body.ratings);
    await removed.execute();
    if (body.ratings.length === 0) return;
    await db
      .insertInto('ratings')
      .values(body.ratings.map((code, rank) => ({ app_id: appId, body_id: body.id, code, rank })))
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'body_id', 'code']).doUpdateSet((eb) => ({ rank: eb.ref('excluded.rank') })),
      )
      .execute();
  }

  /** Deletes a ratings body with its ratings: `in-use` when a movie is rated by it (nothing is deleted then). */
  async deleteRatingsBody(appId: string, bodyId: string): Promise<DeleteOutcome> {
    return deleteUnlessReferenced(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom('ratings_bodies')
        .where('app_id', '=', appId)
        .where('id', '=', bodyId)
        .executeTakeFirst();
      if (result.numDeletedRows > 0n)
        this.#unitOfWork.publish({ type: 'catalogue.changed', appId, catalogue: 'movies' });
      return result.numDeletedRows > 0n;
    });
  }

  /** Which of `ids` the app's catalogue has. */
  async existingMovieIds(appId: string, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += rowsPerStatement) {
      const rows = await this.#unitOfWork.db
        .selectFrom('movies')
        .select('id')
        .where('app_id', '=', appId)
        .where('id', 'in', unique.slice(start, start + rowsPerStatement))
        .execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  /**
   * Inserts the movies or replaces those the app has, with their attributes and ratings (call inside a unit of
   * work; at most a few hundred movies per call).
   */
  async upsertMovies(appId: string, movies: readonly Movie[]): Promise<void> {
    if (movies.length === 0) return;
    await this.#unitOfWork.run(async () => {
      await this.#upsertMovies(appId, movies);
      this.#unitOfWork.publish({ type: 'catalogue.changed', appId, catalogue: 'movies' });
    });
  }

  async #upsertMovies(appId: string, movies: readonly Movie[]): Promise<void> {
    const db = this.#unitOfWork.db;
    await db
      .insertInto('movies')
      .values(
        movies.map((movie) => ({
          app_id: appId,
          id: movie.id,
          title: movie.title,
          year: movie.year,
          based_on: movie.basedOn,
          poster_url: movie.posterUrl,
          attributes: JSON.stringify(Object.fromEntries(movieListFields.map((field) => [field, movie[field]]))),
          created_at: movie.createdAt,
          modified_at: movie.modifiedAt,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'id'])
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            year: eb.ref('excluded.year'),
            based_on: eb.ref('excluded.based_on'),
            poster_url: eb.ref('excluded.poster_url'),
            attributes: eb.ref('excluded.attributes'),
            modified_at: eb.ref('excluded.modified_at'),
          }))
          .where(differsFromExcluded('movies', ['title', 'year', 'based_on', 'poster_url', 'attributes'])),
      )
      .execute();
    const ids = movies.map((movie) => movie.id);
    await db.deleteFrom('movie_attributes').where('app_id', '=', appId).where('movie_id', 'in', ids).execute();
    await db.deleteFrom('movie_ratings').where('app_id', '=', appId).where('movie_id', 'in', ids).execute();
    const attributes = movies.flatMap((movie) => {
      const rows = movieListFields.flatMap((field) =>
        [...new Set(movie[field])].map((value) => ({ kind: attributeKindOf[field], value })),
      );
      if (movie.basedOn !== null) rows.push({ kind: basedOnKind, value: movie.basedOn });
      return rows.map((row) => ({ app_id: appId, movie_id: movie.id, ...row }));
    });
    for (let start = 0; start < attributes.length; start += rowsPerStatement) {
      await db
        .insertInto('movie_attributes')
        .values(attributes.slice(start, start + rowsPerStatement))
        .execute();
    }
    const ratings = movies.flatMap((movie) =>
      Object.entries(movie.ratings).map(([body_id, code]) => ({ app_id: appId, movie_id: movie.id, body_id, code })),
    );
    for (let start = 0; start < ratings.length; start += rowsPerStatement) {
      await db
        .insertInto('movie_ratings')
        .values(ratings.slice(start, start + rowsPerStatement))
        .execute();
    }
  }

  /** Up to `limit` movies in id order, after `afterId` when given. */
  async listMovies(
    appId: string,
    options: { afterId?: string | undefined; onlyId?: string | undefined; limit: number },
  ): Promise<Movie[]> {
    let select = this.#unitOfWork.db
      .selectFrom('movies')
      .select(['id', 'title', 'year', 'based_on', 'poster_url', 'attributes', 'created_at', 'modified_at'])
      .where('app_id', '=', appId);
    if (options.afterId !== undefined) select = select.where('id', '>', options.afterId);
    if (options.onlyId !== undefined) select = select.where('id', '=', options.onlyId);
    const rows = await select.orderBy('id').limit(options.limit).execute();
    if (rows.length === 0) return [];
    const ratings = await this.#unitOfWork.db
      .selectFrom('movie_ratings')
      .select(['movie_id', 'body_id', 'code'])
      .where('app_id', '=', appId)
      .where(
        'movie_id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    return rows.map((row) => {
      const lists = JSON.parse(row.attributes) as MovieLists;
      return {
        id: row.id,
        title: row.title,
        year: Number(row.year),
        ...Object.fromEntries(movieListFields.map((field) => [field, lists[field] ?? []])),
        basedOn: row.based_on,
        posterUrl: row.poster_url,
        ratings: Object.fromEntries(
          ratings.filter((rating) => rating.movie_id === row.id).map((rating) => [rating.body_id, rating.code]),
        ),
        createdAt: Number(row.created_at),
        modifiedAt: Number(row.modified_at),
      } as Movie;
    });
  }

  /** Deletes a movie: `in-use` when it is in someone's history (nothing is deleted then). */
  async deleteMovie(appId: string, movieId: string): Promise<DeleteOutcome> {
    return deleteUnlessReferenced(() =>
      this.#unitOfWork.run(async () => {
        const result = await this.#unitOfWork.db
          .deleteFrom('movies')
          .where('app_id', '=', appId)
          .where('id', '=', movieId)
          .executeTakeFirst();
        if (result.numDeletedRows === 0n) return false;
        this.#unitOfWork.publish({ type: 'catalogue.changed', appId, catalogue: 'movies' });
        return true;
      }),
    );
  }
}
