/**
 * Sign-up and log-in throughput (issue 22, item 6): `npm run bench:credentials`.
 *
 * 1. What the password hash's parameters cost: argon2id at Persona's setting and at OWASP's other equivalent settings,
 *    hashed in this process (one core), in ms a hash and hashes a second a core.
 * 2. Per database, against a Persona of its own (HASH_CONCURRENCY and HASH_QUEUE_LENGTH at their defaults unless set):
 *    sign-ups (`POST /api/apps/{appID}/users`, each a new login name) and log-ins (`POST /api/oauth2/token`, each a
 *    random one of the users just signed up, right password) from CRED_CONNECTIONS closed-loop clients, with the
 *    server's CPU time an operation (its threads included: argon2 runs on libuv's pool) and the answers' codes;
 *    then `GET /users/me` (10 connections) alone and while the log-ins run at full speed: log-ins must not starve reads.
 *
 * Settings: BENCH_DATABASES (sqlite,postgres), CRED_CONNECTIONS (8), CRED_SECONDS (10), CRED_HASHES (20 a setting),
 * BENCH_POSTGRES_URL.
 */
import { argon2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { cpuTimeMs, createAppWithCli, freePort, startChild, stopChild, waitForHttp } from './processes.ts';

const root = resolve(import.meta.dirname, '..');
const nodeBin = join(root, 'node_modules/.bin/node');
const flags = ['--disable-warning=ExperimentalWarning'];
const connections = Number(process.env.CRED_CONNECTIONS ?? 8);
const seconds = Number(process.env.CRED_SECONDS ?? 10);
const hashesPerSetting = Number(process.env.CRED_HASHES ?? 20);
const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const password = 'a long enough password 1';

/** OWASP's argon2id settings of equal strength (memory in KiB); the first is Persona's (src/core/identity/passwords.ts). */
const settings = [
  { memory: 19_456, passes: 2 },
  { memory: 47_104, passes: 1 },
  { memory: 12_288, passes: 3 },
  { memory: 9_216, passes: 4 },
  { memory: 7_168, passes: 5 },
];

function load(options: Parameters<typeof autocannon>[0]): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolvePromise(result)));
  });
}

function hashCost(): void {
  console.log(`argon2id, p=1, 32-byte tag, ${hashesPerSetting} hashes a setting, this process (load ${loadAverage()})`);
  for (const { memory, passes } of settings) {
    const hash = () =>
      argon2Sync('argon2id', {
        message: password,
        nonce: randomBytes(16),
        memory,
        passes,
        parallelism: 1,
        tagLength: 32,
      });
    hash();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < hashesPerSetting; i++) hash();
    const wallMs = (performance.now() - started) / hashesPerSetting;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 / hashesPerSetting;
    console.log(
      `  m=${memory} KiB, t=${passes}: ${wallMs.toFixed(1)} ms a hash (CPU ${cpuMs.toFixed(1)} ms), ` +
        `${(1000 / cpuMs).toFixed(1)} hashes/s a core`,
    );
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
}

interface Operation {
  ok: number;
  codes: Record<string, number>;
  seconds: number;
  serverCpuMs: number;
}

/**
 * `connections` clients, each sending `request(i)` in a loop (i counts every request sent) until `untilMs` has passed.
 */
