/**
 * Two versions of the server, alternately, on one database (issue 22): the server's CPU time per request of Kii
 * `GET /api/apps/{id}/users/me`, for one logged-in user (a token bound to its household profile, every request a cache
 * hit) and for BENCH_USERS seeded users with each request a random one. Each tree's `src/server.ts` runs pinned to
 * CPU 0, both started at once and loaded in turn (A, B, A, B…) by autocannon on CPU 1, so that the two meet the same
 * machine; CPU time is read from /proc, which a busy machine inflates less than it cuts req/s.
 *
 *   node --disable-warning=ExperimentalWarning bench/path-ab.ts <tree A> <tree B>
 *   PATH_DATABASE=postgres node --disable-warning=ExperimentalWarning bench/path-ab.ts /work/main .
 *
 * The trees must share the database schema (the same migrations). Settings: BENCH_USERS (50,000; 0 for the one-user
 * case only), AB_ROUNDS (3), AB_DURATION (5 s a case and tree), BENCH_CONNECTIONS (50), BENCH_POSTGRES_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { cleanUp, cpuTimeMs, freePort, onCleanUp, runToEnd, startChild, stopChild, waitForHttp } from './processes.ts';
import { seedUsers } from './seed-users.ts';
import { postgresCpuDelta, postgresCpuMs } from './system.ts';

const trees = process.argv.slice(2).map((tree) => resolve(tree));
if (trees.length < 2) {
  console.error('usage: node bench/path-ab.ts <tree A> <tree B>');
  process.exit(2);
}
const users = Number(process.env.BENCH_USERS ?? 50_000);
const rounds = Number(process.env.AB_ROUNDS || 3);
const duration = Number(process.env.AB_DURATION || 5);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const onPostgres = process.env.PATH_DATABASE === 'postgres';
const postgresUrl = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const HOST = '127.0.0.1';
const tmp = mkdtempSync(join(os.tmpdir(), 'persona-ab-'));
const schema = `persona_ab_${randomBytes(4).toString('hex')}`;
const env: Record<string, string> = onPostgres
  ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema }
  : { DATABASE_URL: `sqlite:${join(tmp, 'persona.db')}` };
onCleanUp('temporary files', () => rmSync(tmp, { recursive: true, force: true }));
if (onPostgres) onCleanUp(`drop schema ${schema}`, () => dropSchema(schema));

const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const base: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: 'warn', ...extra };
  delete base.NODE_OPTIONS;
  return base;
};
const nodeOf = (tree: string) => join(tree, 'node_modules/.bin/node');

try {
  // The first tree migrates the database and creates the app; both serve it.
  const created = await runToEnd(
    'apps create',
    nodeOf(trees[0] as string),
    [
      '--disable-warning=ExperimentalWarning',
      join(trees[0] as string, 'src/cli.ts'),
      'apps',
      'create',
      '--name',
      'ab',
      '--json',
    ],
    { cwd: trees[0] as string, env: childEnv({}) },
  );
  const app = JSON.parse(created.trim().split('\n').at(-1) ?? '') as { appId: string; appKey: string };
  const many = users > 0 ? await seedUsers(env, app.appId, users) : [];
  console.log('');
  const servers = [];
  for (const [index, tree] of trees.entries()) {
    const port = await freePort(HOST);
    const child = startChild(
      `server ${'AB'[index]}`,
      'taskset',
      ['-c', '0', nodeOf(tree), '--disable-warning=ExperimentalWarning', join(tree, 'src/server.ts')],
      { cwd: tree, env: childEnv({ PORT: String(port), HOST }) },
    );
    const base = `http://${HOST}:${port}`;
    await waitForHttp(`${base}/healthz`, child);
    servers.push({ name: 'AB'[index] as string, tree, child, base });
  }
  const token = await logIn(servers[0]?.base as string, app);
  const url = (base: string) => `${base}/api/apps/${app.appId}/users/me`;
  const cases = [
    { name: 'GET, one user (cache hits)', tokens: [token] },
    ...(users > 0 ? [{ name: `GET, ${users} users`, tokens: many.map((t) => t.token) }] : []),
  ];
  const figures = new Map<string, { rps: number[]; cpuUs: number[]; dbUs: number[] }>();
  for (let round = 0; round < rounds; round++) {
    for (const benchCase of cases) {
      for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
        await load(url(server.base), benchCase.tokens, 2); // warm-up: caches, JIT
        await sleep(300);
        const pid = server.child.process.pid as number;
        const cpuBefore = cpuTimeMs(pid) ?? 0;
        const dbBefore = onPostgres ? postgresCpuMs() : undefined;
        const result = await load(url(server.base), benchCase.tokens, duration);
        await sleep(200);
        const cpu = (cpuTimeMs(pid) ?? 0) - cpuBefore;
        const requests = result.requests.total;
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${server.name}: ${result.non2xx} non-2xx answers`);
        const key = `${benchCase.name} | ${server.name}`;
        const entry = figures.get(key) ?? { rps: [], cpuUs: [], dbUs: [] };
        entry.rps.push(result.requests.average);
        entry.cpuUs.push((cpu * 1000) / requests);
        if (dbBefore) entry.dbUs.push((postgresCpuDelta(dbBefore, postgresCpuMs()) * 1000) / requests);
        figures.set(key, entry);
        console.log(
          `round ${round + 1} ${key}: ${Math.round(result.requests.average)} req/s, ` +
            `${((cpu * 1000) / requests).toFixed(1)} µs server CPU a request, load ${os.loadavg()[0]?.toFixed(2)}`,
        );
      }
    }
  }
  console.log(`\n${servers.map((s) => `${s.name} = ${s.tree}`).join(', ')}; ${onPostgres ? 'PostgreSQL' : 'SQLite'}`);
  console.log(
    '| case | tree | req/s (rounds) | server CPU µs a request (rounds) | best |' +
      (onPostgres ? ' PostgreSQL CPU µs |' : ''),
  );
  for (const [key, entry] of figures) {
    const [name, tree] = key.split(' | ');
    console.log(
      `| ${name} | ${tree} | ${entry.rps.map((r) => Math.round(r)).join(', ')} | ${entry.cpuUs.map((c) => c.toFixed(1)).join(', ')} | ${Math.min(...entry.cpuUs).toFixed(1)} |` +
        (onPostgres ? ` ${entry.dbUs.map((c) => c.toFixed(1)).join(', ')} |` : ''),
    );
  }
  for (const server of servers) await stopChild(server.child);
} finally {
  await cleanUp();
}

function load(target: string, tokens: string[], seconds: number): Promise<Result> {
  const requests =
    tokens.length > 1
      ? [
          {
            setupRequest: (request: { headers: Record<string, string> }) => {
              const pick = tokens[Math.floor(Math.random() * tokens.length)] as string;
              request.headers = { ...request.headers, authorization: `Bearer ${pick}` };
              return request;
            },
          },
        ]
      : undefined;
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url: target,
        headers: { authorization: `Bearer ${tokens[0]}` },
        ...(requests ? { requests } : {}),
        connections,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolvePromise(result)),
    );
  });
}

/** Signs a user up and logs it in (the log-in binds its default household profile to the token). */
async function logIn(base: string, app: { appId: string; appKey: string }): Promise<string> {
  const headers = { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey };
  const loginName = `ab-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const signUp = await fetch(`${base}/api/apps/${app.appId}/users`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
    body: JSON.stringify({ loginName, password, displayName: 'Bench User', nick: 'a', level: 1 }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const logInAnswer = await fetch(`${base}/api/oauth2/token`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ username: loginName, password }),
  });
  const { access_token: token } = (await logInAnswer.json()) as { access_token: string };
  return token;
}

async function dropSchema(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${name} cascade`);
  } finally {
    await client.end();
  }
}
