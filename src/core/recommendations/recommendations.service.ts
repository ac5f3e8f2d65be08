import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { CoreError } from '../errors.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { RatingThreshold, UserTarget } from '../identity/identity.types.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import { checkPageRequest, type NumberedPage, type PageRequest } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import type { TrainingSettings } from './model/train.ts';
import type { TrainingInput, TrainingOutput } from './model/worker.ts';
import { trainInWorker } from './model/worker.ts';
import { type ResolvedThreshold, rankForUser } from './rank.ts';
import type { RecommendationsRepository, TrainingViewing } from './recommendations.repository.ts';
import type { Recommendation, StoredModelInfo } from './recommendations.types.ts';
import type { CatalogueIndex, ServingCache } from './serving-cache.ts';

export const trainingJob = 'recommendations.train';
export const refreshJob = 'recommendations.refresh';
/** Model parts of at most this many bytes: no statement carries a whole model. */
const partBytes = 1 << 20;
const viewingsPerRead = 10_000;
/** Versions kept per app: the newest and the one before it (an instance may still be loading it). */
const keptVersions = 2;
/** While an app has no model, requests ask for one at most once per this window. */
const missingModelWindowMs = 60_000;
const workerModule = new URL('./model/worker.ts', import.meta.url).href;

export interface RecommenderOptions {
  settings: TrainingSettings;
  /** After an ingest, the training waits this long, gathering the ingests meanwhile into one. */
  retrainDelayMs: number;
  /** Whether a training evaluates the model first (one more training on 80% of the users). */
  evaluate: boolean;
}

export interface TrainingOutcome {
  /** The version stored, or the newest one when the history had not changed (`skipped`). */
  version: number | null;
  skipped: boolean;
  algorithm?: string;
  items?: number;
  trainingMs?: number;
}

/**
 * The recommender: models trained off the request path (a job on a worker thread) and stored as versions, the newest
 * of which every instance serves; each request scores the user's current history with it, re-ranked by explicit
 * preferences and filtered by what the user watched and the active profile's rating thresholds.
 */
