/**
 * Offline evaluation of the recommender on MovieLens 100K (`../shared/data/ml-100k`, never copied into the
 * repository), by the held-out-user protocol: ratings ≥ 4 are positives; users with ≥ 5 positives, shuffled with a
 * fixed seed; 20% of them held out; 80% of each held-out user's positives are the input, 20% the targets; every item
 * is ranked, input items left out. Prints NDCG@10, Recall@20 and Recall@50 and the training time of popularity,
 * item-kNN, a straightforward dense EASE with λ tuned on the split (the reference), and Persona's model as it is
 * trained and served, and checks the targets.
 *
 *   npm run eval                     the table for seed 42 and the means over EVAL_SEEDS (42,1,2,3,4), with the
 *                                    targets checked on the means (one split of 188 users is noisy: ±2% NDCG)
 *   npm run eval -- --http           the same data through the admin API into a Persona, read through the KIP face
 *                                    (bench/eval-http.ts)
 *   npm run eval -- --variants       also what time decay, blending with item-kNN, popularity debiasing and EDLAE's
 *                                    dropout gain or lose, over the same splits, and the third pass's blends with
 *                                    RP3beta, item-kNN, user-kNN and a two-step EASE (bench/eval-tune-blend.ts), with
 *                                    each split's NDCG@10 and a paired 95% interval over all held-out users
 *
 * `EVAL_SEEDS` (a comma-separated list) and `EVAL_VARIANTS` (a regular expression of the variant names to run) narrow
 * a run; `MOVIELENS_DIR` points at the data from a checkout elsewhere than beside `../shared`.
 *
 * Times are CPU times of this process (one core), so that a busy machine slows them less than wall time.
 */
import { cpus } from 'node:os';
import { denseEase, itemKnn, popularity } from '../src/core/recommendations/model/algorithms.ts';
import {
  evaluateRanking,
  type HeldOutSplit,
  heldOutSplit,
  type RankingMetrics,
  standardSplit,
} from '../src/core/recommendations/model/evaluate.ts';
import { buildInteractions, type Interactions, itemCounts } from '../src/core/recommendations/model/interactions.ts';
import { accumulateScores, type RecommenderModel, scoreHistory } from '../src/core/recommendations/model/model.ts';
import type { SparseRows } from '../src/core/recommendations/model/sparse-rows.ts';
import { defaultTrainingSettings, type TrainingSettings, trainModel } from '../src/core/recommendations/model/train.ts';
import {
  gramOf,
  overMax,
  rowsScores,
  rp3beta,
  standardised,
  twoStepScores,
  userKnn,
  userWeightedScores,
} from './blend-signals.ts';
import { loadMovieLens, type MovieLens } from './movielens.ts';
import { progressBar } from './progress.ts';

const args = new Set(process.argv.slice(2));
const lambdaGrid = [100, 150, 200, 250, 300, 400];
const seeds = (process.env.EVAL_SEEDS ?? '42,1,2,3,4').split(',').map(Number);
const dayMs = 86_400_000;

type Metrics = RankingMetrics & { perUser?: Float64Array };

interface Row {
  name: string;
  metrics: Metrics;
  trainingMs: number;
  note: string;
}

/** CPU milliseconds of this process spent in `work`. */
function timed<T>(work: () => T): [T, number] {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1000];
}

function positivesOf(movieLens: MovieLens): Interactions {
  const positives = movieLens.ratings.filter((rating) => rating.rating >= 4);
  return buildInteractions(
    movieLens.users,
    movieLens.items,
    positives.map((r) => r.user),
    positives.map((r) => r.item),
    positives.map((r) => r.time),
  );
}

const rowsScorer = (items: number, rows: SparseRows) => (user: { inputItems: Int32Array }) => {
  const scores = new Float64Array(items);
  accumulateScores(rows, user.inputItems, undefined, scores);
  return scores;
};

const modelScorer = (model: RecommenderModel) => (user: { inputItems: Int32Array }) => {
  const scores = new Float64Array(model.itemIds.length);
  scoreHistory(model, user.inputItems, scores);
  return scores;
};

