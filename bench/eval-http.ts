/**
 * `npm run eval -- --http`: the offline protocol through the API, as a client would meet the recommender. The same
 * MovieLens split goes into a running Persona — the movies by `PUT /admin/v1/movies`, every user signed up through
 * the Kii face, the training users' positives and the held-out users' inputs by `POST /admin/v1/history` — a model is
 * trained by `POST /admin/v1/recommendations/train`, and each held-out user's first page (50 titles) is read through
 * the KIP face with the user's own token. The metrics are computed as in-process, and printed beside them.
 *
 * Against a Persona of your own: EVAL_URL, EVAL_APP_ID, EVAL_APP_KEY, EVAL_CLIENT_ID and EVAL_CLIENT_SECRET (an app
 * made for it: its users and history are written). Otherwise one is started on a temporary SQLite file and stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { v5 as uuidv5 } from 'uuid';
import {
  type HeldOutSplit,
  heldOutSplit,
  type RankingMetrics,
  standardSplit,
} from '../src/core/recommendations/model/evaluate.ts';
import type { Interactions } from '../src/core/recommendations/model/interactions.ts';
import type { MovieLens } from './movielens.ts';
import { cleanUp, freePort, onCleanUp, runToEnd, startChild, waitForHttp } from './processes.ts';
import { progressBar } from './progress.ts';

const root = resolve(import.meta.dirname, '..');
const nodeBin = join(root, 'node_modules/.bin/node');
const namespace = '1b0e5d47-3c4a-4b8e-8f3e-2d6a9c7b5e10';
const password = 'movielens-eval-1';
const pageSize = 50;

interface Target {
  url: string;
  appId: string;
  appKey: string;
  clientId: string;
  clientSecret: string;
}

async function startOwnPersona(): Promise<Target> {
  const directory = mkdtempSync(join(os.tmpdir(), 'persona-eval-'));
  onCleanUp('temporary database', () => rmSync(directory, { recursive: true, force: true }));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(directory, 'persona.db')}`,
    LOG_LEVEL: 'warn',
    // The evaluation asks for its training; none should start on its own meanwhile.
    RECOMMENDER_RETRAIN_DELAY_SECONDS: '86400',
    RECOMMENDER_REFRESH_MINUTES: '10080',
  };
  const created = JSON.parse(
    await runToEnd(
      'cli',
      nodeBin,
      [
        '--disable-warning=ExperimentalWarning',
        'src/cli.ts',
        'apps',
        'create',
        '--name',
        'MovieLens evaluation',
        '--json',
      ],
      { env, cwd: root },
    ),
  );
  const port = await freePort('127.0.0.1');
  const server = startChild('persona', nodeBin, ['--disable-warning=ExperimentalWarning', 'src/server.ts'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    cwd: root,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, server);
  return { url, ...created };
}

function targetFromEnvironment(): Target | undefined {
  const { EVAL_URL, EVAL_APP_ID, EVAL_APP_KEY, EVAL_CLIENT_ID, EVAL_CLIENT_SECRET } = process.env;
  if (!EVAL_URL) return undefined;
  if (!EVAL_APP_ID || !EVAL_APP_KEY || !EVAL_CLIENT_ID || !EVAL_CLIENT_SECRET) {
    throw new Error('EVAL_URL needs EVAL_APP_ID, EVAL_APP_KEY, EVAL_CLIENT_ID and EVAL_CLIENT_SECRET');
  }
  return {
    url: EVAL_URL,
    appId: EVAL_APP_ID,
    appKey: EVAL_APP_KEY,
    clientId: EVAL_CLIENT_ID,
    clientSecret: EVAL_CLIENT_SECRET,
  };
}

async function call(
  target: Target,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${target.url}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    if ((response.status === 429 || response.status === 503) && attempt < 20) {
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return text.length > 0 ? JSON.parse(text) : undefined;
  }
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

/** The movie id Persona knows a MovieLens item by. */
const movieId = (item: number) => uuidv5(`ml-100k-item-${item + 1}`, namespace);