async function closedLoop(request: (i: number) => Promise<Response>, durationMs: number, pid: number) {
  const codes: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  const cpuBefore = cpuTimeMs(pid) ?? 0;
  const started = performance.now();
  const client = async () => {
    while (performance.now() - started < durationMs) {
      const response = await request(sent++);
      await response.arrayBuffer();
      codes[response.status] = (codes[response.status] ?? 0) + 1;
      if (response.ok) ok++;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return {
    ok,
    codes,
    seconds: (performance.now() - started) / 1000,
    serverCpuMs: (cpuTimeMs(pid) ?? 0) - cpuBefore,
  } satisfies Operation;
}

function report(name: string, operation: Operation): void {
  const perSecond = operation.ok / operation.seconds;
  const cpuPerOp = operation.serverCpuMs / Math.max(1, operation.ok);
  console.log(
    `  ${name}: ${perSecond.toFixed(1)}/s, server CPU ${cpuPerOp.toFixed(1)} ms each ` +
      `(${(1000 / cpuPerOp).toFixed(1)} a core-second; server at ${Math.round((100 * operation.serverCpuMs) / (operation.seconds * 1000))}% of a CPU), ` +
      `answers ${JSON.stringify(operation.codes)} (load ${loadAverage()})`,
  );
}

async function runDatabase(database: string): Promise<void> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'persona-credentials-'));
  const schema = `persona_cred_${randomBytes(6).toString('hex')}`;
  const env = {
    ...process.env,
    ...(database === 'postgres'
      ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema }
      : { DATABASE_URL: `sqlite:${join(tmp, 'credentials.db')}` }),
    LOG_LEVEL: 'warn',
    // Each request names its own address (X-Forwarded-For): the per-address rate limits stay out of the way.
    TRUST_PROXY: '127.0.0.1',
  };
  const created = await createAppWithCli(root, env, 'cred');
  const port = await freePort('127.0.0.1');
  const server = startChild('persona', nodeBin, [...flags, 'src/server.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  const base = `http://127.0.0.1:${port}`;
  const appHeaders = { 'x-kii-appid': created.appId, 'x-kii-appkey': created.appKey };
  const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  try {
    await waitForHttp(`${base}/healthz`, server);
    const pid = server.process.pid as number;
    console.log(`${database}: ${connections} connections, ${seconds} s an operation`);
    const run = randomBytes(3).toString('hex');
    const signedUp: string[] = [];
    const signUps = await closedLoop(
      async (i) => {
        const loginName = `cred-${run}-${i}`;
        const response = await fetch(`${base}/api/apps/${created.appId}/users`, {
          method: 'POST',
          headers: {
            ...appHeaders,
            'content-type': 'application/vnd.kii.RegistrationRequest+json',
            'x-forwarded-for': addressOf(i),
          },
          body: JSON.stringify({ loginName, password }),
        });
        if (response.status === 201) signedUp.push(loginName);
        return response;
      },
      seconds * 1000,
      pid,
    );
    report('sign-ups', signUps);
    if (signedUp.length === 0) throw new Error('no sign-up succeeded');
    const logIn = (i: number) =>
      fetch(`${base}/api/oauth2/token`, {
        method: 'POST',
        headers: { ...appHeaders, 'content-type': 'application/json', 'x-forwarded-for': addressOf(i) },
        body: JSON.stringify({
          username: signedUp[Math.floor(Math.random() * signedUp.length)],
          password,
        }),
      });
    report('log-ins', await closedLoop(logIn, seconds * 1000, pid));

    const token = ((await (await logIn(0)).json()) as { access_token: string }).access_token;
    const me = () =>
      load({
        url: `${base}/api/apps/${created.appId}/users/me`,
        headers: { authorization: `Bearer ${token}` },
        connections: 10,
        duration: 5,
      });
    const quiet = await me();
    const during = closedLoop(logIn, 6000, pid);
    const underLogIns = await me();
    const logIns = await during;
    console.log(
      `  GET /users/me alone: ${Math.round(quiet.requests.mean)} req/s, p50 ${quiet.latency.p50} ms, p99 ${quiet.latency.p99} ms`,
    );
    console.log(
      `  GET /users/me during log-ins at full speed: ${Math.round(underLogIns.requests.mean)} req/s, ` +
        `p50 ${underLogIns.latency.p50} ms, p99 ${underLogIns.latency.p99} ms ` +
        `(${(underLogIns.requests.mean / Math.max(1, quiet.requests.mean)).toFixed(2)}× the reads alone)`,
    );
    // The server's CPU now includes the reads': only the rate says something of the log-ins here.
    console.log(
      `  log-ins meanwhile: ${(logIns.ok / logIns.seconds).toFixed(1)}/s, answers ${JSON.stringify(logIns.codes)} (load ${loadAverage()})`,
    );
  } finally {
    await stopChild(server);
    rmSync(tmp, { recursive: true, force: true });
    if (database === 'postgres') {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }
}

hashCost();
for (const database of databases) await runDatabase(database);
