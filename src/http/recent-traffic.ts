/**
 * This instance's traffic of the last minutes, for the console's charts: requests, their latency, log-in failures and
 * refusals, counted in windows of `windowMs` and kept for `windows` of them (a fixed bound: 60 windows of a fixed
 * array each). Unlike the Prometheus metrics it is always kept (a request costs an increment and a bucket look-up),
 * and it is this instance's only: several instances each see their own share.
 */
export interface TrafficWindow {
  /** When the window began (epoch ms). */
  startedAt: number;
  requests: number;
  /** Latency percentiles in milliseconds (the upper bound of the bucket each falls in), null without requests. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  logInFailures: number;
  refusals: number;
}

/** Bucket upper bounds in ms: 1.25× apart from 0.1 ms to past 30 s, so a percentile is within 25% of the truth. */
const bucketBounds: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let bound = 0.1; bound < 40_000; bound *= 1.25) bounds.push(Number(bound.toPrecision(3)));
  return bounds;
})();

interface OpenWindow {
  startedAt: number;
  buckets: Uint32Array;
  requests: number;
  logInFailures: number;
  refusals: number;
}

export class RecentTraffic {
  readonly windowMs: number;
  readonly #kept: number;
  readonly #closed: TrafficWindow[] = [];
  readonly #now: () => number;
  #open: OpenWindow;

  constructor(options: { windowMs?: number; windows?: number; now?: () => number } = {}) {
    this.windowMs = options.windowMs ?? 10_000;
    this.#kept = options.windows ?? 60;
    this.#now = options.now ?? Date.now;
    this.#open = this.#newWindow(this.#windowStart(this.#now()));
  }

  observeRequest(durationMs: number): void {
    const window = this.#current();
    window.requests += 1;
    let bucket = 0;
    while (bucket < bucketBounds.length - 1 && (bucketBounds[bucket] ?? 0) < durationMs) bucket += 1;
    window.buckets[bucket] = (window.buckets[bucket] ?? 0) + 1;
  }

  logInFailed(): void {
    this.#current().logInFailures += 1;
  }

  refused(): void {
    this.#current().refusals += 1;
  }

  /** The finished windows of the last minutes, oldest first, each empty window included, and the open one last. */
  /** How far back the windows reach at most. */
  get keptMs(): number {
    return this.#kept * this.windowMs;
  }

  windows(): TrafficWindow[] {
    const open = this.#current();
    return [...this.#closed, summarize(open)];
  }

  #windowStart(at: number): number {
    return Math.floor(at / this.windowMs) * this.windowMs;
  }

  #newWindow(startedAt: number): OpenWindow {
    return { startedAt, buckets: new Uint32Array(bucketBounds.length), requests: 0, logInFailures: 0, refusals: 0 };
  }

  /** The window now falls in: the open one is closed (with empty ones for any quiet stretch) when time passed it. */
  #current(): OpenWindow {
    const start = this.#windowStart(this.#now());
    if (start === this.#open.startedAt) return this.#open;
    this.#closed.push(summarize(this.#open));
    const quietSince = Math.max(this.#open.startedAt + this.windowMs, start - this.#kept * this.windowMs);
    for (let at = quietSince; at < start; at += this.windowMs) this.#closed.push(summarize(this.#newWindow(at)));
    if (this.#closed.length > this.#kept) this.#closed.splice(0, this.#closed.length - this.#kept);
    this.#open = this.#newWindow(start);
    return this.#open;
  }
}

function summarize(window: OpenWindow): TrafficWindow {
  const percentile = (fraction: number): number | null => {
    if (window.requests === 0) return null;
    const rank = Math.ceil(fraction * window.requests);
    let seen = 0;
    for (let bucket = 0; bucket < window.buckets.length; bucket += 1) {
      seen += window.buckets[bucket] ?? 0;
      if (seen >= rank) return bucketBounds[bucket] ?? null;
    }
    return bucketBounds[bucketBounds.length - 1] ?? null;
  };
  return {
    startedAt: window.startedAt,
    requests: window.requests,
    p50: percentile(0.5),
    p95: percentile(0.95),
    p99: percentile(0.99),
    logInFailures: window.logInFailures,
    refusals: window.refusals,
  };
}
