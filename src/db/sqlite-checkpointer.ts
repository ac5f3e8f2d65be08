import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies the WAL's committed pages into the database file. */
const checkpointIntervalMs = 100;
/**
 * The WAL's size, in pages, past which the committing connection checkpoints by itself, as SQLite does by default
 * at 1,000: the fallback for a checkpointer that has stopped or cannot keep up (40 MiB of 4 KiB pages).
 */
export const fallbackCheckpointPages = 10_000;

/** What the checkpoint thread reports: a checkpoint that failed, with the error's SQLite code. */
interface CheckpointFailure {
  message: string;
  errcode?: number;
  code?: string;
}

// The thread's whole program. It is evaluated from a string, so it must not depend on this module's TypeScript.
const threadSource = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA synchronous = ' + workerData.synchronous);
const report = (error) =>
  parentPort.postMessage({ message: String(error && error.message), errcode: error && error.errcode, code: error && error.code });
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    report(error);
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try {
    db.close();
  } catch (error) {
    report(error);
  }
  parentPort.close();
});
`;

/**
 * Checkpoints a SQLite database in WAL mode from a thread of its own, so that the event loop never does.
 *
 * A commit in WAL mode appends its pages to the WAL and, with `synchronous = NORMAL`, flushes nothing; but SQLite
 * makes the commit that takes the WAL past 1,000 pages also checkpoint it (copy the pages into the database file and
 * flush both), on the committing thread: Persona's event loop, blocked on two fsyncs every few hundred writes.
 * Here a second connection, on a worker thread, runs passive checkpoints (which never block the writer) every
 * `checkpointIntervalMs`, and the committing connection keeps SQLite's own checkpoint only as a fallback at
 * `fallbackCheckpointPages`. Durability is unchanged: a commit is in the WAL before it is acknowledged either way.
 * See docs/decisions/0003-sqlite-durability.md.
 */
export class SqliteCheckpointer {
  readonly #thread: Worker;
  #stopped: Promise<void> | undefined;

  private constructor(thread: Worker) {
    this.#thread = thread;
  }

  /**
   * Starts the thread for the database file at `path`; `onFailure` is told of every checkpoint that failed (a full
   * disk, an I/O error), as the storage health is told of failed statements.
   */
  static start(
    path: string,
    synchronous: 'FULL' | 'NORMAL',
    onFailure: (error: CheckpointFailure) => void,
  ): SqliteCheckpointer {
    const thread = new Worker(threadSource, {
      eval: true,
      workerData: { path, synchronous, intervalMs: checkpointIntervalMs },
      // Persona's own flags (type stripping, warnings) mean nothing to this plain script.
      execArgv: [],
    });
    thread.on('message', (failure: CheckpointFailure) => onFailure(failure));
    // A thread that died leaves the committing connection's fallback checkpoints; the process must not die with it.
    thread.on('error', (error) => onFailure({ message: error.message }));
    // The database's `close` stops it; a process that never closes its database must still be able to exit.
    thread.unref();
    return new SqliteCheckpointer(thread);
  }

  /** Stops the thread after its current checkpoint; resolves once its connection is closed. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      const exited = once(this.#thread, 'exit');
      this.#thread.postMessage('stop');
      const timeout = setTimeout(() => void this.#thread.terminate(), 5000);
      await exited.catch(() => {});
      clearTimeout(timeout);
    })();
    return this.#stopped;
  }
}
