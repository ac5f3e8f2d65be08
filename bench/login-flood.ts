/**
 * Log-in floods against the throttle and the bounded hashing budget: `npm run bench:flood`. Persona runs pinned to CPU 0
 * on SQLite, believing X-Forwarded-For from 127.0.0.1 (TRUST_PROXY), so that each request can come from an address of
 * the scenario's choosing; this process (the load) runs where the OS puts it. Per scenario, on a fresh app: first
 * `GET /users/me` alone (10 connections), then the same while 64 connections send wrong passwords in a loop;
 * meanwhile the owner logs in with the right password once a second from the address it always uses. Goal (issue
 * 13): the GET's p99 under the flood within 5× of its quiet figure, and every correct log-in within 1 s.
 *
 * Scenarios (FLOOD_SCENARIOS, comma-separated; all by default):
 * - `one-attacker`: every wrong password from one address against the owner's account (throttled per pair);
 * - `many-addresses`: each wrong password from a random address against the owner's account (the account lock);
 * - `botnet`: each from a random address against a random unknown user (nothing to lock: the hashing budget).
 *
 * Settings: FLOOD_CONNECTIONS (64), FLOOD_SECONDS (12), FLOOD_PIN=0 (unpinned), FLOOD_DATABASE=postgres (a fresh schema
 * of BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test; SQLite otherwise), and Persona's own
 * (HASH_CONCURRENCY…).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { createAppWithCli, freePort, runToEnd, startChild, stopChild, waitForHttp } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const nodeBin = join(root, 'node_modules/.bin/node');
const flags = ['--disable-warning=ExperimentalWarning'];
const floodConnections = Number(process.env.FLOOD_CONNECTIONS ?? 64);
const floodSeconds = Number(process.env.FLOOD_SECONDS ?? 12);
const scenarios = (process.env.FLOOD_SCENARIOS ?? 'one-attacker,many-addresses,botnet').split(',');
const ownerAddress = '198.51.100.1';

/** One autocannon run, as a promise. */
function load(options: Parameters<typeof autocannon>[0]): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolvePromise(result)));
  });
}

/** What `bench/flood-client.ts` prints. */
interface FloodResult {
  requestsPerSecond: number;
  codes: Record<string, number>;
}

const tmp = mkdtempSync(join(os.tmpdir(), 'persona-flood-'));
const onPostgres = process.env.FLOOD_DATABASE === 'postgres';
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `persona_flood_${randomBytes(6).toString('hex')}`;
const env = {
  ...process.env,
  ...(onPostgres
    ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema }
    : { DATABASE_URL: `sqlite:${join(tmp, 'flood.db')}` }),
  LOG_LEVEL: 'warn',
  TRUST_PROXY: '127.0.0.1',
};
const createApp = async () => createAppWithCli(root, env, 'flood');
// Created before the server starts, so that only the server writes the database while it runs.
const appsOfScenarios: Awaited<ReturnType<typeof createApp>>[] = [];
for (const _ of scenarios) appsOfScenarios.push(await createApp());
const port = await freePort('127.0.0.1');
const pinned = process.env.FLOOD_PIN !== '0';
const server = startChild(
  'persona',
  pinned ? 'taskset' : nodeBin,
  [...(pinned ? ['-c', '0', nodeBin] : []), ...flags, 'src/server.ts'],
  {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
  },
);
const base = `http://127.0.0.1:${port}`;
try {
  await waitForHttp(`${base}/healthz`, server);
  for (const [index, scenario] of scenarios.entries()) {
    await runScenario(scenario, appsOfScenarios[index] as Awaited<ReturnType<typeof createApp>>);
  }
} finally {
  await stopChild(server);
  rmSync(tmp, { recursive: true, force: true });
  if (onPostgres) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
}

async function runScenario(scenario: string, created: { appId: string; appKey: string }): Promise<void> {
  const appHeaders = {
    'x-kii-appid': created.appId,
    'x-kii-appkey': created.appKey,
    'content-type': 'application/json',
  };
  const signUp = await fetch(`${base}/api/apps/${created.appId}/users`, {
    method: 'POST',
    headers: { ...appHeaders, 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
    body: JSON.stringify({ loginName: 'flooded', password: 'right-password' }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}`);
  const logIn = (password: string) =>
    fetch(`${base}/api/oauth2/token`, {
      method: 'POST',
      headers: { ...appHeaders, 'x-forwarded-for': ownerAddress },
      body: JSON.stringify({ username: 'flooded', password }),
    });
  const token = ((await (await logIn('right-password')).json()) as { access_token: string }).access_token;
  const me = () =>
    load({
      url: `${base}/api/apps/${created.appId}/users/me`,
      headers: { authorization: `Bearer ${token}` },
      connections: 10,
      duration: 5,
    });
  if (!['one-attacker', 'many-addresses', 'botnet'].includes(scenario)) throw new Error(`unknown scenario ${scenario}`);

  const quiet = await me();
  // Its own process: generating the flood must not delay the client that measures the GET.
  const flood = runToEnd('flood', nodeBin, [...flags, 'bench/flood-client.ts'], {
    cwd: root,
    env: {
      ...process.env,
      FLOOD_URL: base,
      FLOOD_APP_ID: created.appId,
      FLOOD_APP_KEY: created.appKey,
      FLOOD_SCENARIO: scenario,
      FLOOD_CONNECTIONS: String(floodConnections),
      FLOOD_SECONDS: String(floodSeconds),
    },
    timeoutMs: (floodSeconds + 60) * 1000,
  }).then((output) => JSON.parse(output.trim().split('\n').at(-1) as string) as FloodResult);
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 2000));
  const logIns: string[] = [];
  const tryLogIns = (async () => {
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await logIn('right-password');
      logIns.push(`${response.status} in ${Math.round(performance.now() - started)} ms`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
    }
  })();
  const underFlood = await me();
  await tryLogIns;
  const { requestsPerSecond, codes } = await flood;
  console.log(`scenario ${scenario}`);
  console.log(
    `  GET /users/me alone:        ${Math.round(quiet.requests.mean)} req/s, p50 ${quiet.latency.p50} ms, p99 ${quiet.latency.p99} ms`,
  );
  console.log(
    `  GET /users/me under flood:  ${Math.round(underFlood.requests.mean)} req/s, p50 ${underFlood.latency.p50} ms, ` +
      `p99 ${underFlood.latency.p99} ms (${(underFlood.latency.p99 / Math.max(1, quiet.latency.p99)).toFixed(1)}× quiet; goal ≤ 5×)`,
  );
  console.log(
    `  flood (${floodConnections} connections, wrong passwords): ${requestsPerSecond} req/s, answers ${JSON.stringify(codes)}`,
  );
  console.log(`  correct log-ins during the flood: ${logIns.join(', ')} (goal: each within 1 s)`);
}
