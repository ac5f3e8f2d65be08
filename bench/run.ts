/**
 * Throughput benchmark: Persona's Kii `GET/POST /api/apps/{appId}/users/me` and the KIP face's preferences and history
 * on SQLite and PostgreSQL, against a bare `node:http` server answering JSON of the same size and shape. Each server runs alone, pinned to one CPU (`taskset`); this
 * process, which generates the load with autocannon, runs pinned to another (it re-runs itself under taskset).
 *
 *   npm run bench
 *   BENCH_DATABASES=sqlite BENCH_DURATION=5 npm run bench
 *
 * Two cases per database and method: one user over and over (a cache's best case), and BENCH_USERS users with each
 * request a random one (what many users do; the users and their tokens are written straight into the database first).
 * The recommender (BENCH_FACES includes `recommender`): bench/recommender.ts, in-process, after the HTTP cases.
 * The KIP cases (BENCH_FACES=kii,kip): `GET /users/me/profile/preferences` of all 17 categories of the demo catalogue
 * for a random one of the users, and pages 1 and 50 of the history of one user with BENCH_VIEWINGS (10,000) viewings.
 *
 * The v1 cases (BENCH_FACES=…,v1): `GET /v1/user/profile` of six fields for a random one of the users, and
 * BENCH_STREAMS (10,000) Server-Sent Events streams of one container on one instance receiving one notification
 * (`bench/streams.ts`: the time until the last receives it, and the server's memory per stream).
 *
 * Settings (environment): BENCH_DATABASES (sqlite,postgres), BENCH_FACES (kii,kip,v1), BENCH_METHODS (GET,POST) of the
 * Kii cases, BENCH_VIEWINGS (10000), BENCH_STREAMS (10000), BENCH_CONNECTIONS (50),
 * BENCH_USERS (50000; 0 leaves the many-user cases out; 1000000 takes a few minutes to load, bench/seed-users.ts),
 * BENCH_SKEW (uniform; `uniform,zipf` runs the many-user Kii cases with each),
 * BENCH_PIPELINING (1), BENCH_DURATION (10 s measured), BENCH_WARMUP (3 s), BENCH_SERVER_CPU (0), BENCH_LOAD_CPU (1),
 * BENCH_LOG_LEVEL (warn), BENCH_QUIET_WAIT (60 s), BENCH_OTHER_CPU_LIMIT (25 %), BENCH_BARE_AGAIN (1),
 * BENCH_BARE_DRIFT_LIMIT (15 %), BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/test), BENCH_CPU_PROF (a
 * directory: servers run with --cpu-prof and write their profiles there). Persona's own settings (SQLITE_SYNCHRONOUS,
 * DATABASE_POOL_SIZE, USER_CACHE_MB…) pass through from the environment. Results: the table on stdout and
 * bench/results/latest.json. Exit code 1 when a case had errors or non-2xx answers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Instance, type Result } from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { preferenceCategories } from '../src/core/preferences/preferences.types.ts';
import { demoMovies, demoPreferenceOptions } from '../src/demo/cinema-chain.ts';
import {
  allowedCpus,
  type Child,
  cleanUp,
  cpuTimeMs,
  freePort,
  onCleanUp,
  runToEnd,
  startChild,
  stopChild,
  waitForHttp,
} from './processes.ts';
import { seedUsers } from './seed-users.ts';
import { measureStreams, printStreamTable, type StreamBenchResult } from './streams.ts';
import { coreBusyPercent, coreTimes, postgresCpuDelta, postgresCpuMs } from './system.ts';

const root = resolve(import.meta.dirname, '..');
const nodeBin = join(root, 'node_modules/.bin/node');
const nodeFlags = ['--disable-warning=ExperimentalWarning'];
const HOST = '127.0.0.1';

type Database = 'sqlite' | 'postgres';
type Method = 'GET' | 'POST';
type Target = 'bare' | Database;
type Skew = 'uniform' | 'zipf';

const settings = {
  databases: listSetting('BENCH_DATABASES', 'sqlite,postgres', ['sqlite', 'postgres']) as Database[],
  methods: listSetting('BENCH_METHODS', 'GET,POST', ['GET', 'POST']) as Method[],
  faces: listSetting('BENCH_FACES', 'kii,kip,v1,recommender', ['kii', 'kip', 'v1', 'recommender']) as (
    | 'kii'
    | 'kip'
    | 'v1'
    | 'recommender'
  )[],
  /** Server-Sent Events streams of the v1 case, one notification to all of them; 0 leaves it out. */
  streams: intSetting('BENCH_STREAMS', 10_000, 0),
  /** Viewings of the user whose history pages the KIP cases read. */
  viewings: intSetting('BENCH_VIEWINGS', 10_000, 1000),
  connections: intSetting('BENCH_CONNECTIONS', 50),
  /** Users of the many-user cases, each request a random one of them; 0 leaves those cases out. */
  users: intSetting('BENCH_USERS', 50_000, 0),
  /**
   * How the many-user cases pick a user: `uniform` (each as likely), `zipf` (the user of rank k with probability about
   * 1/k, as a few users make much of a service's traffic); each listed skew is a case of its own.
   */
  skews: listSetting('BENCH_SKEW', 'uniform', ['uniform', 'zipf']) as Skew[],
  pipelining: intSetting('BENCH_PIPELINING', 1),
  durationSeconds: intSetting('BENCH_DURATION', 10),
  warmupSeconds: intSetting('BENCH_WARMUP', 3, 0),
  serverCpu: intSetting('BENCH_SERVER_CPU', 0, 0),
  loadCpu: intSetting('BENCH_LOAD_CPU', 1, 0),
  /** Seconds to wait, before each case, for the pinned CPUs to be idle. */
  quietWaitSeconds: intSetting('BENCH_QUIET_WAIT', 60, 0),
  /** Busy percent of an idle pinned CPU above which the machine is not quiet. */
  idleBusyLimit: 15,
  /** Percent of a CPU going to other work during a run above which the case is marked disturbed. */
  otherCpuLimit: intSetting('BENCH_OTHER_CPU_LIMIT', 25, 0),
  /** Measure the bare server again after Persona, and flag runs whose two bare figures differ by more than this %. */
  bareAgain: process.env.BENCH_BARE_AGAIN !== '0',
  bareDriftLimit: intSetting('BENCH_BARE_DRIFT_LIMIT', 15, 0),
  logLevel: process.env.BENCH_LOG_LEVEL || 'warn',
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test',
  /** A directory: servers run with --cpu-prof and write their profiles there. */
  cpuProfDir: process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined,
};

