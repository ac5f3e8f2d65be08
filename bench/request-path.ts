/**
 * The many-user request path in-process (issue 22): Kii `GET` and `POST /api/apps/{id}/users/me` through Fastify's
 * `inject` (no sockets), each request for a user not asked for before (a miss of the token and user caches, the case
 * that dominates with many users), PATH_CONCURRENCY (10) at a time. Reports wall time and this process's CPU time per
 * request, and on PostgreSQL the database's CPU time per request. On a machine shared with other work the CPU times
 * are the steadier figure; run two versions of the code alternately to compare them.
 *
 *   node --disable-warning=ExperimentalWarning bench/request-path.ts            (SQLite)
 *   PATH_DATABASE=postgres node --disable-warning=ExperimentalWarning bench/request-path.ts
 *
 * At the end it prints the process's memory and what each cache holds against its bound. With `--expose-gc` it also
 * collects the garbage after every round and prints the heap then, with the caches' estimate: a heap that stops
 * growing once the caches are full says nothing else keeps what the requests left behind (issue 22, item 4):
 *
 *   BENCH_USERS=1000000 PATH_REQUESTS=100000 PATH_ROUNDS=10 PATH_METHODS=GET \
 *     node --expose-gc --disable-warning=ExperimentalWarning bench/request-path.ts
 *
 * Settings: BENCH_USERS (50,000 seeded), PATH_REQUESTS (5,000 a method and round), PATH_ROUNDS (3),
 * PATH_METHODS (GET,POST), PATH_CONCURRENCY (10), BENCH_POSTGRES_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedUsers } from './seed-users.ts';
import { postgresCpuDelta, postgresCpuMs } from './system.ts';

const users = Number(process.env.BENCH_USERS || 50_000);
const perRound = Number(process.env.PATH_REQUESTS || 5_000);
const rounds = Number(process.env.PATH_ROUNDS || 3);
const concurrency = Number(process.env.PATH_CONCURRENCY || 10);
const methods = (process.env.PATH_METHODS || 'GET,POST').split(',') as ('GET' | 'POST')[];
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const onPostgres = process.env.PATH_DATABASE === 'postgres';
const postgresUrl = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const tmp = mkdtempSync(join(os.tmpdir(), 'persona-path-'));
const schema = `persona_path_${randomBytes(4).toString('hex')}`;
const env: Record<string, string> = onPostgres
  ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema }
  : { DATABASE_URL: `sqlite:${join(tmp, 'persona.db')}` };

const persona = await buildApp(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'warn' }), { logger: false });
try {
  const app = await persona.core.apps.createApp('bench', { signUpsPerAddress: 0, logInsPerAddress: 0 });
  const tokens = await seedUsers(env, app.appId, users);
  for (let i = tokens.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [tokens[i], tokens[j]] = [tokens[j] as (typeof tokens)[number], tokens[i] as (typeof tokens)[number]];
  }
  const url = `/api/apps/${app.appId}/users/me`;
  const body = JSON.stringify({ displayName: 'Bench', nick: 'b', level: 3 });
  let next = 0;
  const figures = new Map<string, { wall: number[]; cpu: number[]; db: number[] }>();
  for (let round = 0; round < rounds; round++) {
    for (const method of methods) {
      const batch = tokens.slice(next, next + perRound);
      next += perRound;
      if (batch.length < perRound) throw new Error('not enough users for the rounds asked');
      let index = 0;
      const cpuBefore = process.cpuUsage();
      const dbBefore = onPostgres ? postgresCpuMs() : undefined;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (index < batch.length) {
            const pick = batch[index++] as { token: string };
            const response = await persona.http.inject({
              method,
              url,
              headers: {
                authorization: `Bearer ${pick.token}`,
                ...(method === 'POST' ? { 'content-type': 'application/vnd.kii.UserUpdateRequest+json' } : {}),
              },
              ...(method === 'POST' ? { payload: body } : {}),
            });
            if (response.statusCode !== 200) throw new Error(`${method} answered ${response.statusCode}`);
            // On SQLite a request through `inject` settles in microtasks alone, so without this the event loop never
            // reaches its check phase and `inject`'s own setImmediate callbacks (a request's worth of objects
            // each) pile up for the whole run: a leak of the benchmark, not of the server.
            if (index % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          }
        }),
      );
      const wallUs = ((performance.now() - started) * 1000) / perRound;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuUs = (cpu.user + cpu.system) / perRound;
      const dbUs = dbBefore ? (postgresCpuDelta(dbBefore, postgresCpuMs()) * 1000) / perRound : 0;
      const entry = figures.get(method) ?? { wall: [], cpu: [], db: [] };
      entry.wall.push(wallUs);
      entry.cpu.push(cpuUs);
      entry.db.push(dbUs);
      figures.set(method, entry);
      console.log(
        `round ${round + 1} ${method}: ${wallUs.toFixed(0)} µs wall, ${cpuUs.toFixed(0)} µs CPU` +
          (onPostgres ? `, PostgreSQL ${dbUs.toFixed(0)} µs CPU` : '') +
          ` a request (load ${os.loadavg()[0]?.toFixed(2)})`,
      );
      if (collectGarbage) {
        collectGarbage();
        const cached = Object.values(persona.core.cacheStats()).reduce((sum, stats) => sum + stats.bytes, 0);
        console.log(
          `  after ${next} distinct users and a collection: heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, ` +
            `caches' estimate ${(cached / 2 ** 20).toFixed(0)} MiB`,
        );
      }
    }
  }
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const memory = process.memoryUsage();
  console.log(
    `after ${next} distinct users: RSS ${mib(memory.rss)}, heap used ${mib(memory.heapUsed)}; caches (estimated bytes ` +
      `of their bound): ${Object.entries(persona.core.cacheStats())
        .map(([name, stats]) => `${name} ${stats.entries} entries, ${mib(stats.bytes)} of ${mib(stats.maxBytes)}`)
        .join('; ')}`,
  );
  const best = (values: number[]) => Math.min(...values).toFixed(0);
  console.log(`\n${onPostgres ? 'PostgreSQL' : 'SQLite'}, ${users} users, each request a new user (cache misses):`);
  for (const [method, { wall, cpu, db }] of figures) {
    console.log(
      `${method}: best of ${rounds}: ${best(wall)} µs wall, ${best(cpu)} µs CPU` +
        (onPostgres ? `, PostgreSQL ${best(db)} µs CPU` : '') +
        ` a request (CPU each round: ${cpu.map((v) => v.toFixed(0)).join(', ')})`,
    );
  }
} finally {
  await persona.http.close();
  rmSync(tmp, { recursive: true, force: true });
  if (onPostgres) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}
