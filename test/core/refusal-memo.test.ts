import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RefusalMemo } from '../../src/core/throttling/refusal-memo.ts';

describe('the memory of refusals', () => {
  it('answers a refusal until its time and forgets it after', () => {
    const memo = new RefusalMemo();
    memo.remember('app|pair|a', 2000, 1000);
    assert.equal(memo.refusedUntil('app|pair|a', 1500), 2000);
    assert.equal(memo.refusedUntil('app|pair|a', 2000), undefined, 'ended at its time');
    assert.equal(memo.refusedUntil('app|pair|b', 1500), undefined);
    memo.remember('app|pair|c', 900, 1000);
    assert.equal(memo.size, 1, 'a time already past is not remembered');
  });

  it('stays within its bytes under a flood of long distinct keys, keeping the newest', () => {
    const bound = 1024 * 1024;
    const memo = new RefusalMemo(bound);
    const now = Date.now();
    const key = (i: number) => `app|pair|loginName:${'x'.repeat(380)}${i}|203.0.113.${i % 256}`;
    for (let i = 0; i < 100_000; i++) memo.remember(key(i), now + 60_000, now);
    assert.ok(memo.bytes <= bound, `${memo.bytes} bytes`);
    assert.ok(memo.size > 500 && memo.size < 100_000, `${memo.size} entries`);
    assert.equal(memo.refusedUntil(key(99_999), now), now + 60_000, 'the newest is kept');
    assert.equal(memo.refusedUntil(key(0), now), undefined, 'the oldest went first');
  });
});