/** The metrics of a scorer on a split, with each held-out user's NDCG@10 (for the paired intervals). */
function evaluate(
  label: string,
  split: HeldOutSplit,
  items: number,
  scorer: Parameters<typeof evaluateRanking>[2],
): Metrics {
  const bar = progressBar(`scoring ${label}`);
  const perUser = new Float64Array(split.heldOut.length);
  const metrics = evaluateRanking(split, items, scorer, (fraction) => bar.update(fraction), perUser);
  bar.done();
  return { ...metrics, perUser };
}

/** A fair counterpart of the reference: dense EASE with the whole of B and a λ chosen on other splits (101–105). */
const fixedLambda = 200;
const fixedName = `EASE, dense, λ = ${fixedLambda} (chosen on other splits)`;

/**
 * The reference: dense EASE with the whole of B (negative weights too), λ tuned on the split's own targets (an
 * oracle); and the same with λ fixed in advance.
 */
const splits = new Map<number, HeldOutSplit>();

/** The split of a seed, made once: the main table and the variants share it and its reference. */
function splitFor(data: Interactions, seed: number): HeldOutSplit {
  let split = splits.get(seed);
  if (!split) {
    split = heldOutSplit(data, { ...standardSplit, seed });
    splits.set(seed, split);
  }
  return split;
}

const referencesOf = new WeakMap<Interactions, Row[]>();

function referenceEase(split: HeldOutSplit, items: number): Row[] {
  // The main table and the variants share a split's reference (its training data is the same object).
  const known = referencesOf.get(split.training);
  if (known) return known;
  const rows = computeReferences(split, items);
  referencesOf.set(split.training, rows);
  return rows;
}

function computeReferences(split: HeldOutSplit, items: number): Row[] {
  let best: Row | undefined;
  let fixed: Row | undefined;
  for (const lambda of lambdaGrid) {
    const bar = progressBar(`dense EASE λ=${lambda}`);
    const [rows, ms] = timed(() =>
      denseEase(split.training, { lambda, keep: items, floor: null, onProgress: (f) => bar.update(f) }),
    );
    bar.done();
    const metrics = evaluate(`dense EASE λ=${lambda}`, split, items, rowsScorer(items, rows));
    if (lambda === fixedLambda) fixed = { name: fixedName, metrics, trainingMs: ms, note: 'all of B' };
    if (!best || metrics.ndcgAt10 > best.metrics.ndcgAt10) {
      best = { name: referenceName, metrics, trainingMs: ms, note: `λ=${lambda} of ${lambdaGrid.join('/')}, all of B` };
    }
  }
  return [best as Row, fixed as Row];
}

function served(split: HeldOutSplit, items: number, settings: TrainingSettings, name: string): Row {
  const bar = progressBar(`training ${name}`);
  const ids = Array.from({ length: items }, (_, i) => String(i));
  const [{ model, report }, ms] = timed(() => trainModel(split.training, ids, settings, (f) => bar.update(f)));
  bar.done();
  const metrics = evaluate(name, split, items, modelScorer(model));
  return {
    name,
    metrics,
    trainingMs: ms,
    note: `${report.algorithm}, λ=${report.lambda}, ${settings.keep} weights per item${settings.dropout ? `, dropout ${settings.dropout}` : ''}${settings.columnScale ? `, column scale ${settings.columnScale}` : ''}${settings.historyWeight ? `, history weight ${settings.historyWeight}` : ''}${settings.knnBlend ? `, kNN×${settings.knnBlend}` : ''}${settings.popularityDebias ? `, debias ${settings.popularityDebias}` : ''}`,
  };
}

/** The λ multiples internal validation chooses among (the served one, 6.4, and its neighbours). */
const validationMultiples = [3.2, 4.8, 6.4, 10];
const validationName = 'λ chosen by internal validation (training users only)';

/**
 * λ chosen without the targets, as a product could on an app's own data: a fifth of the training users is held out
 * (a split of the training data with its own seed), each λ multiple trained on the rest and scored on them, and the
 * best retrained on all training users. Training costs one model per multiple more.
 */