/**
 * Targets: the ratio of a case's req/s to the bare server's for the same method. They hold for many users as for one:
 * the single-user figure is a cache's best case and is reported beside the many-user one, never alone.
 */
const targets: Record<Database, Partial<Record<Baseline, number>>> = {
  sqlite: { GET: 0.5, POST: 0.3, 'KIP preferences': 0.3, 'KIP history': 0.3, 'v1 profile': 0.5 },
  postgres: { GET: 0.3, 'v1 profile': 0.3 },
};

/**
 * What a case is compared with: the bare server answering the same method with a Kii-user-sized body, or a KIP list
 * of the same size and shape (`bench/bare-server.ts`).
 */
type Baseline = Method | 'KIP preferences' | 'KIP history' | 'v1 profile';

const notes = [
  `Persona runs with LOG_LEVEL=${settings.logLevel} (its default is info). At info it writes one JSON log line per ` +
    'request (src/http/request-log.ts), so the benchmark would measure pino and stdout rather than the service; a ' +
    'deployment under load would log at warn or ship logs elsewhere. Set BENCH_LOG_LEVEL=info to measure with logging.',
  `Persona's other settings: ${personaSettings()}.`,
  'Every server is pinned to one CPU; PostgreSQL itself is not pinned and shares the machine with the server and the ' +
    'load generator.',
  "Single-user cases send one token on every connection: GET is the caches' best case, POST the worst case for row " +
    'contention. Many-user cases send a random one of BENCH_USERS tokens per request: GET mostly misses the caches ' +
    '(they hold what USER_CACHE_MB and TOKEN_CACHE_MB allow), POST rarely touches the same row twice at once.',
];

interface Case {
  name: string;
  target: Target;
  baseline: Baseline;
  method: Method;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Many-user cases: each request carries one of these tokens at random, at its user's URL. */
  tokens?: readonly { token: string; path: string }[];
  skew?: Skew;
}

interface CaseResult {
  case: string;
  target: Target;
  baseline: Baseline;
  method: Method;
  url: string;
  requestsPerSecond: number;
  requestsPerSecondStddev: number;
  totalRequests: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  warmup: { requestsPerSecond: number; non2xx: number; errors: number };
  /**
   * CPU use during the measured run, in percent of one CPU. `other` is what the two pinned CPUs spent beyond the
   * server, the load generator and PostgreSQL: kernel network work not charged to a process, and other programs.
   */
  cpuPercent: {
    server?: number;
    loadGenerator: number;
    postgres?: number;
    other?: number;
    cores: Record<string, number>;
  };
  /** Busy percent of the pinned CPUs just before the warm-up, with the server idle. */
  idleBusyPercent: Record<string, number>;
  /** Other programs took enough CPU during the run that the figures are not comparable. */
  disturbed: boolean;
  /** The server's resident memory before the warm-up and after the measured run, in MiB (many-user cases). */
  serverRssMiB?: { before: number; after: number };
  /** The load average (1 minute) before the warm-up and after the run: other work on the machine. */
  loadAverage: { before: number; after: number };
  ratioToBare?: number;
  target_?: number;
  valid: boolean;
  problem?: string;
}

const kiiMethods = settings.faces.includes('kii') ? settings.methods : [];
const demoOptionCount = demoPreferenceOptions().length;

