import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError } from '../errors.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { isUuid } from '../text.ts';
import type { JobsRepository } from './jobs.repository.ts';
import type { EnqueueOptions, Job, JobHandler, RecurringJob } from './jobs.types.ts';

/** Finished jobs are kept this long for whoever wants to read their outcome, then pruned. */
const finishedJobRetentionMs = 7 * 24 * 60 * 60 * 1000;
const pruneKind = 'jobs.prune-finished';

/**
 * Background work: domains register a handler per kind of job (and, for maintenance, how often it recurs), and
 * enqueue jobs inside their own units of work, so a job exists exactly when the write that asked for it committed.
 * `JobRunner` runs them.
 */
export class JobsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: JobsRepository;
  readonly #audit: AuditLog;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #recurring: RecurringJob[] = [];

  constructor(unitOfWork: UnitOfWork, repository: JobsRepository, audit: AuditLog) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
    this.#audit = audit;
    this.register(pruneKind, () => this.#pruneFinished(), { everyMs: 60 * 60 * 1000 });
  }

  /** Makes `handler` run the jobs of `kind`; with `everyMs`, a job of that kind is enqueued once every period. */
  register(kind: string, handler: JobHandler, options: { everyMs?: number } = {}): void {
    if (this.#handlers.has(kind)) throw new Error(`a handler for ${kind} is registered already`);
    this.#handlers.set(kind, handler);
    if (options.everyMs !== undefined) this.#recurring.push({ kind, everyMs: options.everyMs });
  }

  handlerOf(kind: string): JobHandler | undefined {
    return this.#handlers.get(kind);
  }

  get kinds(): string[] {
    return [...this.#handlers.keys()];
  }

  get recurring(): readonly RecurringJob[] {
    return this.#recurring;
  }

  /**
   * Enqueues a job in the caller's unit of work (or one of its own); every instance's runner hears of it when it
   * commits. Returns its id, or undefined when a job of the same kind and dedupe key exists.
   */
  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string | undefined> {
    if (!this.#handlers.has(kind)) throw new Error(`no handler is registered for jobs of kind ${kind}`);
    return this.#unitOfWork.run(async () => {
      const jobId = await this.#repository.insertJob(kind, payload, options, Date.now());
      if (jobId !== undefined) this.#unitOfWork.publish({ type: 'job.queued', jobId });
      return jobId;
    });
  }

  /** How many jobs wait and how many run, over every app (for the metrics). */
  queueDepth(): Promise<{ queued: number; running: number }> {
    return this.#repository.countUnfinished();
  }

  /** A job of the caller's app (admin only), or `job_not_found`. */
  async getJob(principal: Principal, jobId: string): Promise<Job> {
    requireAdmin(principal);
    const job = await this.#repository.findJob(principal.appId, jobId);
    if (!job) throw new CoreError('job_not_found', `Job ${jobId} was not found`, { field: 'id', value: jobId });
    return job;
  }

  /** A keyset page of the caller's app's jobs, newest first (admin only), with their progress, errors and attempts. */
  async listJobs(
    principal: Principal,
    request: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<Job>> {
    requireAdmin(principal);
    const beforeId = request.cursor === undefined ? undefined : decodeCursor(request.cursor, isUuid);
    const rows = await this.#repository.listJobs(principal.appId, { beforeId, limit: request.limit + 1 });
    return keysetPage(rows, request.limit, (job) => job.id);
  }

  /**
   * Runs a failed job of the caller's app again (admin only), with all its attempts: it goes back to the queue at
   * once, keeping its last error until a run replaces it, audited as `job.retried`. A job that did not fail is
   * `conflict`; another app's or an unknown one `job_not_found`.
   */
  async retryJob(principal: Principal, jobId: string): Promise<void> {
    const job = await this.getJob(principal, jobId);
    await this.#unitOfWork.run(async () => {
      if (!(await this.#repository.requeueFailed(principal.appId, job.id, Date.now()))) {
        throw new CoreError('conflict', `Only a failed job can be retried; this one is ${job.status}`, {
          field: 'id',
          value: job.id,
        });
      }
      await this.#audit.record(principal.appId, principal, 'job.retried', {
        details: { jobId: job.id, kind: job.kind },
      });
      this.#unitOfWork.publish({ type: 'job.queued', jobId: job.id });
    });
  }

  async #pruneFinished(): Promise<{ deleted: number }> {
    const before = Date.now() - finishedJobRetentionMs;
    let deleted = 0;
    for (;;) {
      const batch = await this.#repository.deleteFinishedJobs(before, 1000);
      deleted += batch;
      if (batch < 1000) return { deleted };
    }
  }
}
