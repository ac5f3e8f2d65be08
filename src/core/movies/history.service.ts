import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, InputProblems } from '../errors.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { UserTarget } from '../identity/identity.types.ts';
import type { UsersRepository } from '../identity/users.repository.ts';
import { checkPageRequest, type NumberedPage, type PageRequest } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { isUuid } from '../text.ts';
import { type HistoryRepository, rowsPerMark, type ViewingRow } from './history.repository.ts';
import type { MoviesRepository } from './movies.repository.ts';
import type { Viewing, ViewingInput, ViewingRecord } from './movies.types.ts';

export const maxViewingsPerIngest = 100_000;
/** Viewings per unit of work: readers get the database between chunks of a large ingest. */
const viewingsPerChunk = 2000;
export const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Users' viewing histories: the importer's bulk ingest, and each user's history, newest first. */
export class HistoryService {
  readonly #unitOfWork: UnitOfWork;
  readonly #history: HistoryRepository;
  readonly #movies: MoviesRepository;
  readonly #users: UsersRepository;
  readonly #identity: IdentityService;
  readonly #historyChanged: (appId: string) => Promise<void>;

  readonly #audit: AuditLog;

  constructor(
    unitOfWork: UnitOfWork,
    history: HistoryRepository,
    movies: MoviesRepository,
    users: UsersRepository,
    identity: IdentityService,
    /** Told after an ingest stored something (the recommender recomputes popularity). */
    historyChanged: (appId: string) => Promise<void>,
    audit: AuditLog,
  ) {
    this.#audit = audit;
    this.#unitOfWork = unitOfWork;
    this.#history = history;
    this.#movies = movies;
    this.#users = users;
    this.#identity = identity;
    this.#historyChanged = historyChanged;
  }

  /**
   * Stores viewings (admin only). The whole batch is checked first — every user and movie must be the app's, every
   * time ISO 8601 — and one bad item answers `invalid_input` naming every bad item, storing nothing. The viewings are
   * then written in chunks, each its own transaction, so readers never wait behind a long one. A viewing is keyed by
   * user, movie and time, so sending a batch twice stores it once, and a batch cut short completes when sent again.
   * Returns how many items were sent and how many of them were new.
   */
  async ingest(principal: Principal, items: readonly ViewingInput[]): Promise<{ count: number; stored: number }> {
    requireAdmin(principal);
    const { appId } = principal;
    const problems = new InputProblems();
    if (items.length > maxViewingsPerIngest) problems.add('items', `at most ${maxViewingsPerIngest} per request`);
    problems.throwIfAny();
    const records = items.map((item, index): ViewingRecord => {
      const at = `items[${index}]`;
      if (!isUuid(item.userId)) problems.add(`${at}.userId`, 'must be a user id');
      if (!isUuid(item.movieId)) problems.add(`${at}.movieId`, 'must be a movie id (UUID)');
      const watchedAt = isoDateTime.test(item.watchedAt) ? Date.parse(item.watchedAt) : Number.NaN;
      if (Number.isNaN(watchedAt)) problems.add(`${at}.watchedAt`, 'must be an ISO 8601 date-time with a zone');
      for (const field of ['technology', 'version'] as const) {
        const value = item[field];
        if (value != null && (value.trim().length === 0 || value.length > 64)) {
          problems.add(`${at}.${field}`, 'must be 1 to 64 characters');
        }
      }
      return {
        userId: item.userId.toLowerCase(),
        movieId: item.movieId.toLowerCase(),
        watchedAt,
        technology: item.technology?.trim() || null,
        version: item.version?.trim() || null,
      };
    });
    problems.throwIfAny();
    const [users, movies] = await Promise.all([
      this.#users.existingUserIds(
        appId,
        records.map((record) => record.userId),
      ),
      this.#movies.existingMovieIds(
        appId,
        records.map((record) => record.movieId),
      ),
    ]);
    records.forEach((record, index) => {
      if (!users.has(record.userId)) problems.add(`items[${index}].userId`, 'is not a user of the app');
      if (!movies.has(record.movieId)) problems.add(`items[${index}].movieId`, 'is not a movie of the app');
    });
    problems.throwIfAny();
    let stored = 0;
    const now = Date.now();
    await this.#unitOfWork.runInChunks(records, viewingsPerChunk, async (chunk) => {
      const inserted = await this.#history.insertViewings(appId, chunk, now);
      if (inserted === 'unknown-reference') {
        throw new CoreError('conflict', 'A user or movie of the batch was deleted while it was stored; send it again');
      }
      stored += inserted;
      await this.#audit.record(appId, principal, 'history.imported', {
        details: { count: chunk.length, stored: inserted },
      });
    });
    if (stored > 0) await this.#historyChanged(appId);
    return { count: records.length, stored };
  }

  /**
   * A numbered page of the user's history, newest first. A deep page costs what the first does: it starts from the
   * mark of the hundred viewings it falls in, and skips fewer than a hundred. The history is the account's, every
   * profile's viewings together, so it is its owner's to read: a child profile is refused (it gets recommendations,
   * filtered by its thresholds, instead).
   */
  async listHistory(principal: Principal, target: UserTarget, request: PageRequest): Promise<NumberedPage<Viewing>> {
    const userId = await this.#identity.targetUserId(principal, target, 'owner');
    const { page, pageSize } = checkPageRequest(request);
    const { appId } = principal;
    const stats = await this.#history.historyStats(appId, userId);
    const offset = (page - 1) * pageSize;
    const result = { page, pageSize, totalItems: stats.viewings };
    if (offset >= stats.viewings) return { ...result, items: [] };
    if (offset < rowsPerMark) {
      const rows = await this.#history.listViewings(appId, userId, { skip: offset, limit: pageSize });
      return { ...result, items: await this.#withMovies(appId, rows) };
    }
    const ordinal = Math.floor(offset / rowsPerMark);
    const mark = (await this.#history.marks(appId, userId, stats.version))[ordinal];
    if (!mark) return { ...result, items: [] };
    const rows = await this.#history.listViewings(appId, userId, {
      from: mark,
      skip: offset - ordinal * rowsPerMark,
      limit: pageSize,
    });
    return { ...result, items: await this.#withMovies(appId, rows) };
  }

  /** Removes every viewing of the movie from the user's history; none → `viewing_not_found`. */
  async deleteFromHistory(principal: Principal, target: UserTarget, movieId: string): Promise<void> {
    const userId = await this.#identity.targetUserId(principal, target, 'owner');
    const id = movieId.toLowerCase();
    const deleted = isUuid(id)
      ? await this.#unitOfWork.run(() => this.#history.deleteViewingsOfMovie(principal.appId, userId, id))
      : 0;
    if (deleted === 0) {
      throw new CoreError('viewing_not_found', "The movie is not in the user's history", {
        field: 'movieId',
        value: movieId.slice(0, 64),
      });
    }
  }

  /** The user's whole history, newest first (the export of a user). */
  async historyOf(appId: string, userId: string): Promise<Viewing[]> {
    const rows = await this.#history.listViewings(appId, userId, { skip: 0, limit: maxViewingsPerIngest * 10 });
    return this.#withMovies(appId, rows);
  }

  /** The viewings with what the catalogue says of each movie (from this instance's cache of it, mostly). */
  async #withMovies(appId: string, rows: readonly ViewingRow[]): Promise<Viewing[]> {
    const movies = await this.#movies.movieSummaries(
      appId,
      rows.map((row) => row.movieId),
    );
    return rows.map((row) => {
      const movie = movies.get(row.movieId);
      return { ...row, title: movie?.title ?? '', posterUrl: movie?.posterUrl ?? null };
    });
  }
}
