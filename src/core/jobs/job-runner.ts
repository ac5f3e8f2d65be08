import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventBus } from '../../events/bus.ts';
import type { JobsRepository } from './jobs.repository.ts';
import type { JobsService } from './jobs.service.ts';
import { type Job, type JobContext, PermanentJobError } from './jobs.types.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface JobRunnerOptions {
  /** Jobs this instance runs at once; 0 runs none (the instance only serves requests). */
  concurrency: number;
  /** How often the queue is checked when no event says a job arrived. */
  pollIntervalMs: number;
  /** How long a claim holds without renewal; renewed at a third of it. An instance that dies loses its jobs after it. */
  leaseMs: number;
}

/** Where the runner reports what went wrong (a pino logger fits). */
export interface RunnerLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Why a job's signal was aborted: the instance is stopping (the job goes back to the queue) or lost the lease. */
class Stopping extends Error {}
class LeaseLost extends Error {}

/**
 * Runs jobs on this instance: claims runnable jobs (woken by `job.queued` events, and by a poll in case one was
 * missed), renews each claim while its handler runs, and records the outcome. A failed attempt is retried with
 * exponential backoff until the job's attempts are used up. A job whose runner died is taken over once its lease
 * lapses. Recurring jobs are offered every period by every instance; the dedupe key lets one enqueue win.
 */
export class JobRunner {
  /** This instance's name on its claims. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly #service: JobsService;
  readonly #repository: JobsRepository;
  readonly #bus: EventBus;
  readonly #workers: WorkerPool;
  readonly #options: JobRunnerOptions;
  readonly #log: RunnerLog;
  readonly #active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  readonly #offeredPeriod = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #ticking: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    service: JobsService,
    repository: JobsRepository,
    bus: EventBus,
    workers: WorkerPool,
    options: JobRunnerOptions,
    log: RunnerLog,
  ) {
    this.#service = service;
    this.#repository = repository;
    this.#bus = bus;
    this.#workers = workers;
    this.#options = options;
    this.#log = log;
  }

  start(): void {
    if (this.#options.concurrency < 1) return;
    this.#unsubscribe = this.#bus.subscribe((event) => {
      if (event.type === 'job.queued') this.wake();
    });
    this.#timer = setInterval(() => this.wake(), this.#options.pollIntervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** Looks for work now (coalesced: one look at a time, and one more if asked meanwhile). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#ticking !== undefined) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick()
      .catch((error: unknown) => this.#log.warn({ err: error }, 'job runner could not look for work'))
      .finally(() => {
        this.#ticking = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /**
   * Stops claiming, aborts the running jobs and waits up to `graceMs` for them to hand their jobs back to the queue
   * (an interrupted attempt does not count against the job).
   */
  async stop(graceMs = 5000): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    for (const { controller } of this.#active.values()) controller.abort(new Stopping('the instance is stopping'));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all([...this.#active.values()].map((a) => a.done)), deadline]);
    clearTimeout(timer);
    await this.#ticking;
  }

  async #tick(): Promise<void> {
    await this.#offerRecurring();
    while (!this.#stopped && this.#active.size < this.#options.concurrency) {
      const now = Date.now();
      const job = await this.#repository.claimNext(this.#service.kinds, this.owner, now, now + this.#options.leaseMs);
      if (!job) return;
      const controller = new AbortController();
      const done = this.#run(job, controller).finally(() => {
        this.#active.delete(job.id);
        this.wake();
      });
      this.#active.set(job.id, { controller, done });
    }
  }

  async #offerRecurring(): Promise<void> {
    const now = Date.now();
    for (const { kind, everyMs } of this.#service.recurring) {
      const period = Math.floor(now / everyMs);
      if (this.#offeredPeriod.get(kind) === period) continue;
      await this.#service.enqueue(kind, null, { dedupeKey: `period-${period}`, maxAttempts: 3 });
      this.#offeredPeriod.set(kind, period);
    }
  }

  async #run(job: Job, controller: AbortController): Promise<void> {
    const { signal } = controller;
    if (job.attempts > job.maxAttempts) {
      await this.#repository.finish(
        job.id,
        this.owner,
        { status: 'failed', error: `gave up after ${job.maxAttempts} attempts; the last ended without an outcome` },
        Date.now(),
      );
      return;
    }
    const heartbeat = setInterval(() => {
      const now = Date.now();
      this.#repository.renewLease(job.id, this.owner, now + this.#options.leaseMs, now).then(
        (held) => {
          if (!held) controller.abort(new LeaseLost('another instance took the job over'));
        },
        (error: unknown) => this.#log.warn({ err: error, jobId: job.id }, 'could not renew a job lease'),
      );
    }, this.#options.leaseMs / 3);
    heartbeat.unref();
    const context: JobContext = {
      signal,
      reportProgress: async (progress) => {
        const held = await this.#repository.reportProgress(job.id, this.owner, progress, Date.now());
        if (!held) controller.abort(new LeaseLost('another instance took the job over'));
      },
      runInWorker: (module, exportName, input, onProgress) => this.#workers.run(module, exportName, input, onProgress),
    };
    try {
      const handler = this.#service.handlerOf(job.kind);
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      const result = await handler(job, context);
      signal.throwIfAborted();
      await this.#repository.finish(job.id, this.owner, { status: 'succeeded', result }, Date.now());
    } catch (error) {
      await this.#recordFailure(job, signal, error).catch((recordError: unknown) =>
        this.#log.error({ err: recordError, jobId: job.id }, 'could not record the outcome of a job'),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #recordFailure(job: Job, signal: AbortSignal, error: unknown): Promise<void> {
    const now = Date.now();
    if (signal.reason instanceof LeaseLost) return;
    if (signal.reason instanceof Stopping) {
      await this.#repository.release(job.id, this.owner, { runAt: now, error: null, countAttempt: false }, now);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.#log.warn({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, 'a job attempt failed');
    if (job.attempts < job.maxAttempts && !(error instanceof PermanentJobError)) {
      const runAt = now + backoffMs(job.attempts);
      await this.#repository.release(job.id, this.owner, { runAt, error: message, countAttempt: true }, now);
    } else {
      await this.#repository.finish(job.id, this.owner, { status: 'failed', error: message }, now);
    }
  }
}

/** 1 s, 2 s, 4 s… up to 10 minutes, with up to a quarter more at random so that failed jobs do not retry in step. */
export function backoffMs(attempt: number): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempt - 1), 10 * 60 * 1000);
  return Math.round(base * (1 + Math.random() / 4));
}
