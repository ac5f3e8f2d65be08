import { parentPort } from 'node:worker_threads';

/** A task the pool hands a worker thread: call `exportName` of `module` with `input`. */
export interface WorkerTask {
  id: number;
  module: string;
  exportName: string;
  input: unknown;
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string }
  /** Not the end: what the task reported along the way (its second argument, a function, sends these). */
  | { id: number; progress: unknown };

// The entry point of every worker thread of `WorkerPool`: runs one task at a time, as the pool sends them.
parentPort?.on('message', async (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    const loaded = (await import(task.module)) as Record<string, unknown>;
    const run = loaded[task.exportName];
    if (typeof run !== 'function') throw new Error(`${task.module} exports no function ${task.exportName}`);
    const report = (progress: unknown) => parentPort?.postMessage({ id: task.id, progress } satisfies WorkerReply);
    reply = { id: task.id, ok: true, value: await run(task.input, report) };
  } catch (error) {
    reply = { id: task.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