function validatedLambda(split: HeldOutSplit, items: number, seed: number): Row {
  const ids = Array.from({ length: items }, (_, i) => String(i));
  const inner = heldOutSplit(split.training, { ...standardSplit, seed: seed + 1000 });
  const [chosen, searchMs] = timed(() => {
    let best: [number, number] | undefined;
    for (const multiple of validationMultiples) {
      const { model } = trainModel(inner.training, ids, { ...defaultTrainingSettings, lambdaPerMeanCount: multiple });
      const ndcg = evaluateRanking(inner, items, modelScorer(model)).ndcgAt10;
      if (!best || ndcg > best[1]) best = [multiple, ndcg];
    }
    return (best as [number, number])[0];
  });
  const row = served(split, items, { ...defaultTrainingSettings, lambdaPerMeanCount: chosen }, validationName);
  return { ...row, trainingMs: row.trainingMs + searchMs, note: `${row.note}, ${chosen}× chosen` };
}

function baselineRows(split: HeldOutSplit, items: number): Row[] {
  const [counts, popMs] = timed(() => popularity(split.training, null));
  const knnSettings = { neighbours: defaultTrainingSettings.knnNeighbours, shrink: defaultTrainingSettings.knnShrink };
  const [knn, knnMs] = timed(() => itemKnn(split.training, knnSettings));
  return [
    {
      name: 'popularity',
      metrics: evaluate('popularity', split, items, () => counts),
      trainingMs: popMs,
      note: 'users per item',
    },
    {
      name: 'item-kNN',
      metrics: evaluate('item-kNN', split, items, rowsScorer(items, knn)),
      trainingMs: knnMs,
      note: `cosine, shrink ${knnSettings.shrink}, ${knnSettings.neighbours} neighbours`,
    },
  ];
}

