import { type DeleteOutcome, deleteInUnit } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, InputProblems } from '../errors.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { importingAdmin, type JobContext, refusalsAreFinal } from '../jobs/jobs.types.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { isUuid, isWebUrl } from '../text.ts';
import type { MoviesRepository } from './movies.repository.ts';
import {
  type Movie,
  type MovieInput,
  movieListFields,
  type RatingsBody,
  type RatingsBodyInput,
} from './movies.types.ts';

export const maxMoviesPerUpsert = 10_000;
export const maxRatingsBodiesPerUpsert = 100;
/** Movies per unit of work: readers get the database between chunks of a large upsert. */
const moviesPerChunk = 250;
export const bodyIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const maxListLength = 100;
/** The kind of the background job that writes an uploaded catalogue of movies. */
export const movieImportJob = 'movies.import';

/** What a movie import job carries: the items as sent, and who asked (for the audit entries it writes). */
export interface MovieImportPayload {
  items: MovieInput[];
  clientId: string;
}

/** How far an import got: `fraction` feeds the console's progress bar. */
export interface MovieImportProgress {
  saved: number;
  total: number;
  fraction: number;
}

/** The movie catalogue and the ratings bodies, managed by the app's admin. */
export class MoviesService {
  readonly #unitOfWork: UnitOfWork;
  readonly #movies: MoviesRepository;

  readonly #audit: AuditLog;
  readonly #jobs: JobsService;