let current: Instance | undefined;
let interrupted = false;
let serverPid: number | undefined;
const updateBody = JSON.stringify({ displayName: 'Bench', nick: 'b', level: 3 });

/** Runs this script again under `taskset -c <loadCpu>`, forwarding signals, and returns its exit code. */
async function reexecPinned(): Promise<number> {
  const cpus = os.availableParallelism();
  if (Math.max(settings.serverCpu, settings.loadCpu) >= cpus) {
    console.error(`bench: this machine has ${cpus} CPU(s); set BENCH_SERVER_CPU and BENCH_LOAD_CPU to CPUs it has`);
    return 1;
  }
  if (settings.serverCpu === settings.loadCpu) {
    console.warn('bench: the server and the load generator share one CPU; the figures will be low and noisy');
  }
  const child = spawn(
    'taskset',
    ['-c', String(settings.loadCpu), process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, BENCH_PINNED: '1' } },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolvePromise) => {
    child.once('error', (error) => {
      console.error(`bench: cannot run taskset: ${error.message}`);
      resolvePromise(1);
    });
    child.once('exit', (code, signal) =>
      resolvePromise(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)),
    );
  });
}

/** Runs `body`, then cleans up whatever happens, including SIGINT/SIGTERM. */
async function guarded(body: () => Promise<number>): Promise<void> {
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping and cleaning up…`);
    current?.stop();
    void cleanUp().finally(() => process.exit(128 + (os.constants.signals[signal] ?? 0)));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    process.exitCode = await body();
  } catch (error) {
    if (!interrupted) console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

async function main(): Promise<number> {
  const tmp = mkdtempSync(join(os.tmpdir(), 'persona-bench-'));
  onCleanUp('temporary directory', () => rmSync(tmp, { recursive: true, force: true }));
  if (settings.cpuProfDir) mkdirSync(settings.cpuProfDir, { recursive: true });

  console.log(
    `Persona benchmark: ${settings.connections} connections, pipelining ${settings.pipelining}, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per case; ` +
      `servers on CPU ${settings.serverCpu}, load generator on CPU ${settings.loadCpu}; ` +
      `databases: ${settings.databases.join(', ') || 'none'}`,
  );

  const results: CaseResult[] = [];
  const streamResults: StreamBenchResult[] = [];
  const skipped: string[] = [];
  let postgresVersion: string | undefined;

  // (a) the bare server, measured again at the end (below) to catch a machine whose speed drifted.
  const measureBare = (suffix: string) =>
    withServer('bare', join(root, 'bench/bare-server.ts'), {}, async (base) => {
      const headers = { authorization: 'Bearer bare-server-ignores-this-token' };
      for (const method of kiiMethods) {
        results.push(
          await measure({
            name: `bare ${method}${suffix}`,
            target: 'bare',
            baseline: method,
            method,
            url: `${base}/api/apps/bare/users/me`,
            headers: method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers,
            ...(method === 'POST' ? { body: updateBody } : {}),
          }),
        );
      }
      if (settings.faces.includes('v1')) {
        results.push(
          await measure({
            name: `bare v1 profile${suffix}`,
            target: 'bare',
            baseline: 'v1 profile',
            method: 'GET',
            url: `${base}/v1/profile`,
            headers,
          }),
        );
      }
      if (!settings.faces.includes('kip')) return;
      for (const [baseline, path] of [
        ['KIP preferences', `/kip/preferences?items=${demoOptionCount}`],
        ['KIP history', '/kip/history?items=20'],
      ] as const) {
        results.push(
          await measure({
            name: `bare ${baseline}${suffix}`,
            target: 'bare',
            baseline,
            method: 'GET',
            url: `${base}${path}`,
            headers,
          }),
        );
      }
    });
  await measureBare('');

  // (b) Persona on SQLite, (c) Persona on PostgreSQL.
  for (const database of settings.databases) {
    if (interrupted) break;
    let env: Record<string, string>;
    if (database === 'sqlite') {
      env = { DATABASE_URL: `sqlite:${join(tmp, 'persona.db')}` };
    } else {
      const probe = await probePostgres(settings.postgresUrl);
      if (!probe.ok) {
        const message = `PostgreSQL skipped: ${settings.postgresUrl} unreachable (${probe.error})`;
        console.log(message);
        skipped.push(message);
        continue;
      }
      postgresVersion = probe.version;
      const schema = `persona_bench_${randomBytes(6).toString('hex')}`;
      env = { DATABASE_URL: settings.postgresUrl, DATABASE_SCHEMA: schema };
      onCleanUp(`drop schema ${schema}`, () => dropSchema(settings.postgresUrl, schema));
    }
    const app = await createApp(env);
    if (settings.faces.includes('kip')) await loadDemo(env, app.appId);
    const v1Streams = settings.faces.includes('v1') ? settings.streams : 0;
    const seeded = Math.max(settings.users, v1Streams);
    const many = seeded > 0 ? await seedUsers(env, app.appId, seeded) : undefined;
    await withServer(database, join(root, 'src/server.ts'), env, async (base) => {
      const { token, userId } = await signUpAndLogIn(base, app);
      const url = `${base}/api/apps/${app.appId}/users/me`;
      for (const method of kiiMethods) {
        const headers: Record<string, string> =
          method === 'POST' ? { 'content-type': 'application/vnd.kii.UserUpdateRequest+json' } : {};
        const body = method === 'POST' ? { body: updateBody } : {};
        results.push(
          await measure({
            name: `${database} ${method}, one user`,
            target: database,
            baseline: method,
            method,
            url,
            headers: { ...headers, authorization: `Bearer ${token}` },
            ...body,
          }),
        );
        if (!many) continue;
        for (const skew of settings.skews) {
          results.push(
            await measure({
              name: `${database} ${method}, ${settings.users} users${skew === 'uniform' ? '' : `, ${skew}`}`,
              target: database,
              baseline: method,
              method,
              url,
              headers: { ...headers, authorization: `Bearer ${many[0]?.token}` },
              ...body,
              tokens: many.map((t) => ({ token: t.token, path: `/api/apps/${app.appId}/users/me` })),
              skew,
            }),
          );
        }
      }
      if (settings.faces.includes('v1') && many) {
        const profile = '/v1/user/profile?fields=id,displayName,handle,email,createdAt,referralCode';
        results.push(
          await measure({
            name: `${database} v1 GET profile, ${many.length} users`,
            target: database,
            baseline: 'v1 profile',
            method: 'GET',
            url: `${base}${profile}`,
            headers: { authorization: `Bearer ${many[0]?.token}` },
            tokens: many.map((t) => ({ token: t.token, path: profile })),
          }),
        );
        if (v1Streams > 0 && serverPid !== undefined && !interrupted) {
          await waitForQuiet();
          streamResults.push(
            await measureStreams({
              name: `${database} v1 one notification to ${v1Streams} streams`,
              base,
              app,
              members: many.slice(0, v1Streams),
              serverPid,
            }),
          );
        }
      }
      if (!settings.faces.includes('kip')) return;
      const preferences = `/users/me/profile/preferences?filter=${preferenceCategories.join(',')}`;
      const tokens = many ?? [{ token }];
      results.push(
        await measure({
          name: `${database} KIP GET preferences (17 categories), ${tokens.length} user${tokens.length > 1 ? 's' : ''}`,
          target: database,
          baseline: 'KIP preferences',
          method: 'GET',
          url: `${base}${preferences}`,
          headers: { authorization: `Bearer ${tokens[0]?.token}` },
          tokens: tokens.map((t) => ({ token: t.token, path: preferences })),
        }),
      );
      await ingestHistory(base, app, userId, settings.viewings);
      for (const page of [1, 50]) {
        results.push(
          await measure({
            name: `${database} KIP GET history page ${page}, one user with ${settings.viewings} viewings`,
            target: database,
            baseline: 'KIP history',
            method: 'GET',
            url: `${base}/users/me/movies/history?page=${page}&pageSize=20`,
            headers: { authorization: `Bearer ${token}` },
          }),
        );
      }
    });
  }
  if (settings.bareAgain && results.some((r) => r.target !== 'bare') && !interrupted) await measureBare(' (again)');
  if (interrupted) return 130;

  // Ratios are to the mean of the bare server's runs for the same method.
  const drifts: string[] = [];
  for (const baseline of new Set(results.map((r) => r.baseline))) {
    const bare = results.filter((r) => r.target === 'bare' && r.baseline === baseline);
    const rates = bare.map((r) => r.requestsPerSecond);
    const spread = rates.length > 1 ? (Math.max(...rates) - Math.min(...rates)) / Math.max(...rates) : 0;
    if (spread > settings.bareDriftLimit / 100) {
      drifts.push(`bare ${baseline} ran at ${rates.join(' then ')} req/s (${Math.round(spread * 100)}% apart)`);
    }
    const reference =
      bare.every((r) => r.valid) && bare.length > 0 ? mean(bare.map((r) => r.requestsPerSecond)) : undefined;
    for (const result of results.filter((r) => r.baseline === baseline)) {
      if (result.target === 'bare') continue;
      if (reference !== undefined && result.valid) result.ratioToBare = result.requestsPerSecond / reference;
      result.target_ = targets[result.target][result.baseline];
    }
  }

  printTable(results);
  printStreamTable(streamResults);
  for (const message of skipped) console.log(message);
  const file = writeResults(results, streamResults, skipped, postgresVersion, tmp);
  console.log(`\nResults written to ${relative(root, file)}`);
  for (const note of notes) console.log(`Note: ${note}`);

  const invalid = [...results, ...streamResults].filter((r) => !r.valid);
  if (invalid.length > 0) {
    console.error(
      `\n${invalid.length} case(s) had errors; their figures mean nothing: ${invalid.map((r) => r.case).join(', ')}`,
    );
    return 1;
  }
  if (drifts.length > 0) {
    console.log(
      `\nThe machine's speed drifted during the run: ${drifts.join('; ')}. Other virtual machines on the host take ` +
        'CPU that this one cannot see; run again before trusting the ratios.',
    );
  }
  const disturbed = results.filter((r) => r.disturbed);
  if (disturbed.length > 0) {
    console.log(
      `\nOther work took CPU during ${disturbed.map((r) => r.case).join(', ')} ` +
        `(more than ${settings.otherCpuLimit}% of a CPU beyond the server, the load generator and PostgreSQL): ` +
        'run again on a quiet machine before trusting the ratios.',
    );
  }
  const missed = results.filter((r) => r.target_ !== undefined && (r.ratioToBare ?? 0) < r.target_);
  if (missed.length > 0) console.log(`\nTarget missed: ${missed.map((r) => r.case).join(', ')}`);
  if (settings.faces.includes('recommender') && !interrupted) {
    // In-process (its times are the server's own), pinned to the servers' CPU like them.
    console.log('\nThe recommender (bench/recommender.ts, BENCH_FACES=recommender):');
    const output = await runToEnd(
      'recommender benchmark',
      'taskset',
      ['-c', String(settings.serverCpu), nodeBin, ...nodeFlags, join(root, 'bench/recommender.ts')],
      {
        env: { ...process.env, BENCH_DATABASES: settings.databases.includes('sqlite') ? 'sqlite' : 'postgres' },
        cwd: root,
        timeoutMs: 3_600_000,
      },
    );
    console.log(output.trimEnd());
  }
  return 0;
}