export class RecommendationsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: RecommendationsRepository;
  readonly #identity: IdentityService;
  readonly #jobs: JobsService;
  readonly #workers: WorkerPool;
  readonly #cache: ServingCache;
  readonly #options: RecommenderOptions;
  readonly #askedForModel = new Map<string, number>();

  constructor(
    unitOfWork: UnitOfWork,
    repository: RecommendationsRepository,
    identity: IdentityService,
    jobs: JobsService,
    workers: WorkerPool,
    cache: ServingCache,
    options: RecommenderOptions,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
    this.#identity = identity;
    this.#jobs = jobs;
    this.#workers = workers;
    this.#cache = cache;
    this.#options = options;
  }

  /**
   * Asks for the app's model to be retrained after an ingest stored something. Ingests are gathered in windows of
   * `retrainDelayMs`: every ingest of a window asks for the same job, which runs when the window has closed.
   */
  async historyChanged(appId: string): Promise<void> {
    const delay = Math.max(1000, this.#options.retrainDelayMs);
    const window = Math.floor(Date.now() / delay);
    await this.#jobs.enqueue(
      trainingJob,
      { force: false },
      { appId, dedupeKey: `ingest:${appId}:${window}`, runAt: (window + 1) * delay },
    );
  }

  /** Starts a training of the app's model now (admin only), whether or not the history changed; returns the job id. */
  async requestTraining(principal: Principal): Promise<string> {
    requireAdmin(principal);
    const jobId = await this.#jobs.enqueue(trainingJob, { force: true }, { appId: principal.appId, maxAttempts: 3 });
    if (jobId === undefined) throw new Error('a training job without dedupe key was not stored');
    return jobId;
  }

  /** What the app's newest model is (admin only), or `recommendation_model_not_found`. */
  async newestModel(principal: Principal): Promise<StoredModelInfo> {
    requireAdmin(principal);
    const model = await this.#repository.newestModel(principal.appId);
    if (!model) {
      throw new CoreError('recommendation_model_not_found', 'The app has no trained model yet; one is being trained');
    }
    return model;
  }

  /** Enqueues a training of every app whose history changed since its newest model (or that has none). */
  async refreshAll(appIds: readonly string[], signal?: AbortSignal): Promise<{ apps: number; enqueued: number }> {
    let enqueued = 0;
    for (const appId of appIds) {
      signal?.throwIfAborted();
      const [fingerprint, newest] = await Promise.all([
        this.#repository.historyFingerprint(appId),
        this.#repository.newestModel(appId),
      ]);
      // Nothing to learn from yet (a request asks for a model of such an app when it needs one).
      if (newest?.historyFingerprint === fingerprint || (!newest && fingerprint.startsWith('0:'))) continue;
      const queued = await this.#jobs.enqueue(
        trainingJob,
        { force: false },
        // Once per history and hour: a training that failed for good is tried again the next hour, not every refresh.
        { appId, dedupeKey: `refresh:${appId}:${fingerprint}:${Math.floor(Date.now() / 3_600_000)}`, maxAttempts: 3 },
      );
      if (queued !== undefined) enqueued++;
    }
    return { apps: appIds.length, enqueued };
  }

  /**
   * Trains the app's model from its whole history on a worker thread (on this thread when worker threads are off)
   * and stores it as the next version; unless `force`, does nothing when the history did not change since the newest
   * version. Reports progress (`{phase, fraction}`) through `reportProgress`.
   */
  async train(
    appId: string,
    options: { force: boolean; signal?: AbortSignal; reportProgress?: (progress: unknown) => Promise<void> },
  ): Promise<TrainingOutcome> {
    const fingerprint = await this.#repository.historyFingerprint(appId);
    if (!options.force) {
      const newest = await this.#repository.newestModel(appId);
      if (newest?.historyFingerprint === fingerprint) return { version: newest.version, skipped: true };
    }
    const progress = throttledProgress(options.reportProgress);
    const input = await this.#readHistory(appId, options.signal, progress);
    options.signal?.throwIfAborted();
    const output =
      this.#workers.size > 0
        ? await this.#workers.run<TrainingOutput>(workerModule, 'trainInWorker', input, progress)
        : trainInWorker(input, progress);
    options.signal?.throwIfAborted();
    const parts: Uint8Array[] = [];
    for (let at = 0; at < output.bytes.byteLength; at += partBytes)
      parts.push(output.bytes.subarray(at, at + partBytes));
    const row = {
      algorithm: output.report.algorithm,
      parameters: output.report.parameters,
      metrics: output.metrics,
      items: output.report.items,
      users: output.report.users,
      interactions: output.report.interactions,
      entries: output.report.entries,
      sizeBytes: output.bytes.byteLength,
      trainingMs: output.trainingMs,
      evaluationMs: output.evaluationMs,
      historyFingerprint: fingerprint,
      trainedAt: Date.now(),
    };
    let version: number | undefined;
    for (let attempt = 0; version === undefined && attempt < 5; attempt++) {
      version = await this.#unitOfWork.run(() => this.#repository.insertModel(appId, row, parts));
    }
    if (version === undefined) throw new Error('could not store the model: other trainings kept taking its version');
    await this.#unitOfWork.run(() => this.#repository.deleteModelsBefore(appId, version - keptVersions + 1));
    await progress({ phase: 'stored', fraction: 1 }, true);
    return {
      version,
      skipped: false,
      algorithm: output.report.algorithm,
      items: output.report.items,
      trainingMs: output.trainingMs,
    };
  }

  /**
   * A numbered page of recommendations for the user, best first, each with its reasons. A user with no history gets
   * them from preferences, then popularity. The token's active profile's rating thresholds are applied (an admin
   * token has no profile). While the app has no model yet, one is asked for, and the page ranks by preferences alone.
   */
  async recommend(
    principal: Principal,
    target: UserTarget,
    request: PageRequest,
  ): Promise<NumberedPage<Recommendation>> {
    const userId = await this.#identity.targetUserId(principal, target, 'read');
    const { page, pageSize } = checkPageRequest(request);
    const { appId } = principal;
    const profileThresholds = principal.kind === 'user' ? (principal.profile?.ratingThresholds ?? []) : [];
    // One read of the database per request (the user's history and liked attributes); the catalogue, the ratings'
    // order and the model come from this instance's cache.
    const [catalogue, served, signals] = await Promise.all([
      this.#cache.catalogue(appId),
      this.#cache.model(appId),
      this.#repository.userSignals(appId, userId),
    ]);
    if (!served) await this.#askForModel(appId);
    const ranked = rankForUser({
      catalogue,
      served,
      watched: signals.watched,
      liked: signals.liked,
      thresholds: resolveThresholds(catalogue, profileThresholds),
      limit: page * pageSize,
    });
    return {
      page,
      pageSize,
      totalItems: ranked.totalItems,
      items: ranked.items.slice((page - 1) * pageSize).map((item) => ({
        movieId: catalogue.ids[item.position] as string,
        title: catalogue.titles[item.position] as string,
        score: item.score,
        reasons: item.reasons,
      })),
    };
  }

  async #askForModel(appId: string): Promise<void> {
    const window = Math.floor(Date.now() / missingModelWindowMs);
    if (this.#askedForModel.get(appId) === window) return;
    this.#askedForModel.set(appId, window);
    if (this.#askedForModel.size > 10_000) this.#askedForModel.clear();
    await this.#jobs.enqueue(trainingJob, { force: false }, { appId, dedupeKey: `missing:${appId}:${window}` });
  }

  async #readHistory(
    appId: string,
    signal: AbortSignal | undefined,
    progress: (value: unknown) => Promise<void>,
  ): Promise<TrainingInput> {
    const users = new Map<string, number>();
    const items = new Map<string, number>();
    const userIndex: number[] = [];
    const itemIndex: number[] = [];
    const times: number[] = [];
    let after: TrainingViewing | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.#repository.viewingsPage(appId, after, viewingsPerRead);
      for (const viewing of page) {
        let user = users.get(viewing.userId);
        if (user === undefined) {
          user = users.size;
          users.set(viewing.userId, user);
        }
        let item = items.get(viewing.movieId);
        if (item === undefined) {
          item = items.size;
          items.set(viewing.movieId, item);
        }
        userIndex.push(user);
        itemIndex.push(item);
        times.push(viewing.watchedAt);
      }
      await progress({ phase: 'reading', viewings: times.length });
      if (page.length < viewingsPerRead) break;
      after = page.at(-1);
    }
    return {
      users: users.size,
      items: items.size,
      userIndex: Int32Array.from(userIndex),
      itemIndex: Int32Array.from(itemIndex),
      times: Float64Array.from(times),
      itemIds: [...items.keys()],
      settings: this.#options.settings,
      evaluate: this.#options.evaluate,
    };
  }
}

/** Each threshold with the codes of its body below it (none when the body does not know its rating). */
function resolveThresholds(catalogue: CatalogueIndex, thresholds: readonly RatingThreshold[]): ResolvedThreshold[] {
  return thresholds.map((threshold) => {
    const ranks = catalogue.ranks.get(threshold.ratingsBody);
    const limit = ranks?.get(threshold.rating);
    return {
      bodyId: threshold.ratingsBody,
      allowedCodes:
        ranks === undefined || limit === undefined
          ? undefined
          : new Set([...ranks].filter(([, rank]) => rank < limit).map(([code]) => code)),
    };
  });
}

/**
 * Progress as a job stores it: at most once a second (each report is a write), the last one always. The returned
 * function takes what the worker sends.
 */
function throttledProgress(
  report: ((progress: unknown) => Promise<void>) | undefined,
): (progress: unknown, final?: boolean) => Promise<void> {
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  return (progress, final = false) => {
    const now = Date.now();
    if (!report || (!final && now - last < 1000)) return pending;
    last = now;
    pending = pending.then(() => report(progress)).catch(() => undefined);
    return pending;
  };
}
