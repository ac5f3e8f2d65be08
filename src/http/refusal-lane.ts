import type { CoreError } from '../core/errors.ts';

/**
 * The low-priority lane refusals are answered in. A flood of refused calls (rate-limited, throttled, turned away by
 * the hashing budget) is cheap per call but not free: each is parsed and answered like any request, and the event
 * loop answers in arrival order, so 64 flooding connections would otherwise get 64 turns for every turn of a real
 * caller. Here a refusal waits for the end of the event loop's turn, and each turn answers at most `perTurn` of them:
 * while other requests are being served the flood gets a bounded share of the process, and since a flooding
 * connection sends its next call only after its answer, its rate is bounded too. With nothing else to do, turns are
 * short and refusals are answered at once. A refusal never waits for a hash, a lock or the database here.
 */
export class RefusalLane {
  readonly #perTurn: number;
  readonly #maxWaiting: number;
  #waiting: (() => void)[] = [];
  #scheduled = false;

  /** `maxWaiting` bounds what the lane holds; past it a refusal is answered at once (never queued without bound). */
  constructor(options: { perTurn: number; maxWaiting: number }) {
    this.#perTurn = Math.max(1, options.perTurn);
    this.#maxWaiting = options.maxWaiting;
  }

  /** Refusals waiting for their turn now (for the metrics). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves when the refusal may be answered. */
  turn(): Promise<void> {
    if (this.#waiting.length >= this.#maxWaiting) return Promise.resolve();
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#waiting.push(resolve);
    this.#schedule();
    return promise;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs after the turn's I/O (the poll phase), where every other request of the turn was read.
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.#waiting.splice(0, this.#perTurn);
      for (const resolve of batch) resolve();
      if (this.#waiting.length > 0) this.#schedule();
    });
  }
}

/** The answers that go in the lane: refusals of calls that asked too much, not failures of what they asked. */
export function isRefusal(error: CoreError): boolean {
  return error.code === 'rate_limited' || error.code === 'too_many_attempts' || error.code === 'unavailable';
}