/** Starts a server pinned to the server CPU, waits until it answers, runs `body`, and stops it. */
async function withServer(
  name: string,
  script: string,
  env: Record<string, string>,
  body: (base: string) => Promise<void>,
): Promise<void> {
  if (interrupted) return;
  const port = await freePort(HOST);
  const profFlags = settings.cpuProfDir
    ? ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
  const child = startChild(
    `${name} server`,
    'taskset',
    ['-c', String(settings.serverCpu), nodeBin, ...nodeFlags, ...profFlags, script],
    { cwd: root, env: serverEnv({ ...env, PORT: String(port), HOST, LOG_LEVEL: settings.logLevel }) },
  );
  const base = `http://${HOST}:${port}`;
  try {
    await waitForHttp(name === 'bare' ? `${base}/` : `${base}/healthz`, child);
    serverPid = child.process.pid;
    await body(base);
    // Let requests still queued when the load stopped finish, so that stopping the server does not cut them off.
    await sleep(1000);
    if (child.hasExited()) throw new Error(`${child.name} exited during the run:\n${child.output()}`);
  } finally {
    serverPid = undefined;
    await stopChild(child);
    reportOutput(child);
  }
}

/** Warnings and errors the server logged (LOG_LEVEL=warn), shown after it stops. */
function reportOutput(child: Child): void {
  const output = child.output().trim();
  if (output)
    console.log(`--- ${child.name} output (last lines) ---\n${output.split('\n').slice(-20).join('\n')}\n---`);
}

