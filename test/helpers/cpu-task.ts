import { threadId } from 'node:worker_threads';

/** CPU-bound work for the worker-pool tests: spins for `ms` milliseconds and says on which thread it ran. */
export function burn(input: { ms: number }): { threadId: number; iterations: number } {
  const until = performance.now() + input.ms;
  let iterations = 0;
  while (performance.now() < until) iterations++;
  return { threadId, iterations };
}

export function fail(): never {
  throw new Error('the task failed on purpose');
}
