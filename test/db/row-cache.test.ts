import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDatabase, type PersonaDatabase } from '../../src/db/database.ts';
import { RowCache } from '../../src/db/row-cache.ts';
import { InProcessEventBus, type PersonaEvent } from '../../src/events/bus.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A bus whose liveness and gaps the test controls. */
class TestBus extends InProcessEventBus {
  connected = true;
  override get live(): boolean {
    return this.connected;
  }
  gap(): void {
    this.signalGap();
  }
}

interface Token {
  id: string;
  userId: string;
}

describe('the row cache', () => {
  let database: PersonaDatabase;
  let bus: TestBus;

  before(() => {
    database = openDatabase({ url: 'sqlite::memory:' });
    bus = new TestBus();
    database.unitOfWork.useBus(bus);
  });
  after(() => database.close());

  const tokenCache = (maxBytes: number) =>
    new RowCache<Token>(
      {
        maxBytes,
        ttlMs: 60_000,
        sizeOf: () => 200,
        tagsOf: (token) => [`user:${token.userId}`, `token:${token.id}`],
        invalidatedBy: (event) =>
          event.type === 'tokens.ended' && event.userId ? { tags: [`user:${event.userId}`] } : undefined,
      },
      bus,
      database.unitOfWork,
    );

  it('stays within its bound, index included, after a million distinct keys', async () => {
    const maxBytes = 1024 * 1024;
    const cache = tokenCache(maxBytes);
    const token = (i: number): Token => ({ id: `t${i}`, userId: `u${i % 50_000}` });
    const heapBefore = heapAfterGc();
    // A thousand keys per await: the test runner tracks every promise (an async hook), which cost more than the cache
    // itself when each key was its own `read`. Each batch still starts with a `read`, so both entries store a key.
    const batch = 1000;
    for (let start = 0; start < 1_000_000; start += batch) {
      await cache.read(`key-${start}`, async () => token(start));
      const keys = Array.from({ length: batch - 1 }, (_, j) => `key-${start + 1 + j}`);
      await cache.readMany(keys, async (missing) => new Map(missing.map((key) => [key, token(Number(key.slice(4)))])));
    }
    const stats = cache.stats;
    assert.equal(stats.misses, 1_000_000, 'a million distinct keys were loaded and stored');
    const heapGrowth = heapAfterGc() - heapBefore;
    assert.ok(stats.bytes <= maxBytes, `${stats.bytes} bytes held against a bound of ${maxBytes}`);
    assert.ok(stats.entries > 100 && stats.entries < 5000, `${stats.entries} entries`);
    assert.equal(stats.taggedKeys, stats.entries * 2, 'every evicted entry left the tag index');
    assert.ok(stats.tags <= stats.entries * 2);
    assert.ok(stats.tagSlots <= stats.tags * 2 + 1100, `${stats.tagSlots} slots for ${stats.tags} tags`);
    // The old token cache grew by 159 MB over 300,000 tokens; a few MB of slack covers the LRU's own arrays.
    assert.ok(heapGrowth < 16 * 1024 * 1024, `the heap grew by ${(heapGrowth / 1048576).toFixed(1)} MB`);
  });

  it('bounds rows by their bytes, not their number: users with 63 KB of custom fields', async () => {
    const maxBytes = 8 * 1024 * 1024;
    const cache = new RowCache<{ customFields: Record<string, string> }>(
      {
        maxBytes,
        ttlMs: 60_000,
        sizeOf: (user) => 1024 + 4 * JSON.stringify(user.customFields).length,
        invalidatedBy: () => undefined,
      },
      bus,
      database.unitOfWork,
    );
    const heapBefore = heapAfterGc();
    for (let i = 0; i < 400; i++) {
      // Many short fields, the worst case for parsed size against text size.
      const customFields = Object.fromEntries(
        Array.from({ length: 3000 }, (_, f) => [`f${f}`, `value-${i}-${f}`.padEnd(12, 'x')]),
      );
      await cache.read(`user-${i}`, async () => ({ customFields }));
    }
    const heapGrowth = heapAfterGc() - heapBefore;
    assert.ok(cache.stats.bytes <= maxBytes);
    assert.ok(cache.stats.entries < 200, `${cache.stats.entries} users of ~63 KB in 8 MB`);
    assert.ok(
      heapGrowth < maxBytes * 1.5,
      `the heap grew by ${(heapGrowth / 1048576).toFixed(1)} MB for an 8 MB bound`,
    );
  });

  it('drops a group by tag, and a value read before a drop is not stored after it', async () => {
    const cache = tokenCache(1024 * 1024);
    let loads = 0;
    const load = async () => {
      loads++;
      return { id: 't1', userId: 'u1' };
    };
    await cache.read('a', load);
    await cache.read('a', load);
    assert.equal(loads, 1, 'the second read was a hit');
    bus.deliver([{ type: 'tokens.ended', appId: 'app', userId: 'u1' } satisfies PersonaEvent]);
    assert.equal(cache.stats.entries, 0);

    // A load in flight when the drop arrives: its (old) value must not be kept.
    let finish: (value: Token) => void = () => {};
    const pending = cache.read('b', () => new Promise<Token>((resolve) => (finish = resolve)));
    cache.dropTag('user:u2');
    finish({ id: 't2', userId: 'u2' });
    await pending;
    assert.equal(cache.stats.entries, 0, 'the racing read stored nothing');
  });

  it('keeps nothing while the bus is not live, and drops everything at a gap', async () => {
    const cache = tokenCache(1024 * 1024);
    await cache.read('a', async () => ({ id: 't1', userId: 'u1' }));
    assert.equal(cache.stats.entries, 1);
    bus.connected = false;
    bus.gap();
    assert.equal(cache.stats.entries, 0);
    await cache.read('b', async () => ({ id: 't2', userId: 'u2' }));
    assert.equal(cache.stats.entries, 0, 'nothing stored while events could be missed');
    bus.connected = true;
    await cache.read('b', async () => ({ id: 't2', userId: 'u2' }));
    assert.equal(cache.stats.entries, 1);
  });

  it('is neither read nor filled inside a unit of work', async () => {
    const cache = tokenCache(1024 * 1024);
    await cache.read('a', async () => ({ id: 'cached', userId: 'u1' }));
    const inside = await database.unitOfWork.run(async () => {
      const seen = await cache.read('a', async () => ({ id: 'fresh', userId: 'u1' }));
      await cache.read('c', async () => ({ id: 'c', userId: 'u3' }));
      return seen;
    });
    assert.equal(inside?.id, 'fresh', 'a unit reads the database, which may hold its own uncommitted writes');
    assert.equal(cache.stats.entries, 1, 'and stores nothing it read');
  });

  it('reads many keys with one load for the misses, and stores nothing a drop overtook', async () => {
    const cache = tokenCache(1024 * 1024);
    await cache.read('a', async () => ({ id: 'a', userId: 'u1' }));
    const asked: string[][] = [];
    const load = async (missing: string[]) => {
      asked.push(missing);
      return new Map(missing.filter((key) => key !== 'nowhere').map((key) => [key, { id: key, userId: 'u2' }]));
    };
    const found = await cache.readMany(['a', 'b', 'c', 'b', 'nowhere'], load);
    assert.deepEqual(asked, [['b', 'c', 'nowhere']], 'one load, for the misses only, each once');
    assert.deepEqual([...found.keys()].sort(), ['a', 'b', 'c']);
    await cache.readMany(['b', 'c'], load);
    assert.equal(asked.length, 1, 'the loaded keys were stored');

    // A drop while the load is in flight: what it read may be old, so it is answered but not stored.
    const slow = cache.readMany(['d'], async (missing) => {
      cache.dropTag('user:u9');
      return new Map(missing.map((key) => [key, { id: key, userId: 'u3' }]));
    });
    assert.equal((await slow).get('d')?.userId, 'u3');
    await cache.readMany(['d'], load);
    assert.deepEqual(asked.at(-1), ['d']);
  });

  it('keeps a value read elsewhere only if nothing was dropped since its mark, and never over a held entry', async () => {
    const cache = tokenCache(1024 * 1024);
    const mark = cache.mark();
    cache.offer('a', { id: 'a', userId: 'u1' }, mark);
    assert.equal(cache.stats.entries, 1, 'kept');
    assert.equal((await cache.read('a', async () => ({ id: 'loaded', userId: 'u1' })))?.id, 'a', 'and answered');

    cache.offer('a', { id: 'other', userId: 'u1' }, cache.mark());
    assert.equal((await cache.read('a', async () => ({ id: 'loaded', userId: 'u1' })))?.id, 'a', 'not replaced');

    // A drop between the mark (before the read) and the offer: the value may be older than the change.
    const early = cache.mark();
    cache.dropTag('user:u9');
    cache.offer('b', { id: 'b', userId: 'u2' }, early);
    assert.equal(cache.stats.entries, 1, 'the overtaken value was not kept');

    bus.connected = false;
    cache.offer('c', { id: 'c', userId: 'u3' }, cache.mark());
    bus.connected = true;
    const inside = database.unitOfWork.run(async () => cache.offer('d', { id: 'd', userId: 'u4' }, cache.mark()));
    await inside;
    assert.equal(cache.stats.entries, 1, 'nothing kept while the bus is not live, or inside a unit of work');
  });

  it('is off at 0 bytes', async () => {
    const cache = tokenCache(0);
    let loads = 0;
    for (let i = 0; i < 3; i++) {
      await cache.read('a', async () => {
        loads++;
        return { id: 't', userId: 'u' };
      });
    }
    assert.equal(loads, 3);
    assert.equal(cache.stats.entries, 0);
  });
});