/** The environment of a Persona child: this process's, minus settings of its own that would change the result. */
function serverEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  if (!('DATABASE_SCHEMA' in overrides)) delete env.DATABASE_SCHEMA;
  delete env.NODE_OPTIONS;
  delete env.BENCH_PINNED;
  return env;
}

interface CreatedApp {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}

/** `src/cli.ts apps create --name bench --json`, which also migrates the database. */
async function createApp(env: Record<string, string>): Promise<CreatedApp> {
  const stdout = await runToEnd(
    'apps create',
    nodeBin,
    [...nodeFlags, join(root, 'src/cli.ts'), 'apps', 'create', '--name', 'bench', '--json'],
    { cwd: root, env: serverEnv({ ...env, LOG_LEVEL: settings.logLevel }) },
  );
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    const app = JSON.parse(line) as CreatedApp;
    if (typeof app.appId === 'string' && typeof app.appKey === 'string') return app;
  } catch {
    // reported below
  }
  throw new Error(`apps create printed no app: ${stdout}`);
}

/** `src/cli.ts demo load --app APPID`: the catalogues the KIP cases read. */
async function loadDemo(env: Record<string, string>, appId: string): Promise<void> {
  await runToEnd('demo load', nodeBin, [...nodeFlags, join(root, 'src/cli.ts'), 'demo', 'load', '--app', appId], {
    cwd: root,
    env: serverEnv({ ...env, LOG_LEVEL: settings.logLevel }),
  });
}

