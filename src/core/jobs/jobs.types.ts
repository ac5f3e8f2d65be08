import { CoreError } from '../errors.ts';
import type { AdminPrincipal } from '../principal.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A unit of background work, as stored. */
export interface Job {
  id: string;
  /** The app it works for; null for maintenance of the whole deployment. */
  appId: string | null;
  kind: string;
  payload: unknown;
  status: JobStatus;
  /** Runs started so far, the current one included. */
  attempts: number;
  maxAttempts: number;
  runAt: number;
  progress: unknown;
  result: unknown;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface EnqueueOptions {
  appId?: string | null;
  /** Not before this time (epoch ms); now when absent. */
  runAt?: number;
  /** Runs before the job counts as failed (default 5). */
  maxAttempts?: number;
  /** With the kind, unique: a job with the same kind and key is enqueued once, however many instances try. */
  dedupeKey?: string;
}

/** What a handler gets besides the job: a way to report progress, to notice it lost the job, to use a worker thread. */
export interface JobContext {
  /** Aborted when the job's lease is lost (another instance took it over) or this instance shuts down. */
  signal: AbortSignal;
  /** Stores how far the job got (any JSON value); readers see it while the job runs. */
  reportProgress(progress: unknown): Promise<void>;
  /**
   * Runs CPU-heavy work on a worker thread, so that requests never wait behind it: calls the named export of the
   * module (a file URL) with `input`, and resolves with what it returns. What the export reports through its second
   * argument reaches `onProgress`.
   */
  runInWorker<T>(
    module: string,
    exportName: string,
    input: unknown,
    onProgress?: (progress: unknown) => void,
  ): Promise<T>;
}

/** Does a job; what it returns is stored as the result. Throwing fails the attempt (retried with backoff), and a
 * `PermanentJobError` fails the job at once. */
export type JobHandler = (job: Job, context: JobContext) => Promise<unknown>;

/** A job every instance offers to enqueue every `everyMs`; the dedupe key makes one of them win each period. */
export interface RecurringJob {
  kind: string;
  everyMs: number;
}

/**
 * A failure that another attempt would only repeat (the job's own input is refused): the runner fails the job at once,
 * with this message as its error, instead of retrying it with backoff.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * Runs a step of an import job: the core's refusal of what the job was given becomes its readable, final error (`The
 * import was refused: items[3].name: must be 1 to 300 characters`), since nothing refused once changes by retrying;
 * any other failure is retried as usual.
 */
export async function refusalsAreFinal<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof CoreError) throw new PermanentJobError(`The import was refused: ${error.message}`);
    throw error;
  }
}

/** The admin who started an import, for whom its job acts: their client id names them in the audit log. */
export function importingAdmin(appId: string, clientId: string): AdminPrincipal {
  return { kind: 'admin', appId, clientId, tokenId: '', expiresAt: Number.MAX_SAFE_INTEGER };
}
