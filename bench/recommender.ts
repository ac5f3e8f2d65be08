/**
 * The recommender's serving speed, training time and memory (`npm run bench:recommender`, also run by `npm run bench`
 * when BENCH_FACES includes `recommender`). In-process, on a temporary SQLite file (or BENCH_POSTGRES_URL with
 * BENCH_DATABASES=postgres):
 *
 * 1. A catalogue of REC_TITLES (10,000) titles with genres and FSK ratings, REC_USERS (20,000) users with 5–60
 *    viewings each drawn from one or two genres (a long tail of titles), through the core's own admin calls; a model
 *    trained by the training job's code on its worker thread.
 * 2. `GET /users/me/movies/recommendations` (a page of 20) for a user with 50 viewings, REC_REQUESTS (2,000) times
 *    one after another through Fastify's inject (so the time is the server's, with no network), as the user and as
 *    a child profile with a threshold: p50, p90, p99 and max. Target: p99 ≤ 5 ms.
 * 3. Training at MovieLens-100K size (943 users, 1,682 titles, ~55,000 viewings), on one core: target ≤ 10 s.
 * 4. The memory of a served model (decoded, as an instance holds it) at 10,000 and 50,000 titles; the 50,000 model is
 *    trained in this process from synthetic interactions (no database), as the job's worker would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { v5 as uuidv5 } from 'uuid';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { AdminPrincipal, UserPrincipal } from '../src/core/principal.ts';
import { decodeModel, encodeModel } from '../src/core/recommendations/model/codec.ts';
import { seededRandom } from '../src/core/recommendations/model/evaluate.ts';
import { buildInteractions } from '../src/core/recommendations/model/interactions.ts';
import { defaultTrainingSettings, trainModel } from '../src/core/recommendations/model/train.ts';
import { modelBytes } from '../src/core/recommendations/serving-cache.ts';

const titles = Number(process.env.REC_TITLES ?? 10_000);
const users = Number(process.env.REC_USERS ?? 20_000);
const requests = Number(process.env.REC_REQUESTS ?? 2000);
const largeTitles = Number(process.env.REC_LARGE_TITLES ?? 50_000);
const namespace = '0d5c1e3a-9b7f-4e2d-8a6c-3f1b2e4d5c6a';
const genres = [
  'Drama',
  'Comedy',
  'Horror',
  'Family',
  'Science Fiction',
  'Romance',
  'Thriller',
  'Documentary',
  'Action',
  'Animation',
];
const fsk = ['0', '6', '12', '16', '18'];

/**
 * Synthetic viewings at scale: each title has a genre and a popularity on a power law; each user likes one or two
 * genres and watches mostly titles of them, popular ones more often.
 */
