/**
 * Two versions of Persona in one process (issue 22), Kii `GET /api/apps/{id}/users/me` through Fastify's `inject`,
 * alternated in slices of AB_SLICE (2,000) requests so that both meet the same machine from one moment to the next:
 * on a machine that other work keeps busy, the figures of separate runs (or of servers loaded in turn for seconds)
 * drift by more than the difference sought. Reports this process's CPU time per request, the best and the median
 * slice of each, and on PostgreSQL the database's CPU per request.
 *
 *   node --disable-warning=ExperimentalWarning bench/request-path-ab.ts <tree A> <tree B>
 *   PATH_DATABASE=postgres node --disable-warning=ExperimentalWarning bench/request-path-ab.ts /work/main .
 *
 * Cases: one logged-in user (its token bound to its household profile) asked again and again, all cache hits; and,
 * with BENCH_USERS (50,000) seeded users, each request for a user not asked before (token and user caches missed).
 * Requests run AB_CONCURRENCY (10) at a time. Each tree has its own database (SQLite file or PostgreSQL schema);
 * `inject` leaves out sockets and the HTTP parser, which both versions share. Settings: AB_SLICES (10 a case and
 * tree), AB_SLICE, BENCH_POSTGRES_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { postgresCpuDelta, postgresCpuMs } from './system.ts';

const trees = process.argv.slice(2).map((tree) => resolve(tree));
if (trees.length !== 2) {
  console.error('usage: node bench/request-path-ab.ts <tree A> <tree B>');
  process.exit(2);
}
const users = Number(process.env.BENCH_USERS ?? 50_000);
const slices = Number(process.env.AB_SLICES || 10);
const slice = Number(process.env.AB_SLICE || 2000);
const concurrency = Number(process.env.AB_CONCURRENCY || 10);
const onPostgres = process.env.PATH_DATABASE === 'postgres';
const postgresUrl = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const tmp = mkdtempSync(join(os.tmpdir(), 'persona-path-ab-'));

interface Side {
  name: string;
  tree: string;
  schema: string;
  inject: (options: object) => Promise<{ statusCode: number; body: string }>;
  close: () => Promise<void>;
  url: string;
  hitToken: string;
  missTokens: string[];
  next: number;
}

const sides: Side[] = [];
try {
  for (const [index, tree] of trees.entries()) {
    const name = 'AB'[index] as string;
    const schema = `persona_path_ab_${randomBytes(4).toString('hex')}`;
    const env: Record<string, string> = onPostgres
      ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema }
      : { DATABASE_URL: `sqlite:${join(tmp, `${name}.db`)}` };
    const { buildApp } = (await import(join(tree, 'src/app.ts'))) as typeof import('../src/app.ts');
    const { loadConfig } = (await import(join(tree, 'src/config.ts'))) as typeof import('../src/config.ts');
    const { seedUsers } = (await import(join(tree, 'bench/seed-users.ts'))) as typeof import('./seed-users.ts');
    const persona = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'warn' }), { logger: false });
    const app = await persona.core.apps.createApp('bench', { signUpsPerAddress: 0, logInsPerAddress: 0 });
    const inject = (options: object) => persona.http.inject(options) as Promise<{ statusCode: number; body: string }>;
    const appHeaders = { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey };
    const signUp = await inject({
      method: 'POST',
      url: `/api/apps/${app.appId}/users`,
      headers: { ...appHeaders, 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
      payload: JSON.stringify({ loginName: 'hit', password: 'pw-hit-123456', displayName: 'Hit', nick: 'a' }),
    });
    if (signUp.statusCode !== 201) throw new Error(`${name}: sign-up answered ${signUp.statusCode}: ${signUp.body}`);
    const logIn = await inject({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: { ...appHeaders, 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'hit', password: 'pw-hit-123456' }),
    });
    const hitToken = (JSON.parse(logIn.body) as { access_token: string }).access_token;
    const seeded = users > 0 ? await seedUsers(env, app.appId, users) : [];
    console.log(` (${name})`);
    const missTokens = seeded.map((t) => t.token).sort(() => Math.random() - 0.5);
    sides.push({
      name,
      tree,
      schema,
      inject,
      close: () => persona.http.close(),
      url: `/api/apps/${app.appId}/users/me`,
      hitToken,
      missTokens,
      next: 0,
    });
  }

  const cases = [
    { name: 'GET, one user, cache hits', tokens: (side: Side) => Array.from({ length: slice }, () => side.hitToken) },
    ...(users > 0
      ? [
          {
            name: `GET, ${users} users, each new (misses)`,
            tokens: (side: Side) => {
              const batch = side.missTokens.slice(side.next, side.next + slice);
              side.next += slice;
              if (batch.length < slice) throw new Error('not enough users for the slices asked');
              return batch;
            },
          },
        ]
      : []),
  ];
  const figures = new Map<string, { cpu: number[]; db: number[] }>();
  // A first slice of each, unmeasured: the JIT and the caches.
  for (const benchCase of cases) for (const side of sides) await run(side, benchCase.tokens(side));
  for (let round = 0; round < slices; round++) {
    for (const benchCase of cases) {
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const tokens = benchCase.tokens(side);
        const dbBefore = onPostgres ? postgresCpuMs() : undefined;
        const cpuBefore = process.cpuUsage();
        await run(side, tokens);
        const cpu = process.cpuUsage(cpuBefore);
        const key = `${benchCase.name} | ${side.name}`;
        const entry = figures.get(key) ?? { cpu: [], db: [] };
        entry.cpu.push((cpu.user + cpu.system) / tokens.length);
        if (dbBefore) entry.db.push((postgresCpuDelta(dbBefore, postgresCpuMs()) * 1000) / tokens.length);
        figures.set(key, entry);
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  console.log(`\n${sides.map((s) => `${s.name} = ${s.tree}`).join(', ')}`);
  console.log(
    `${onPostgres ? 'PostgreSQL' : 'SQLite'}, ${slices} slices of ${slice} requests, ${concurrency} at a time, ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    `| case | tree | CPU µs a request: best / median |${onPostgres ? ' PostgreSQL CPU µs: best / median |' : ''}`,
  );
  console.log(`| --- | --- | ---: |${onPostgres ? ' ---: |' : ''}`);
  for (const [key, { cpu, db }] of figures) {
    const [name, tree] = key.split(' | ');
    console.log(
      `| ${name} | ${tree} | ${Math.min(...cpu).toFixed(1)} / ${median(cpu).toFixed(1)} |` +
        (onPostgres ? ` ${Math.min(...db).toFixed(1)} / ${median(db).toFixed(1)} |` : ''),
    );
  }
} finally {
  for (const side of sides) await side.close();
  rmSync(tmp, { recursive: true, force: true });
  if (onPostgres) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    for (const side of sides) await client.query(`drop schema if exists "${side.schema}" cascade`);
    await client.end();
  }
}

/** Sends GET /users/me once for each token, `concurrency` at a time; any answer but 200 stops the benchmark. */
async function run(side: Side, tokens: string[]): Promise<void> {
  let index = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (index < tokens.length) {
        const token = tokens[index++] as string;
        const response = await side.inject({
          method: 'GET',
          url: side.url,
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.statusCode !== 200) throw new Error(`${side.name}: GET answered ${response.statusCode}`);
      }
    }),
  );
}
