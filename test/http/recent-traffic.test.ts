import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentTraffic } from '../../src/http/recent-traffic.ts';

describe("an instance's recent traffic (the console's charts)", () => {
  it('counts requests, failures and refusals per window, with latency percentiles within a bucket', () => {
    const now = 1_000_000;
    const traffic = new RecentTraffic({ windowMs: 10_000, windows: 3, now: () => now });
    for (let n = 1; n <= 100; n += 1) traffic.observeRequest(n);
    traffic.logInFailed();
    traffic.refused();
    traffic.refused();
    const [open] = traffic.windows();
    assert.equal(open?.requests, 100);
    assert.equal(open?.logInFailures, 1);
    assert.equal(open?.refusals, 2);
    // Bucket bounds are 1.25x apart: a percentile is at or above the truth and less than 25% over it.
    for (const [value, truth] of [
      [open?.p50, 50],
      [open?.p95, 95],
      [open?.p99, 99],
    ] as const) {
      assert.ok(
        value !== null && value !== undefined && value >= truth && value < truth * 1.25,
        `${value} for ${truth}`,
      );
    }
  });

  it('closes windows as time passes, fills a quiet stretch with empty ones, and keeps only the last few', () => {
    let now = 0;
    const traffic = new RecentTraffic({ windowMs: 10_000, windows: 3, now: () => now });
    traffic.observeRequest(5);
    now = 25_000;
    traffic.observeRequest(7);
    const windows = traffic.windows();
    assert.deepEqual(
      windows.map((w) => [w.startedAt, w.requests]),
      [
        [0, 1],
        [10_000, 0],
        [20_000, 1],
      ],
    );
    assert.equal(windows[1]?.p50, null, 'no requests, no latency');
    now = 1_000_000;
    const later = traffic.windows();
    assert.equal(later.length, 4, 'three kept, and the open one');
    assert.deepEqual(
      later.map((w) => w.requests),
      [0, 0, 0, 0],
    );
    assert.equal(later.at(-1)?.startedAt, 1_000_000);
  });
});