function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}\n`);
  console.log('| model | NDCG@10 | Recall@20 | Recall@50 | training (CPU s) | notes |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    const m = row.metrics;
    console.log(
      `| ${row.name} | ${m.ndcgAt10.toFixed(4)} | ${m.recallAt20.toFixed(4)} | ${m.recallAt50.toFixed(4)} | ${(row.trainingMs / 1000).toFixed(2)} | ${row.note} |`,
    );
  }
}

/** Means over splits, with each split's difference to the reference (paired) and its range. */
function summarise(perSplit: Map<string, Row[]>, referenceName: string) {
  const names = [...perSplit.keys()];
  const reference = perSplit.get(referenceName) as Row[];
  return names.map((name) => {
    const rows = perSplit.get(name) as Row[];
    const mean = (pick: (row: Row) => number) => rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
    const deltas = rows.map((row, i) => {
      const base = (reference[i] as Row).metrics.ndcgAt10;
      return (row.metrics.ndcgAt10 - base) / base;
    });
    return {
      name,
      ndcg: mean((row) => row.metrics.ndcgAt10),
      recall20: mean((row) => row.metrics.recallAt20),
      recall50: mean((row) => row.metrics.recallAt50),
      trainingMs: mean((row) => row.trainingMs),
      delta: deltas.reduce((sum, d) => sum + d, 0) / deltas.length,
      lowest: Math.min(...deltas),
      highest: Math.max(...deltas),
    };
  });
}

function printSummary(title: string, summary: ReturnType<typeof summarise>): void {
  console.log(`\n${title}\n`);
  console.log(
    '| model | NDCG@10 | vs reference (mean, range over splits) | Recall@20 | Recall@50 | training (CPU s) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  for (const row of summary) {
    console.log(
      `| ${row.name} | ${row.ndcg.toFixed(4)} | ${percent(row.delta)} (${percent(row.lowest)} to ${percent(row.highest)}) | ${row.recall20.toFixed(4)} | ${row.recall50.toFixed(4)} | ${(row.trainingMs / 1000).toFixed(2)} |`,
    );
  }
}

/**
 * The difference of NDCG@10 to the reference over every held-out user of every split (paired: the same users),
 * as a share of the reference's mean, with a normal 95% interval (±1.96 standard errors of the mean difference).
 */
function pairedInterval(rows: Row[], reference: Row[]): string {
  const differences: number[] = [];
  let base = 0;
  rows.forEach((row, i) => {
    const mine = row.metrics.perUser;
    const theirs = (reference[i] as Row).metrics.perUser;
    if (!mine || !theirs) return;
    mine.forEach((value, u) => {
      differences.push(value - (theirs[u] as number));
      base += theirs[u] as number;
    });
  });
  if (differences.length < 2) return '';
  const n = differences.length;
  const mean = differences.reduce((sum, d) => sum + d, 0) / n;
  const variance = differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1);
  const half = 1.96 * Math.sqrt(variance / n);
  base /= n;
  const percent = (value: number) => `${value >= 0 ? '+' : ''}${((value / base) * 100).toFixed(1)}%`;
  return `${percent(mean)} (${percent(mean - half)} to ${percent(mean + half)})`;
}

/** Each split's NDCG@10 of every row, and its difference to that split's reference. */
function printPerSplit(perSplit: Map<string, Row[]>, referenceName: string): void {
  const reference = perSplit.get(referenceName) as Row[];
  console.log(`\nNDCG@10 split by split (seeds ${seeds.join(', ')}), against the split's reference\n`);
  console.log(`| model | ${seeds.map((seed) => `seed ${seed}`).join(' | ')} | splits ahead | paired, 95% |`);
  console.log(`| --- | ${seeds.map(() => '---:').join(' | ')} | ---: | ---: |`);
  for (const [name, rows] of perSplit) {
    let ahead = 0;
    const cells = rows.map((row, i) => {
      const base = (reference[i] as Row).metrics.ndcgAt10;
      const delta = row.metrics.ndcgAt10 / base - 1;
      if (delta > 0) ahead++;
      return `${row.metrics.ndcgAt10.toFixed(4)} (${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)}%)`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} | ${ahead} of ${rows.length} | ${pairedInterval(rows, reference)} |`);
  }
}

const referenceName = 'EASE, dense, λ tuned (reference)';

function inProcess(movieLens: MovieLens): void {
  const data = positivesOf(movieLens);
  console.log(
    `MovieLens 100K: ${data.itemOf.length} positives (ratings ≥ 4) of ${movieLens.users} users and ${movieLens.items} items; ` +
      `splits with seeds ${seeds.join(', ')}. CPU: ${cpus()[0]?.model ?? 'unknown'}.`,
  );
  const perSplit = new Map<string, Row[]>();
  for (const [index, seed] of seeds.entries()) {
    const split = splitFor(data, seed);
    const [pop, knn] = baselineRows(split, movieLens.items);
    const references = referenceEase(split, movieLens.items);
    const persona = served(split, movieLens.items, defaultTrainingSettings, "Persona's model (as served)");
    const rows = [pop as Row, knn as Row, ...references, persona];
    for (const row of rows) perSplit.set(row.name, [...(perSplit.get(row.name) ?? []), row]);
    if (index === 0) {
      printTable(
        `Held-out users, seed ${seed}: ${split.heldOut.length} users held out, ${split.training.itemOf.length} training positives`,
        rows,
      );
    }
  }
  const summary = summarise(perSplit, referenceName);
  printSummary(`Mean over ${seeds.length} splits (seeds ${seeds.join(', ')})`, summary);
  const find = (name: string) => summary.find((row) => row.name === name) as (typeof summary)[number];
  const popular = find('popularity');
  const reference = find(referenceName);
  const persona = find("Persona's model (as served)");
  const checks = [
    [
      'EASE ≥ 2× popularity on Recall@20',
      persona.recall20 >= 2 * popular.recall20,
      `${(persona.recall20 / popular.recall20).toFixed(2)}×`,
    ],
    [
      'NDCG@10 within 2% of the reference',
      persona.ndcg >= 0.98 * reference.ndcg,
      `${((persona.ndcg / reference.ndcg - 1) * 100).toFixed(1)}%`,
    ],
    ['training ≤ 10 s of CPU', persona.trainingMs <= 10_000, `${(persona.trainingMs / 1000).toFixed(2)} s`],
  ] as const;
  console.log(`\nTargets, on the means over the ${seeds.length} splits:`);
  for (const [what, met, figure] of checks) console.log(`${met ? 'met   ' : 'MISSED'}  ${what}: ${figure}`);
  if (checks.some(([, met]) => !met)) process.exitCode = 1;
}

/**
 * The settings of the search of bench/eval-tune.ts (seeds 101–105) and their neighbours, as the product trains them.
 * Each is a change to the model of decision 0013 as first merged (dropout 0.2, zero diagonal, debiasing 0.1).
 */
const searched: [string, Partial<TrainingSettings>][] = [
  [
    '0013 as merged: dropout 0.2, zero diagonal, debiasing 0.1',
    { dropout: 0.2, columnScale: 0, popularityDebias: 0.1 },
  ],
  ['dropout 0.33 (zero diagonal, debiasing 0.1)', { dropout: 0.33, columnScale: 0, popularityDebias: 0.1 }],
  ['dropout 0.5 (zero diagonal, debiasing 0.2)', { dropout: 0.5, columnScale: 0, popularityDebias: 0.2 }],
  ['EDLAE full rank, dropout 0.33, no debiasing', { dropout: 0.33, columnScale: 1, popularityDebias: 0 }],
  ['EDLAE full rank, dropout 0.33, debiasing 0.1', { dropout: 0.33, columnScale: 1, popularityDebias: 0.1 }],
  ['EDLAE full rank, dropout 0.2, no debiasing', { dropout: 0.2, columnScale: 1, popularityDebias: 0 }],
  [
    'EDLAE full rank, dropout 0.33, no debiasing, 800 weights',
    { dropout: 0.33, columnScale: 1, popularityDebias: 0, keep: 800 },
  ],
  [
    'EDLAE full rank, dropout 0.33, no debiasing, every weight',
    { dropout: 0.33, columnScale: 1, popularityDebias: 0, keep: 2000 },
  ],
  ['halfway (t = 0.5), dropout 0.5, debiasing 0.15', { dropout: 0.5, columnScale: 0.5, popularityDebias: 0.15 }],
  ['history weighted (γ = 0.1), dropout 0.33, debiasing 0.1', { dropout: 0.33, historyWeight: 0.1 }],
  ['history weighted (γ = 0.2), λ = 10×, dropout 0.33', { dropout: 0.33, historyWeight: 0.2, lambdaPerMeanCount: 10 }],
];
/**
 * The third pass (bench/eval-tune-blend.ts, seeds 101–105): a second signal's scores blended with the served model's,
 * each normalised per user over the items that can be recommended (`z`: mean 0 and standard deviation 1; `max`: the
 * best at 1), `served + weight · other`; the best setting of each signal on the search splits.
 */
const blends: {
  name: string;
  norm: 'z' | 'max';
  weight: number;
  signal: (split: HeldOutSplit, items: number) => Float64Array[];
}[] = [
  {
    name: '+ RP3beta (β = 0.6, 200 per item) blended per user',
    norm: 'max',
    weight: 0.02,
    signal: (split, items) => rowsScores(rp3beta(split.training, 0.6, 200), split.heldOut, items),
  },
  {
    name: '+ item-kNN blended per user',
    norm: 'max',
    weight: 0.02,
    signal: (split, items) =>
      rowsScores(itemKnn(split.training, { neighbours: 100, shrink: 10 }), split.heldOut, items),
  },
  {
    name: '+ user-kNN (k = 50) blended per user',
    norm: 'z',
    weight: 0.02,
    signal: (split) => userKnn(split.training, split.heldOut, 50, 10),
  },
  {
    name: '+ two-step EASE (λ₁ = 20×, λ₂ = 10×) blended per user',
    norm: 'z',
    weight: 0.02,
    signal: (split, items) => {
      const mean = meanCountOf(split.training);
      return twoStepScores(gramOf(split.training), items, 20 * mean, 10 * mean, split.heldOut);
    },
  },
];

function meanCountOf(data: Interactions): number {
  return data.itemOf.length / itemCounts(data).filter((count) => count > 0).length;
}

/** Scores divided (positive) or multiplied (negative) by (users of the item + 1)^δ, as `scoreHistory` debiases. */
function debiased(scores: Float64Array, counts: ArrayLike<number>, delta: number): Float64Array {
  for (let i = 0; i < scores.length; i++) {
    const factor = ((counts[i] as number) + 1) ** delta;
    scores[i] = (scores[i] as number) > 0 ? (scores[i] as number) / factor : (scores[i] as number) * factor;
  }
  return scores;
}

/**
 * The third pass's rows for one split: the blends above, EDLAE on a Gram matrix with users weighed, and EDLAE with λ
 * scaled per item by its popularity.
 */
function thirdPass(split: HeldOutSplit, items: number, model: RecommenderModel, servedMs: number): Row[] {
  const rows: Row[] = [];
  const index = new Map(split.heldOut.map((user, i) => [user, i]));
  const served = split.heldOut.map((user) => {
    const scores = new Float64Array(items);
    scoreHistory(model, user.inputItems, scores);
    return scores;
  });
  for (const blend of blends) {
    if (variantFilter !== undefined && !variantFilter.test(blend.name)) continue;
    const normalise = blend.norm === 'z' ? standardised : overMax;
    const [mixed, ms] = timed(() => {
      const other = blend.signal(split, items);
      return split.heldOut.map((user, u) => {
        const a = normalise(user, served[u] as Float64Array);
        const b = normalise(user, other[u] as Float64Array);
        return a.map((x, i) => x + blend.weight * (b[i] as number));
      });
    });
    const metrics = evaluate(blend.name, split, items, (user) => mixed[index.get(user) as number] as Float64Array);
    rows.push({ name: blend.name, metrics, trainingMs: servedMs + ms, note: `${blend.norm}, w=${blend.weight}` });
  }
  const weighedName = 'users weighed by |I_u|^−0.25 in the Gram matrix (λ = 4.8×, debiasing 0.1, all of B)';
  if (variantFilter === undefined || variantFilter.test(weighedName)) {
    const [scores, ms] = timed(() => {
      const counts = itemCounts(split.training);
      return userWeightedScores(split.training, split.heldOut, 0.25, 4.8, 0.5, 0.5).map((raw) =>
        debiased(raw, counts, 0.1),
      );
    });
    const metrics = evaluate(weighedName, split, items, (user) => scores[index.get(user) as number] as Float64Array);
    rows.push({ name: weighedName, metrics, trainingMs: ms, note: '' });
  }
  const scaledName = 'λ scaled per item by (users / mean)^0.25 (λ = 6.4×, dropout 0.5, debiasing 0.15, all of B)';
  if (variantFilter === undefined || variantFilter.test(scaledName)) {
    const [scores, ms] = timed(() => {
      const counts = itemCounts(split.training);
      return userWeightedScores(split.training, split.heldOut, 0, 6.4, 0.5, 0.5, 0.25).map((raw) =>
        debiased(raw, counts, 0.15),
      );
    });
    const metrics = evaluate(scaledName, split, items, (user) => scores[index.get(user) as number] as Float64Array);
    rows.push({ name: scaledName, metrics, trainingMs: ms, note: '' });
  }
  return rows;
}

/** `EVAL_VARIANTS`, a regular expression: only the variants whose name it finds run. */
const variantFilter = process.env.EVAL_VARIANTS ? new RegExp(process.env.EVAL_VARIANTS) : undefined;

/** What each change to the served model gains or loses, over the same splits as the main table. */
function variants(movieLens: MovieLens): void {
  const data = positivesOf(movieLens);
  const base = defaultTrainingSettings;
  const every: [string, TrainingSettings][] = [
    ["Persona's model", base],
    [
      'plain EASE: no dropout, no debiasing (λ = 10 × mean count)',
      { ...base, dropout: 0, columnScale: 0, popularityDebias: 0, lambdaPerMeanCount: 10 },
    ],
    ['− EDLAE dropout (λ = 10 × mean count)', { ...base, dropout: 0, lambdaPerMeanCount: 10 }],
    ['− popularity debiasing', { ...base, popularityDebias: 0 }],
    ['popularity debiasing 0.2', { ...base, popularityDebias: 0.2 }],
    ['every weight kept (no top-k)', { ...base, keep: movieLens.items }],
    ['200 weights per item', { ...base, keep: 200 }],
    ['100 weights per item', { ...base, keep: 100 }],
    ['neighbourhood EASE (k = 128), forced', { ...base, denseLimit: 0 }],
    ['neighbourhood EASE (k = 256), forced', { ...base, denseLimit: 0, neighbours: 256, gramRow: 1024 }],
    ['+ item-kNN blend × 0.005', { ...base, knnBlend: 0.005 }],
    ['+ item-kNN blend × 0.01', { ...base, knnBlend: 0.01 }],
    ...searched.map(([name, change]): [string, TrainingSettings] => [name, { ...base, ...change }]),
  ];
  const configurations = every.filter(([name]) => variantFilter === undefined || variantFilter.test(name));
  const perSplit = new Map<string, Row[]>();
  const add = (row: Row) => perSplit.set(row.name, [...(perSplit.get(row.name) ?? []), row]);
  for (const seed of seeds) {
    const split = splitFor(data, seed);
    const [pop] = baselineRows(split, movieLens.items);
    add(pop as Row);
    for (const halfLife of [30, 90]) {
      const [decayed, ms] = timed(() => popularity(split.training, halfLife));
      const name = `popularity, half-life ${halfLife} days back from the newest viewing`;
      add({ name, metrics: evaluate(name, split, movieLens.items, () => decayed), trainingMs: ms, note: '' });
    }
    for (const row of referenceEase(split, movieLens.items)) add(row);
    if (variantFilter === undefined || variantFilter.test(validationName))
      add(validatedLambda(split, movieLens.items, seed));
    for (const [name, settings] of configurations) {
      const row = served(split, movieLens.items, settings, name);
      add(row);
      if (settings !== base) continue;
      // Time decay of the user's own history: recent viewings weigh more.
      const ids = Array.from({ length: movieLens.items }, (_, i) => String(i));
      const { model } = trainModel(split.training, ids, settings);
      for (const halfLife of [90, 180, 365, 730]) {
        const label = `+ the user's history decayed, half-life ${halfLife} days`;
        const metrics = evaluate(label, split, movieLens.items, (user) => {
          const newest = Math.max(...user.inputTimes);
          const weights = Float64Array.from(user.inputTimes, (t) => 0.5 ** ((newest - t) / dayMs / halfLife));
          const scores = new Float64Array(movieLens.items);
          accumulateScores(model.weights, user.inputItems, weights, scores);
          const debias = settings.popularityDebias;
          for (let i = 0; i < scores.length; i++) {
            const factor = ((model.counts[i] as number) + 1) ** debias;
            scores[i] = (scores[i] as number) > 0 ? (scores[i] as number) / factor : (scores[i] as number) * factor;
          }
          return scores;
        });
        add({ name: label, metrics, trainingMs: row.trainingMs, note: '' });
      }
      for (const blended of thirdPass(split, movieLens.items, model, row.trainingMs)) add(blended);
    }
  }
  printSummary(
    `Variants, mean over ${seeds.length} splits (seeds ${seeds.join(', ')})`,
    summarise(perSplit, referenceName),
  );
  printPerSplit(perSplit, referenceName);
}

const movieLens = loadMovieLens();
if (args.has('--http')) {
  const { evaluateThroughHttp } = await import('./eval-http.ts');
  await evaluateThroughHttp(movieLens, positivesOf(movieLens), (split) =>
    served(split, movieLens.items, defaultTrainingSettings, "Persona's model in-process (same split)"),
  );
} else {
  if (!args.has('--variants-only')) inProcess(movieLens);
  if (args.has('--variants') || args.has('--variants-only')) variants(movieLens);
}