function syntheticViewings(items: number, people: number, seed: number, spread = 56) {
  const random = seededRandom(seed);
  const genreOf = Int32Array.from({ length: items }, () => Math.floor(random() * genres.length));
  const byGenre = genres.map((_, g) => [...genreOf.keys()].filter((i) => genreOf[i] === g));
  // Within a genre, the k-th title is drawn with weight 1/(k+1)^0.9: a head and a long tail.
  const pickIn = (list: number[]) =>
    list[Math.min(list.length - 1, Math.floor(list.length * random() ** 2.5))] as number;
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  const newest = Date.UTC(2026, 10, 1);
  for (let u = 0; u < people; u++) {
    const liked = [Math.floor(random() * genres.length), Math.floor(random() * genres.length)];
    const count = 5 + Math.floor(random() ** 2 * spread);
    const seen = new Set<number>();
    for (let k = 0; k < count; k++) {
      const list = byGenre[
        random() < 0.85 ? (liked[k % 2] as number) : Math.floor(random() * genres.length)
      ] as number[];
      if (list.length === 0) continue;
      const chosen = pickIn(list);
      if (seen.has(chosen)) continue;
      seen.add(chosen);
      user.push(u);
      item.push(chosen);
      time.push(newest - Math.floor(random() * 365) * 86_400_000);
    }
  }
  return { genreOf, user, item, time };
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) as number };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function servingAndTraining(): Promise<void> {
  const directory = mkdtempSync(join(os.tmpdir(), 'persona-rec-bench-'));
  const postgres = process.env.BENCH_DATABASES === 'postgres';
  const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `persona_rec_${process.pid}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: postgres ? postgresUrl : `sqlite:${join(directory, 'persona.db')}`,
    ...(postgres ? { DATABASE_SCHEMA: schema } : {}),
    LOG_LEVEL: 'warn',
    JOBS_CONCURRENCY: '0',
    RECOMMENDER_EVALUATE: 'false',
  });
  const persona = await buildApp(config, { logger: false });
  try {
    const { core } = persona;
    const app = await core.apps.createApp('Recommender benchmark', { signUpsPerAddress: 0, logInsPerAddress: 0 });
    const admin: AdminPrincipal = {
      kind: 'admin',
      appId: app.appId,
      clientId: 'bench',
      tokenId: 'bench',
      expiresAt: Number.MAX_SAFE_INTEGER,
    };
    const data = syntheticViewings(titles, users, 7);
    const ids = Array.from({ length: titles }, (_, i) => uuidv5(`title-${i}`, namespace));
    let started = performance.now();
    await core.movies.upsertRatingsBodies(admin, [{ id: 'FSK', name: 'FSK', ratings: fsk }]);
    await core.movies.upsertMovies(
      admin,
      ids.map((id, i) => ({
        id,
        title: `${genres[data.genreOf[i] as number]} ${i + 1}`,
        year: 1980 + (i % 46),
        genres: [genres[data.genreOf[i] as number] as string],
        ratings: { FSK: fsk[i % fsk.length] as string },
      })),
    );
    const userIds: string[] = [];
    for (let u = 0; u < users; u++)
      userIds.push(
        (await core.identity.signUpPseudo({ kind: 'anonymous', appId: app.appId }, { customFields: {} })).user.id,
      );
    const viewer = await core.identity.signUpPseudo({ kind: 'anonymous', appId: app.appId }, { customFields: {} });
    const viewings = data.user.map((u, k) => ({
      userId: userIds[u] as string,
      movieId: ids[data.item[k] as number] as string,
      watchedAt: new Date(data.time[k] as number).toISOString(),
    }));
    // The viewer: 50 titles, mostly of two genres.
    const random = seededRandom(99);
    const mine = new Set<number>();
    while (mine.size < 50) {
      const i = Math.floor(random() ** 2 * titles);
      if (data.genreOf[i] === 2 || data.genreOf[i] === 4 || random() < 0.2) mine.add(i);
    }
    viewings.push(
      ...[...mine].map((i, k) => ({
        userId: viewer.user.id,
        movieId: ids[i] as string,
        watchedAt: new Date(Date.UTC(2026, 9, 1) + k * 3_600_000).toISOString(),
      })),
    );
    for (let start = 0; start < viewings.length; start += 100_000)
      await core.history.ingest(admin, viewings.slice(start, start + 100_000));
    // What autovacuum would do soon after a bulk load: without statistics the planner may scan whole tables.
    if (postgres) await sql`analyze`.execute(persona.database.db);
    console.log(
      `Loaded ${titles} titles, ${users + 1} users, ${viewings.length} viewings in ${((performance.now() - started) / 1000).toFixed(0)} s (${postgres ? 'PostgreSQL' : 'SQLite'}).`,
    );

    started = performance.now();
    const outcome = await core.recommendations.train(app.appId, { force: true });
    const info = await core.recommendations.newestModel(admin);
    console.log(
      `Trained ${info.algorithm} (version ${outcome.version}) on ${info.interactions} pairs in ${(info.trainingMs / 1000).toFixed(1)} s on the worker thread ` +
        `(${((performance.now() - started) / 1000).toFixed(1)} s with reading and storing); ${info.entries} weights, stored ${mb(info.sizeBytes)}.`,
    );

    const principal = (await core.sessions.authenticate(viewer.tokens.accessToken, undefined)) as UserPrincipal;
    const child: UserPrincipal = {
      ...principal,
      profile: { id: 'bench-child', child: true, ratingThresholds: [{ ratingsBody: 'FSK', rating: '12' }] },
    };
    const viaHttp = async () => {
      const response = await persona.http.inject({
        method: 'GET',
        url: '/users/me/movies/recommendations',
        headers: { authorization: `Bearer ${viewer.tokens.accessToken}` },
      });
      if (response.statusCode !== 200) throw new Error(response.body);
    };
    for (const [name, run] of [
      ['GET /users/me/movies/recommendations (inject)', viaHttp],
      [
        'the core call, child profile with FSK 12',
        () => core.recommendations.recommend(child, 'me', { page: 1, pageSize: 20 }),
      ],
    ] as const) {
      for (let i = 0; i < 200; i++) await run();
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const at = performance.now();
        await run();
        samples.push(performance.now() - at);
      }
      const p = percentiles(samples);
      console.log(
        `${name}: p50 ${p.p50.toFixed(2)} ms, p90 ${p.p90.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, max ${p.max.toFixed(1)} ms over ${requests} (target p99 ≤ 5 ms: ${p.p99 <= 5 ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    await persona.http.close();
    rmSync(directory, { recursive: true, force: true });
    if (postgres) {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }
}

/** Trains a model straight from synthetic interactions and reports its stored and served sizes. */
function modelAtScale(items: number, people: number, label: string, spread?: number): void {
  const data = syntheticViewings(items, people, 11, spread);
  const interactions = buildInteractions(people, items, data.user, data.item, data.time);
  const cpu = process.cpuUsage();
  const { model, report } = trainModel(
    interactions,
    Array.from({ length: items }, (_, i) => uuidv5(`title-${i}`, namespace)),
    defaultTrainingSettings,
  );
  const used = process.cpuUsage(cpu);
  const bytes = encodeModel(model);
  const served = decodeModel(bytes);
  console.log(
    `${label}: ${report.algorithm} on ${items} titles, ${report.interactions} pairs: trained in ${((used.user + used.system) / 1e6).toFixed(1)} s of CPU; ` +
      `${report.entries} weights; stored ${mb(bytes.byteLength)}, served ${mb(modelBytes(served))} (decoded arrays and ids).`,
  );
}

console.log(
  `Recommender benchmark on ${os.cpus()[0]?.model ?? 'an unknown CPU'} (${os.cpus().length} cores), load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}.`,
);
// About 55,000 pairs, as MovieLens 100K's positives.
modelAtScale(1682, 943, 'MovieLens-100K size (synthetic)', 160);
await servingAndTraining();
if (largeTitles > 0) {
  modelAtScale(
    largeTitles,
    Number(process.env.REC_LARGE_USERS ?? 100_000),
    `${largeTitles.toLocaleString('en')} titles`,
  );
}