/** Gives the user `count` viewings of the demo films, one an hour back from now, through the admin API. */
async function ingestHistory(base: string, app: CreatedApp, userId: string, count: number): Promise<void> {
  process.stdout.write(`ingesting ${count} viewings… `);
  const started = performance.now();
  const grant = await fetch(`${base}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
  const { access_token: adminToken } = (await grant.json()) as { access_token: string };
  const movies = demoMovies();
  const now = Date.now();
  const items = Array.from({ length: count }, (_, i) => ({
    userId,
    movieId: movies[i % movies.length]?.id,
    watchedAt: new Date(now - i * 3_600_000).toISOString(),
    technology: i % 4 === 0 ? 'IMAX' : '2D',
    version: 'OV',
  }));
  const response = await fetch(`${base}/admin/v1/history`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ items }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`history ingest answered ${response.status}: ${text.slice(0, 300)}`);
  console.log(`done in ${Math.round(performance.now() - started)} ms (${text})`);
}

/** Signs up a user with the app's key and logs it in; returns its id and access token. */
async function signUpAndLogIn(base: string, app: CreatedApp): Promise<{ token: string; userId: string }> {
  const appHeaders = { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey };
  const loginName = `bench-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const signUp = await fetch(`${base}/api/apps/${app.appId}/users`, {
    method: 'POST',
    headers: { ...appHeaders, 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
    body: JSON.stringify({
      loginName,
      password,
      displayName: 'Bench User',
      emailAddress: `${loginName}@example.com`,
      nick: 'a',
      level: 1,
    }),
  });
  const signUpText = await signUp.text();
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${signUpText}`);
  const userId = (JSON.parse(signUpText) as { userID: string }).userID;
  const logIn = await fetch(`${base}/api/oauth2/token`, {
    method: 'POST',
    headers: { ...appHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ username: loginName, password }),
  });
  const logInText = await logIn.text();
  if (logIn.status !== 200) throw new Error(`log-in answered ${logIn.status}: ${logInText}`);
  const token = (JSON.parse(logInText) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error(`log-in gave no access_token: ${logInText}`);
  return { token, userId };
}

/** Checks one request by hand, then warms up and measures with autocannon. */
async function measure(benchCase: Case): Promise<CaseResult> {
  const result: CaseResult = {
    case: benchCase.name,
    target: benchCase.target,
    baseline: benchCase.baseline,
    method: benchCase.method,
    url: benchCase.url,
    requestsPerSecond: 0,
    requestsPerSecondStddev: 0,
    totalRequests: 0,
    latencyMs: { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
    warmup: { requestsPerSecond: 0, non2xx: 0, errors: 0 },
    cpuPercent: { loadGenerator: 0, cores: {} },
    idleBusyPercent: {},
    disturbed: false,
    loadAverage: { before: round(os.loadavg()[0] ?? 0, 2), after: 0 },
    valid: false,
  };
  if (interrupted) return { ...result, problem: 'interrupted' };
  const probe = await fetch(benchCase.url, {
    method: benchCase.method,
    headers: benchCase.headers,
    ...(benchCase.body === undefined ? {} : { body: benchCase.body }),
  });
  const probeText = await probe.text();
  if (probe.status !== 200) {
    result.problem = `a single request answered ${probe.status}: ${probeText.slice(0, 300)}`;
    console.log(`${benchCase.name}: ${result.problem}; not measured`);
    return result;
  }
  process.stdout.write(`${benchCase.name}: ${probeText.length}-byte answer; `);
  result.idleBusyPercent = await waitForQuiet();
  result.loadAverage.before = round(os.loadavg()[0] ?? 0, 2);
  const rssBefore = benchCase.tokens && serverPid !== undefined ? rssMiB(serverPid) : undefined;

  if (settings.warmupSeconds > 0) {
    process.stdout.write(`warm-up ${settings.warmupSeconds} s… `);
    const warm = await load(benchCase, settings.warmupSeconds);
    result.warmup = { requestsPerSecond: round(warm.requests.mean), non2xx: warm.non2xx, errors: warm.errors };
  }
  if (interrupted) return { ...result, problem: 'interrupted' };

  process.stdout.write(`measuring ${settings.durationSeconds} s… `);
  const cores = coreTimes();
  const pgBefore = benchCase.target === 'postgres' ? postgresCpuMs() : undefined;
  const serverBefore = serverPid === undefined ? undefined : cpuTimeMs(serverPid);
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  const run = await load(benchCase, settings.durationSeconds);
  const elapsedMs = performance.now() - started;
  result.loadAverage.after = round(os.loadavg()[0] ?? 0, 2);
  if (rssBefore !== undefined && serverPid !== undefined) {
    result.serverRssMiB = { before: rssBefore, after: rssMiB(serverPid) };
  }
  const loadUsage = process.cpuUsage(loadBefore);
  const serverAfter = serverPid === undefined ? undefined : cpuTimeMs(serverPid);
  const percent = (ms: number) => Math.round((100 * ms) / elapsedMs);
  const busy = coreBusyPercent(cores, coreTimes());
  result.cpuPercent = {
    loadGenerator: percent((loadUsage.user + loadUsage.system) / 1000),
    cores: busy,
    ...(serverBefore !== undefined && serverAfter !== undefined ? { server: percent(serverAfter - serverBefore) } : {}),
    ...(pgBefore ? { postgres: percent(postgresCpuDelta(pgBefore, postgresCpuMs())) } : {}),
  };
  const pinnedBusy = pinnedCpus().map((cpu) => busy[`cpu${cpu}`]);
  if (result.cpuPercent.server !== undefined && pinnedBusy.every((value) => value !== undefined)) {
    const { server, loadGenerator, postgres = 0 } = result.cpuPercent;
    result.cpuPercent.other = Math.max(
      0,
      pinnedBusy.reduce((sum, value) => sum + value, 0) - server - loadGenerator - postgres,
    );
    result.disturbed = result.cpuPercent.other > settings.otherCpuLimit;
  }

  result.requestsPerSecond = round(run.requests.mean);
  result.requestsPerSecondStddev = round(run.requests.stddev);
  result.totalRequests = run.requests.total;
  result.latencyMs = {
    mean: round(run.latency.mean, 2),
    p50: run.latency.p50,
    p90: run.latency.p90,
    p99: run.latency.p99,
    max: run.latency.max,
  };
  result.non2xx = run.non2xx;
  result.errors = run.errors;
  result.timeouts = run.timeouts;
  result.statusCodes = Object.fromEntries(Object.entries(run.statusCodeStats).map(([code, s]) => [code, s.count]));
  const problems = [
    run.non2xx > 0 ? `${run.non2xx} non-2xx responses (${JSON.stringify(result.statusCodes)})` : '',
    run.errors > 0 ? `${run.errors} errors` : '',
    run.timeouts > 0 ? `${run.timeouts} timeouts` : '',
    run['2xx'] === 0 ? 'no successful response' : '',
    interrupted ? 'interrupted' : '',
  ].filter(Boolean);
  result.valid = problems.length === 0;
  if (!result.valid) result.problem = problems.join('; ');
  console.log(
    `${result.requestsPerSecond} req/s${result.valid ? '' : ` — INVALID: ${result.problem}`}` +
      (result.serverRssMiB ? ` (server RSS ${result.serverRssMiB.before} → ${result.serverRssMiB.after} MiB)` : '') +
      ` (load ${result.loadAverage.before} → ${result.loadAverage.after})` +
      (result.disturbed ? ` — DISTURBED: ${result.cpuPercent.other}% of a CPU went to other work` : ''),
  );
  return result;
}

/** The settings the Persona children run with: the environment's where set, else Persona's own defaults. */
function personaSettings(): string {
  const config = loadConfig(process.env);
  return [
    `SQLITE_SYNCHRONOUS=${config.sqliteSynchronous}`,
    `DATABASE_POOL_SIZE=${config.databasePoolSize}`,
    `TOKEN_CACHE_MB=${config.cacheBytes.tokens / 1048576}`,
    `USER_CACHE_MB=${config.cacheBytes.users / 1048576}`,
    `BODY_LIMIT_BYTES=${config.bodyLimitBytes}`,
  ].join(', ');
}

/** The resident memory of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb === undefined ? 0 : Math.round(Number(kb) / 1024);
}

function pinnedCpus(): number[] {
  return [...new Set([settings.serverCpu, settings.loadCpu])];
}

/**
 * Samples the pinned CPUs for a second at a time until both are nearly idle (nothing of ours runs then), for at most
 * BENCH_QUIET_WAIT seconds; returns the last sample. Other programs on the machine distort every figure.
 */
async function waitForQuiet(): Promise<Record<string, number>> {
  const deadline = Date.now() + settings.quietWaitSeconds * 1000;
  let warned = false;
  for (;;) {
    const before = coreTimes();
    await sleep(1000);
    const busy = coreBusyPercent(before, coreTimes());
    const loud = pinnedCpus().filter((cpu) => (busy[`cpu${cpu}`] ?? 0) > settings.idleBusyLimit);
    if (loud.length === 0 || interrupted) return busy;
    if (Date.now() >= deadline) {
      process.stdout.write(`(machine still busy: ${loud.map((cpu) => `cpu${cpu} ${busy[`cpu${cpu}`]}%`).join(', ')}) `);
      return busy;
    }
    if (!warned) {
      process.stdout.write(
        `waiting for a quiet machine (${loud.map((cpu) => `cpu${cpu} ${busy[`cpu${cpu}`]}%`).join(', ')})… `,
      );
      warned = true;
    }
  }
}

/** One autocannon run; SIGINT stops it through `current`. */
function load(benchCase: Case, durationSeconds: number): Promise<Result> {
  const { tokens } = benchCase;
  const count = tokens?.length ?? 0;
  // Zipf-like with exponent 1: P(rank ≤ k) ≈ ln(k + 1) / ln(count + 1), drawn in one step.
  const pickIndex =
    benchCase.skew === 'zipf'
      ? () => Math.min(count - 1, Math.floor((count + 1) ** Math.random()) - 1)
      : () => Math.floor(Math.random() * count);
  // A random user per request: the header is replaced as each request is built.
  const requests = tokens
    ? [
        {
          setupRequest: (request: { headers: Record<string, string> }) => {
            const pick = tokens[pickIndex()] as { token: string };
            request.headers = { ...request.headers, authorization: `Bearer ${pick.token}` };
            return request;
          },
        },
      ]
    : undefined;
  return new Promise((resolvePromise, reject) => {
    current = autocannon(
      {
        url: benchCase.url,
        method: benchCase.method,
        headers: benchCase.headers,
        ...(benchCase.body === undefined ? {} : { body: benchCase.body }),
        ...(requests ? { requests } : {}),
        connections: settings.connections,
        pipelining: settings.pipelining,
        duration: durationSeconds,
        timeout: 10,
      },
      (error, result) => {
        current = undefined;
        if (error) reject(error);
        else resolvePromise(result);
      },
    );
  });
}

async function probePostgres(url: string): Promise<{ ok: true; version: string } | { ok: false; error: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>('select version() as version');
    return { ok: true, version: rows[0]?.version ?? 'unknown' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message || error.name : String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end().catch(() => {});
  }
}

function printTable(results: CaseResult[]): void {
  const header = [
    'case',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    'errors',
    'ratio',
    'target',
    'verdict',
    'CPU % srv/gen/pg/other',
  ];
  const rows = results.map((r) => {
    const verdict = !r.valid
      ? 'INVALID'
      : r.target_ === undefined
        ? '—'
        : (r.ratioToBare ?? 0) >= r.target_
          ? 'met'
          : 'MISSED';
    return [
      r.case,
      r.valid ? r.requestsPerSecond.toFixed(0) : '—',
      r.valid ? String(r.latencyMs.p50) : '—',
      r.valid ? String(r.latencyMs.p99) : '—',
      String(r.non2xx),
      String(r.errors + r.timeouts),
      r.ratioToBare === undefined ? (r.target === 'bare' ? '1.00' : '—') : r.ratioToBare.toFixed(2),
      r.target_ === undefined ? '—' : `≥ ${r.target_.toFixed(2)}`,
      verdict,
      [r.cpuPercent.server ?? '?', r.cpuPercent.loadGenerator, r.cpuPercent.postgres ?? '-', r.cpuPercent.other ?? '?']
        .join('/')
        .concat(r.disturbed ? ' DISTURBED' : ''),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(`\n${line(header)}`);
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

function writeResults(
  results: CaseResult[],
  streams: StreamBenchResult[],
  skipped: string[],
  postgresVersion: string | undefined,
  tmp: string,
) {
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  const cpus = os.cpus();
  const setEnv = Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_') && key !== 'BENCH_PINNED')
    .map(([key, value]) => `${key}=${value}`);
  const report = {
    date: new Date().toISOString(),
    command: [...setEnv, 'npm run bench'].join(' '),
    argv: [process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    gitCommit: gitCommit(),
    machine: {
      cpuModel: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      totalMemoryBytes: os.totalmem(),
      totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1),
      nodeVersion: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      sqliteFileSystem: fileSystemOf(tmp),
      ...(postgresVersion ? { postgresVersion } : {}),
    },
    settings,
    targets,
    notes,
    skipped,
    results: results.map(({ target_, ...rest }) => ({ ...rest, targetRatio: target_ ?? null })),
    streams,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

function gitCommit(): string | undefined {
  try {
    return (
      spawnText('git', ['rev-parse', 'HEAD']).trim() +
      (spawnText('git', ['status', '--porcelain', '--', 'src']).trim() ? ' (src modified)' : '')
    );
  } catch {
    return undefined;
  }
}

function fileSystemOf(path: string): string | undefined {
  try {
    return spawnText('stat', ['-f', '-c', '%T', path]).trim();
  } catch {
    return undefined;
  }
}

function spawnText(command: string, args: string[]): string {
  const { status, stdout } = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (status !== 0) throw new Error(`${command} failed`);
  return stdout;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function intSetting(name: string, fallback: number, minimum = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    console.error(`bench: ${name} must be an integer ≥ ${minimum}, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

function listSetting(name: string, fallback: string, allowed: string[]): string[] {
  const raw = process.env[name] ?? fallback;
  const values = raw
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => (allowed.includes(value.toUpperCase()) ? value.toUpperCase() : value.toLowerCase()));
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length > 0) {
    console.error(`bench: ${name} accepts ${allowed.join(', ')}; got ${unknown.join(', ')}`);
    process.exit(2);
  }
  return [...new Set(values)];
}

if (allowedCpus() === String(settings.loadCpu)) {
  await guarded(main);
} else if (process.env.BENCH_PINNED === '1') {
  console.error(`bench: expected to run on CPU ${settings.loadCpu} only, but may run on ${allowedCpus()}`);
  process.exitCode = 1;
} else {
  process.exitCode = await reexecPinned();
}