  constructor(unitOfWork: UnitOfWork, movies: MoviesRepository, audit: AuditLog, jobs: JobsService) {
    this.#unitOfWork = unitOfWork;
    this.#movies = movies;
    this.#audit = audit;
    this.#jobs = jobs;
    jobs.register(movieImportJob, (job, context) => this.#runImport(job.appId, job.payload, context));
  }

  /**
   * Inserts or replaces ratings bodies (admin only), all or none. A body's `ratings` are its ratings mildest first;
   * a rating that movies carry cannot be dropped from its body (`catalogue_item_in_use` naming it).
   */
  async upsertRatingsBodies(principal: Principal, items: readonly RatingsBodyInput[]): Promise<number> {
    requireAdmin(principal);
    const problems = new InputProblems();
    if (items.length > maxRatingsBodiesPerUpsert)
      problems.add('items', `at most ${maxRatingsBodiesPerUpsert} per request`);
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const at = `items[${index}]`;
      if (!bodyIdPattern.test(item.id)) problems.add(`${at}.id`, 'must be 1 to 64 letters, digits, or . _ -');
      else if (seen.has(item.id)) problems.add(`${at}.id`, `repeats items[${seen.get(item.id)}]`);
      else seen.set(item.id, index);
      if (item.name.trim().length === 0 || item.name.length > 200)
        problems.add(`${at}.name`, 'must be 1 to 200 characters');
      if (item.ratings.length === 0 || item.ratings.length > 50)
        problems.add(`${at}.ratings`, 'must list 1 to 50 ratings');
      const codes = new Set<string>();
      item.ratings.forEach((code, position) => {
        if (code.trim() !== code || code.length === 0 || code.length > 32) {
          problems.add(`${at}.ratings[${position}]`, 'must be 1 to 32 characters without surrounding spaces');
        } else if (codes.has(code)) problems.add(`${at}.ratings[${position}]`, 'repeats a rating of the body');
        codes.add(code);
      });
    });
    problems.throwIfAny();
    return this.#unitOfWork.run(async () => {
      const now = Date.now();
      for (const [index, item] of items.entries()) {
        const inUse = await this.#movies.ratingsInUse(principal.appId, item.id, item.ratings);
        if (inUse.length > 0) {
          throw new CoreError('catalogue_item_in_use', `Movies are rated ${inUse.join(', ')} by ${item.id}; keep it`, {
            field: `items[${index}].ratings`,
            value: inUse.join(','),
          });
        }
        await this.#movies.upsertRatingsBody(principal.appId, { ...item, name: item.name.trim() }, now);
      }
      await this.#audit.record(principal.appId, principal, 'catalogue.items_saved', {
        details: { catalogue: 'ratings-bodies', count: items.length },
      });
      return items.length;
    });
  }

  /** A keyset page of the app's ratings bodies in id order (admin only). */
  async listRatingsBodies(
    principal: Principal,
    request: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<RatingsBody>> {
    requireAdmin(principal);
    const afterId =
      request.cursor === undefined ? undefined : decodeCursor(request.cursor, (key) => bodyIdPattern.test(key));
    const rows = await this.#movies.listRatingsBodies(principal.appId, { afterId, limit: request.limit + 1 });
    return keysetPage(rows, request.limit, (body) => body.id);
  }

  /** Deletes a ratings body (admin only); one that rates a movie is `catalogue_item_in_use`. */
  async deleteRatingsBody(principal: Principal, bodyId: string): Promise<void> {
    requireAdmin(principal);
    const outcome = bodyIdPattern.test(bodyId)
      ? await this.#deleteAudited(principal, 'ratings-bodies', bodyId, () =>
          this.#movies.deleteRatingsBody(principal.appId, bodyId),
        )
      : 'missing';
    if (outcome === 'missing') {
      throw new CoreError('ratings_body_not_found', 'The app has no ratings body with this id', {
        field: 'id',
        value: bodyId,
      });
    }
    if (outcome === 'in-use') {
      throw new CoreError('catalogue_item_in_use', 'Movies are rated by this body; it is kept', {
        field: 'id',
        value: bodyId,
      });
    }
  }

  /**
   * Inserts or replaces movies (admin only). The whole batch is checked first — one bad item answers `invalid_input`
   * naming every bad item, and nothing is stored — then written in chunks, each its own transaction, so readers never
   * wait long. An upsert is idempotent, so a batch cut short completes when it is sent again.
   */
  async upsertMovies(principal: Principal, items: readonly MovieInput[]): Promise<number> {
    requireAdmin(principal);
    const movies = await this.#checkMovies(principal.appId, items);
    await this.#writeMovies(principal, movies);
    return movies.length;
  }

  /**
   * Starts an import of movies as a background job (admin only) and answers its id: the batch is checked first, as
   * `upsertMovies` checks it (one bad item answers `invalid_input` naming every bad item, and no job starts), then the
   * job writes it in chunks, reporting `{ saved, total, fraction }` after each, and records the audit entries as the
   * admin who started it.
   */
  async startMovieImport(principal: Principal, items: readonly MovieInput[]): Promise<string> {
    requireAdmin(principal);
    await this.#checkMovies(principal.appId, items);
    const payload: MovieImportPayload = { items: [...items], clientId: principal.clientId };
    const jobId = await this.#jobs.enqueue(movieImportJob, payload, { appId: principal.appId, maxAttempts: 3 });
    if (jobId === undefined) throw new Error('a job without a dedupe key is always enqueued');
    return jobId;
  }

  /** Checks the batch again (a ratings body may have changed since), then writes it; an upsert is safe to repeat. */
  async #runImport(appId: string | null, payload: unknown, context: JobContext): Promise<MovieImportProgress> {
    if (appId === null) throw new Error('a movie import names its app');
    const { items, clientId } = payload as MovieImportPayload;
    const principal = importingAdmin(appId, clientId);
    const movies = await refusalsAreFinal(() => this.#checkMovies(appId, items));
    const total = movies.length;
    let saved = 0;
    await context.reportProgress({ saved, total, fraction: total === 0 ? 1 : 0 });
    await this.#writeMovies(principal, movies, async (count) => {
      context.signal.throwIfAborted();
      saved += count;
      await context.reportProgress({ saved, total, fraction: saved / total });
    });
    return { saved, total, fraction: 1 };
  }

  async #checkMovies(appId: string, items: readonly MovieInput[]): Promise<Movie[]> {
    const problems = new InputProblems();
    if (items.length > maxMoviesPerUpsert) problems.add('items', `at most ${maxMoviesPerUpsert} per request`);
    problems.throwIfAny();
    const ranks = await this.#movies.ratingRanks(appId);
    const seen = new Map<string, number>();
    const now = Date.now();
    const movies = items.map((item, index): Movie => {
      const at = `items[${index}]`;
      const id = item.id.toLowerCase();
      if (!isUuid(id)) problems.add(`${at}.id`, 'must be a UUID');
      else if (seen.has(id)) problems.add(`${at}.id`, `repeats items[${seen.get(id)}]`);
      else seen.set(id, index);
      const title = item.title.trim();
      if (title.length === 0 || title.length > 300) problems.add(`${at}.title`, 'must be 1 to 300 characters');
      if (!Number.isInteger(item.year) || item.year < 1870 || item.year > 2100) {
        problems.add(`${at}.year`, 'must be a year from 1870 to 2100');
      }
      const lists = Object.fromEntries(
        movieListFields.map((field) => {
          const values = (item[field] ?? []).map((value) => value.trim());
          if (values.length > maxListLength) problems.add(`${at}.${field}`, `at most ${maxListLength} values`);
          values.forEach((value, position) => {
            if (value.length === 0 || value.length > 200) {
              problems.add(`${at}.${field}[${position}]`, 'must be 1 to 200 characters');
            }
          });
          return [field, [...new Set(values)]];
        }),
      ) as Record<(typeof movieListFields)[number], string[]>;
      const basedOn = item.basedOn?.trim() || null;
      if (basedOn !== null && basedOn.length > 200) problems.add(`${at}.basedOn`, 'must be at most 200 characters');
      const posterUrl = item.posterUrl ?? null;
      if (posterUrl !== null && !isWebUrl(posterUrl)) problems.add(`${at}.posterUrl`, 'must be an http(s) URL');
      const ratings = item.ratings ?? {};
      for (const [body, rating] of Object.entries(ratings)) {
        const known = ranks.get(body);
        if (!known) problems.add(`${at}.ratings.${body}`, 'is not a ratings body of the app');
        else if (!known.has(rating)) problems.add(`${at}.ratings.${body}`, `${rating} is not a rating of ${body}`);
      }
      return { id, title, year: item.year, ...lists, basedOn, posterUrl, ratings, createdAt: now, modifiedAt: now };
    });
    problems.throwIfAny();
    return movies;
  }

  async #writeMovies(
    principal: Principal,
    movies: readonly Movie[],
    afterChunk?: (count: number) => Promise<void>,
  ): Promise<void> {
    const { appId } = principal;
    // Each chunk commits on its own, so each is recorded with it; progress is told after each commit.
    for (let start = 0; start < movies.length; start += moviesPerChunk) {
      await this.#unitOfWork.runInChunks(movies.slice(start, start + moviesPerChunk), moviesPerChunk, async (chunk) => {
        await this.#movies.upsertMovies(appId, chunk);
        await this.#audit.record(appId, principal, 'catalogue.items_saved', {
          details: { catalogue: 'movies', count: chunk.length },
        });
      });
      await afterChunk?.(Math.min(moviesPerChunk, movies.length - start));
    }
  }

  /** Runs a delete and records it, in one unit of work. */
  #deleteAudited(
    principal: Principal,
    catalogue: string,
    id: string,
    remove: () => Promise<DeleteOutcome>,
  ): Promise<DeleteOutcome> {
    return deleteInUnit(this.#unitOfWork, remove, () =>
      this.#audit.record(principal.appId, principal, 'catalogue.item_deleted', { details: { catalogue, id } }),
    );
  }

  /** A keyset page of the app's movies in id order (admin only). */
  async listMovies(
    principal: Principal,
    request: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<Movie>> {
    requireAdmin(principal);
    const afterId = request.cursor === undefined ? undefined : decodeCursor(request.cursor, isUuid);
    const rows = await this.#movies.listMovies(principal.appId, { afterId, limit: request.limit + 1 });
    return keysetPage(rows, request.limit, (movie) => movie.id);
  }

  /** One movie of the app (admin only), or `movie_not_found`. */
  async getMovie(principal: Principal, movieId: string): Promise<Movie> {
    requireAdmin(principal);
    const id = movieId.toLowerCase();
    const [movie] = isUuid(id) ? await this.#movies.listMovies(principal.appId, { onlyId: id, limit: 1 }) : [];
    if (!movie) {
      throw new CoreError('movie_not_found', 'The app has no movie with this id', {
        field: 'id',
        value: movieId.slice(0, 64),
      });
    }
    return movie;
  }

  /** Deletes a movie (admin only); one in someone's history is `catalogue_item_in_use`. */
  async deleteMovie(principal: Principal, movieId: string): Promise<void> {
    requireAdmin(principal);
    const id = movieId.toLowerCase();
    const outcome = isUuid(id)
      ? await this.#deleteAudited(principal, 'movies', id, () => this.#movies.deleteMovie(principal.appId, id))
      : 'missing';
    if (outcome === 'missing') {
      throw new CoreError('movie_not_found', 'The app has no movie with this id', {
        field: 'id',
        value: movieId.slice(0, 64),
      });
    }
    if (outcome === 'in-use') {
      throw new CoreError('catalogue_item_in_use', 'The movie is in viewing histories; it is kept', {
        field: 'id',
        value: id,
      });
    }
  }
}
