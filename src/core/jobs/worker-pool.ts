import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerTask } from './worker-thread.ts';

interface Pending {
  task: WorkerTask;
  onProgress: ((progress: unknown) => void) | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * A bounded set of worker threads for CPU-heavy work (model training, scoring in bulk), so that it never runs on the
 * event loop that answers requests. At most `size` threads, started when first needed; at most `maxQueued` tasks wait
 * for one, and more are refused at once rather than queued without bound. A thread that dies fails its task and is
 * replaced by the next task that needs one.
 */
export class WorkerPool {
  readonly #size: number;
  readonly #maxQueued: number;
  readonly #idle: Worker[] = [];
  readonly #running = new Map<Worker, Pending>();
  readonly #queue: Pending[] = [];
  #nextId = 1;
  #closed = false;

  constructor(size: number, maxQueued = 100) {
    this.#size = size;
    this.#maxQueued = maxQueued;
  }

  /**
   * Calls the named export of `module` (a file URL) with `input` on a worker thread; resolves with its result. The
   * export's second argument is a function that sends progress to `onProgress`.
   */
  run<T>(module: string, exportName: string, input: unknown, onProgress?: (progress: unknown) => void): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.#size < 1) return Promise.reject(new Error('worker threads are disabled (WORKER_THREADS=0)'));
    if (this.#queue.length >= this.#maxQueued) return Promise.reject(new Error('too many tasks wait for a worker'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        task: { id: this.#nextId++, module, exportName, input },
        onProgress,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.#dispatch();
    });
  }

  /** The threads it may run (0: worker threads are off). */
  get size(): number {
    return this.#size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('the worker pool closed'));
    const workers = [...this.#idle.splice(0), ...this.#running.keys()];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#running.size < this.#size ? this.#spawn() : undefined);
      if (!worker) return;
      const pending = this.#queue.shift() as Pending;
      this.#running.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.task);
    }
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./worker-thread.ts', import.meta.url));
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.#running.get(worker);
      if (!pending || pending.task.id !== reply.id) return;
      if ('progress' in reply) {
        try {
          pending.onProgress?.(reply.progress);
        } catch {
          // A listener's failure is not the task's.
        }
        return;
      }
      this.#running.delete(worker);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.message));
      if (this.#closed) return;
      worker.unref();
      this.#idle.push(worker);
      this.#dispatch();
    });
    const died = (error: Error) => {
      const pending = this.#running.get(worker);
      this.#running.delete(worker);
      const idle = this.#idle.indexOf(worker);
      if (idle >= 0) this.#idle.splice(idle, 1);
      pending?.reject(error);
      if (!this.#closed) this.#dispatch();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the worker thread exited with code ${code}`)));
    return worker;
  }
}
