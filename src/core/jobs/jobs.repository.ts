import type { ExpressionBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database, JobsTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EnqueueOptions, Job } from './jobs.types.ts';

const jobColumns = [
  'id',
  'app_id',
  'kind',
  'payload',
  'status',
  'attempts',
  'max_attempts',
  'run_at',
  'progress',
  'result',
  'last_error',
  'created_at',
  'updated_at',
  'finished_at',
] as const;

type JobRow = Pick<JobsTable, (typeof jobColumns)[number]>;

/**
 * The jobs table. A job is claimed by one conditional UPDATE that only succeeds on a job that is runnable at that
 * moment (queued and due, or running with a lapsed lease), so that of several instances claiming at once exactly one
 * gets each job, on both dialects. Where rows can be locked (PostgreSQL) the UPDATE chooses its job
 * `for update skip locked`, so that concurrent claimers each get a different runnable job at once rather than all
 * but one waiting for the same row and coming back empty until the next poll; SQLite has one writer, so claims there
 * never race. Every later write by the runner names its lease, so an instance that lost a job (it took too long to
 * renew) cannot overwrite the new runner's work.
 */
export class JobsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** Stores a queued job; returns its id, or undefined when a job of that kind and dedupe key exists already. */
  async insertJob(kind: string, payload: unknown, options: EnqueueOptions, now: number): Promise<string | undefined> {
    const row = await this.#unitOfWork.db
      .insertInto('jobs')
      .values({
        id: uuidv7(),
        app_id: options.appId ?? null,
        kind,
        payload: JSON.stringify(payload ?? null),
        status: 'queued',
        dedupe_key: options.dedupeKey ?? null,
        attempts: 0,
        max_attempts: options.maxAttempts ?? 5,
        run_at: options.runAt ?? now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) => conflict.columns(['kind', 'dedupe_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** How many jobs are queued and how many running, over every app. */
  async countUnfinished(): Promise<{ queued: number; running: number }> {
    const rows = await this.#unitOfWork.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('status', 'in', ['queued', 'running'])
      .groupBy('status')
      .execute();
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
    return { queued: count('queued'), running: count('running') };
  }

  /** The job, or undefined when there is none (of that app, when `appId` is given). */
  async findJob(appId: string | null, jobId: string): Promise<Job | undefined> {
    let select = this.#unitOfWork.db.selectFrom('jobs').select(jobColumns).where('id', '=', jobId);
    select = appId === null ? select.where('app_id', 'is', null) : select.where('app_id', '=', appId);
    const row = await select.executeTakeFirst();
    return row && toJob(row);
  }

  /**
   * The app's jobs, newest first (ids are UUIDv7: in creation order), before the job `beforeId`, at most `limit`.
   * Finished jobs are pruned after their retention, so an app's list stays short.
   */
  async listJobs(appId: string, options: { beforeId?: string | undefined; limit: number }): Promise<Job[]> {
    let select = this.#unitOfWork.db.selectFrom('jobs').select(jobColumns).where('app_id', '=', appId);
    if (options.beforeId !== undefined) select = select.where('id', '<', options.beforeId);
    const rows = await select.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toJob);
  }

  /**
   * Claims the next runnable job of one of `kinds` for `owner` until `leaseUntil`, counting an attempt; undefined when
   * there is none that no other claim holds (the caller just tries again later).
   */
  async claimNext(kinds: string[], owner: string, now: number, leaseUntil: number): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    const runnable = (eb: ExpressionBuilder<Database, 'jobs'>) =>
      eb.and([
        eb('kind', 'in', kinds),
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('lease_expires_at', '<=', now)]),
        ]),
      ]);
    const row = await this.#unitOfWork.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        lease_owner: owner,
        lease_expires_at: leaseUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', (eb) => {
        const candidate = eb.selectFrom('jobs').select('id').where(runnable).orderBy('run_at').limit(1);
        // Where rows can be locked, claimers racing for the first job each take the next one nobody holds instead.
        return this.#unitOfWork.locksRows ? candidate.forUpdate().skipLocked() : candidate;
      })
      // Checked again on the row itself: another instance may have claimed it since the subquery chose it.
      .where(runnable)
      .returning(jobColumns)
      .executeTakeFirst();
    return row && toJob(row);
  }

  /** Extends the lease; false when `owner` no longer holds the job. */
  async renewLease(jobId: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('jobs')
      .set({ lease_expires_at: leaseUntil, updated_at: now })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async reportProgress(jobId: string, owner: string, progress: unknown, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('jobs')
      .set({ progress: JSON.stringify(progress ?? null), updated_at: now })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Ends the job: succeeded with a result, or failed for good with an error. False when `owner` lost it. */
  async finish(
    jobId: string,
    owner: string,
    outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: string },
    now: number,
  ): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('jobs')
      .set({
        status: outcome.status,
        result: outcome.status === 'succeeded' ? JSON.stringify(outcome.result ?? null) : null,
        last_error: outcome.status === 'failed' ? outcome.error : null,
        lease_owner: null,
        lease_expires_at: null,
        finished_at: now,
        updated_at: now,
      })
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Puts a failed job of the app back in the queue with its attempts renewed; false when it is not a failed one. */
  async requeueFailed(appId: string, jobId: string, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, result: null, updated_at: now })
      .where('app_id', '=', appId)
      .where('id', '=', jobId)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Puts the job back in the queue to run at `runAt`: after a failed attempt (with its error), or when this instance
   * stops while running it (the attempt then does not count). False when `owner` lost it.
   */
  async release(
    jobId: string,
    owner: string,
    options: { runAt: number; error: string | null; countAttempt: boolean },
    now: number,
  ): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'queued',
        run_at: options.runAt,
        lease_owner: null,
        lease_expires_at: null,
        attempts: options.countAttempt ? eb.ref('attempts') : eb('attempts', '-', 1),
        ...(options.error === null ? {} : { last_error: options.error }),
        updated_at: now,
      }))
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Deletes up to `batch` jobs that ended before `before`; returns how many. */
  async deleteFinishedJobs(before: number, batch: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('jobs')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', 'in', ['succeeded', 'failed'])
          .where('finished_at', '<=', before)
          .limit(batch),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    appId: row.app_id,
    kind: row.kind,
    payload: JSON.parse(row.payload),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    progress: row.progress === null ? null : JSON.parse(row.progress),
    result: row.result === null ? null : JSON.parse(row.result),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}