/** Loads the split into Persona, trains, reads the held-out users' pages; returns the metrics. */
export async function evaluateThroughHttp(
  movieLens: MovieLens,
  data: Interactions,
  inProcess: (split: HeldOutSplit) => { name: string; metrics: RankingMetrics },
): Promise<void> {
  const split = heldOutSplit(data, standardSplit);
  try {
    const target = targetFromEnvironment() ?? (await startOwnPersona());
    const started = performance.now();
    const admin = (
      await call(target, 'POST', '/api/oauth2/token', {
        body: { grant_type: 'client_credentials', client_id: target.clientId, client_secret: target.clientSecret },
      })
    ).access_token as string;
    // One machine signs up a thousand users: the per-address limits would count the evaluation, not a client.
    await call(target, 'PATCH', '/admin/v1/app', {
      token: admin,
      body: { settings: { signUpsPerAddress: 0, logInsPerAddress: 0 } },
    });
    await call(target, 'PUT', '/admin/v1/movies', {
      token: admin,
      body: {
        items: movieLens.movies.map((movie) => ({
          id: movieId(movie.item),
          title: movie.title,
          year: Math.min(2100, Math.max(1870, movie.year)),
          genres: movie.genres,
        })),
      },
    });
    const heldOut = new Map(split.heldOut.map((user) => [user.user, user]));
    const users = [...Array(data.users).keys()].filter(
      (u) => (data.userStart[u + 1] as number) > (data.userStart[u] as number),
    );
    const userIds = new Map<number, string>();
    const signUps = progressBar('signing users up (Kii face)');
    let done = 0;
    await inParallel(users, 8, async (user) => {
      const created = await call(target, 'POST', `/api/apps/${target.appId}/users`, {
        headers: {
          'x-kii-appid': target.appId,
          'x-kii-appkey': target.appKey,
          'content-type': 'application/vnd.kii.RegistrationRequest+json',
        },
        body: { loginName: `ml-${user + 1}-${started.toFixed(0)}`, password },
      });
      userIds.set(user, created.userID);
      signUps.update(++done / users.length);
    });
    signUps.done();
    const viewings: { userId: string; movieId: string; watchedAt: string }[] = [];
    for (const user of users) {
      const held = heldOut.get(user);
      const items = held ? [...held.inputItems].map((item, k) => [item, held.inputTimes[k] as number] as const) : [];
      if (!held) {
        for (let p = data.userStart[user] as number; p < (data.userStart[user + 1] as number); p++) {
          items.push([data.itemOf[p] as number, data.timeOf[p] as number]);
        }
      }
      for (const [item, time] of items) {
        viewings.push({
          userId: userIds.get(user) as string,
          movieId: movieId(item),
          watchedAt: new Date(time).toISOString(),
        });
      }
    }
    const ingest = progressBar('ingesting history (admin API)');
    for (let start = 0; start < viewings.length; start += 20_000) {
      await call(target, 'POST', '/admin/v1/history', {
        token: admin,
        body: { items: viewings.slice(start, start + 20_000) },
      });
      ingest.update(Math.min(1, (start + 20_000) / viewings.length));
    }
    ingest.done(`${viewings.length} viewings of ${users.length} users`);
    const trainingBar = progressBar('training (POST .../train)');
    const { jobId } = await call(target, 'POST', '/admin/v1/recommendations/train', { token: admin });
    for (;;) {
      const job = await call(target, 'GET', `/admin/v1/jobs/${jobId}`, { token: admin });
      if (job.status === 'succeeded') break;
      if (job.status === 'failed') throw new Error(`the training failed: ${job.lastError}`);
      const progress = job.progress as { phase?: string; fraction?: number } | null;
      if (typeof progress?.fraction === 'number')
        trainingBar.update(progress.phase === 'training' ? 0.5 + progress.fraction / 2 : progress.fraction / 2);
      await sleep(500);
    }
    const model = await call(target, 'GET', '/admin/v1/recommendations/model', { token: admin });
    trainingBar.done(
      `version ${model.version}, ${model.algorithm}, λ=${model.parameters.lambda}, ${(model.trainingMs / 1000).toFixed(1)} s`,
    );
    const itemOf = new Map(movieLens.movies.map((movie) => [movieId(movie.item), movie.item]));
    const reading = progressBar('reading first pages (KIP face)');
    let ndcg = 0;
    let recall20 = 0;
    let recall50 = 0;
    const latencies: number[] = [];
    done = 0;
    for (const held of split.heldOut) {
      const token = (
        await call(target, 'POST', '/api/oauth2/token', {
          headers: { 'x-kii-appid': target.appId, 'x-kii-appkey': target.appKey },
          body: { username: `ml-${held.user + 1}-${started.toFixed(0)}`, password },
        })
      ).access_token as string;
      const asked = performance.now();
      const page = await call(target, 'GET', `/users/me/movies/recommendations?pageSize=${pageSize}`, { token });
      latencies.push(performance.now() - asked);
      const ranked = (page.data as { movieId: string }[]).map((entry) => itemOf.get(entry.movieId));
      const targets = new Set(held.targets);
      let dcg = 0;
      let hits20 = 0;
      let hits50 = 0;
      ranked.forEach((item, rank) => {
        if (item === undefined || !targets.has(item)) return;
        if (rank < 10) dcg += 1 / Math.log2(rank + 2);
        if (rank < 20) hits20++;
        hits50++;
      });
      let ideal = 0;
      for (let rank = 0; rank < Math.min(10, targets.size); rank++) ideal += 1 / Math.log2(rank + 2);
      ndcg += dcg / ideal;
      recall20 += hits20 / Math.min(20, targets.size);
      recall50 += hits50 / Math.min(50, targets.size);
      reading.update(++done / split.heldOut.length);
    }
    reading.done();
    const count = split.heldOut.length;
    const http = { ndcgAt10: ndcg / count, recallAt20: recall20 / count, recallAt50: recall50 / count, users: count };
    const local = inProcess(split);
    latencies.sort((a, b) => a - b);
    console.log(`\nThrough the API (${target.url}), seed ${standardSplit.seed}, ${count} held-out users\n`);
    console.log('| path | NDCG@10 | Recall@20 | Recall@50 |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [name, m] of [
      [local.name, local.metrics],
      ['the same split through the API (KIP first page of 50)', http],
    ] as const) {
      console.log(`| ${name} | ${m.ndcgAt10.toFixed(4)} | ${m.recallAt20.toFixed(4)} | ${m.recallAt50.toFixed(4)} |`);
    }
    console.log(
      `\nModel served: version ${model.version}, ${model.algorithm}, ${model.items} items, ${model.interactions} pairs, ${model.entries} weights, ${(model.sizeBytes / 1e6).toFixed(1)} MB, trained in ${(model.trainingMs / 1000).toFixed(1)} s (+ ${(model.evaluationMs / 1000).toFixed(1)} s evaluating).` +
        ` Page latency at the client: p50 ${latencies[Math.floor(count / 2)]?.toFixed(1)} ms, p99 ${latencies[Math.floor(count * 0.99)]?.toFixed(1)} ms. Loading and training took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
    const gap = (http.ndcgAt10 - local.metrics.ndcgAt10) / local.metrics.ndcgAt10;
    console.log(
      `${Math.abs(gap) <= 0.05 ? 'met   ' : 'MISSED'}  the API within 5% of in-process on NDCG@10: ${(gap * 100).toFixed(1)}%`,
    );
    if (Math.abs(gap) > 0.05) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
