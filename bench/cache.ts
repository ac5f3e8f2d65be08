/**
 * The row cache on its own (`npm run bench:cache`): what a hit, a miss and an invalidation cost with 50,000 entries,
 * and the pattern that once made it slow — one key invalidated and read again over and over (a user updated again and
 * again) in a large cache. In-process, no database: the loader answers at once, so the figures are the cache's own.
 *
 *   npm run bench:cache
 */
import { openDatabase } from '../src/db/database.ts';
import { RowCache } from '../src/db/row-cache.ts';
import { InProcessEventBus } from '../src/events/bus.ts';

interface Row {
  id: string;
  userId: string;
}

const entries = 50_000;
const rounds = 200_000;
const database = openDatabase({ url: 'sqlite::memory:' });
const bus = new InProcessEventBus();
const cache = new RowCache<Row>(
  {
    maxBytes: 64 * 1024 * 1024,
    ttlMs: 60_000,
    sizeOf: () => 450,
    tagsOf: (row) => [`user:${row.userId}`, `token:${row.id}`],
    invalidatedBy: () => undefined,
  },
  bus,
  database.unitOfWork,
);
const load = (i: number) => async () => ({ id: `t${i}`, userId: `u${i}` });

async function measure(name: string, round: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10_000; i++) await round(i);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await round(i);
  const microseconds = ((performance.now() - started) / rounds) * 1000;
  console.log(`${name.padEnd(52)} ${microseconds.toFixed(2).padStart(7)} µs`);
}

for (let i = 0; i < entries; i++) await cache.read(`key-${i}`, load(i));
console.log(`RowCache with ${cache.stats.entries} entries (${(cache.stats.bytes / 1048576).toFixed(1)} MB estimated)`);
await measure('hit, a random key', (i) => cache.read(`key-${(i * 7919) % entries}`, load(i)));
await measure('miss and store, a new key each time (evicting)', (i) => cache.read(`new-${i}`, load(i)));
await measure('one key dropped and read again, over and over', async (i) => {
  cache.drop('key-1');
  return cache.read('key-1', load(i));
});
await measure('one tag dropped and its entry read again', async () => {
  cache.dropTag('user:u2');
  return cache.read('key-2', async () => ({ id: 't2', userId: 'u2' }));
});
await database.close();
