/**
 * Offline evaluation of the recommender on MovieLens 100K (`../shared/data/ml-100k`, never copied into the
 * repository), by the held-out-user protocol: ratings ≥ 4 are positives; users with ≥ 5 positives, shuffled with a
 * fixed seed; 20% of them held out; 80% of each held-out user's positives are the input, 20% the targets; every item
 * is ranked, input items left out. Prints NDCG@10, Recall@20 and Recall@50 and the training time of popularity,
 * item-kNN, a straightforward dense EASE with λ tuned on the split (the reference), and Persona's model as it is
 * trained and served, and checks the targets.
 *
 *   npm run eval                     the table for seed 42
 *   npm run eval -- --variants       also what time decay, blending with item-kNN, popularity debiasing and EDLAE's
 *                                    dropout gain or lose, averaged over EVAL_SEEDS (42,1,2,3,4)
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
import { buildInteractions, type Interactions } from '../src/core/recommendations/model/interactions.ts';
import { accumulateScores, type RecommenderModel, scoreHistory } from '../src/core/recommendations/model/model.ts';
import type { SparseRows } from '../src/core/recommendations/model/sparse-rows.ts';
import { defaultTrainingSettings, type TrainingSettings, trainModel } from '../src/core/recommendations/model/train.ts';
import { loadMovieLens, type MovieLens } from './movielens.ts';
import { progressBar } from './progress.ts';

const args = new Set(process.argv.slice(2));
const lambdaGrid = [50, 100, 150, 200, 250, 300, 400, 500];
const seeds = (process.env.EVAL_SEEDS ?? '42,1,2,3,4').split(',').map(Number);
const dayMs = 86_400_000;

interface Row {
  name: string;
  metrics: RankingMetrics;
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

function evaluate(label: string, split: HeldOutSplit, items: number, scorer: Parameters<typeof evaluateRanking>[2]) {
  const bar = progressBar(`scoring ${label}`);
  const metrics = evaluateRanking(split, items, scorer, (fraction) => bar.update(fraction));
  bar.done();
  return metrics;
}

/** The reference: dense EASE with the whole of B (negative weights too), λ tuned on the split. */
function referenceEase(split: HeldOutSplit, items: number): Row {
  let best: Row | undefined;
  for (const lambda of lambdaGrid) {
    const bar = progressBar(`dense EASE λ=${lambda}`);
    const [rows, ms] = timed(() =>
      denseEase(split.training, { lambda, keep: items, floor: null, onProgress: (f) => bar.update(f) }),
    );
    bar.done();
    const metrics = evaluate(`dense EASE λ=${lambda}`, split, items, rowsScorer(items, rows));
    if (!best || metrics.ndcgAt10 > best.metrics.ndcgAt10) {
      best = {
        name: 'EASE, dense, λ tuned (reference)',
        metrics,
        trainingMs: ms,
        note: `λ=${lambda} of ${lambdaGrid.join('/')}`,
      };
    }
  }
  return best as Row;
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
    note: `${report.algorithm}, λ=${report.lambda}, ${settings.keep} weights per item${settings.dropout ? `, dropout ${settings.dropout}` : ''}${settings.knnBlend ? `, kNN×${settings.knnBlend}` : ''}${settings.popularityDebias ? `, debias ${settings.popularityDebias}` : ''}`,
  };
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

function inProcess(movieLens: MovieLens): void {
  const data = positivesOf(movieLens);
  const split = heldOutSplit(data, standardSplit);
  console.log(
    `MovieLens 100K: ${data.itemOf.length} positives (ratings ≥ 4) of ${movieLens.users} users and ${movieLens.items} items; ` +
      `${split.heldOut.length} users held out (seed ${standardSplit.seed}); ${split.training.itemOf.length} training positives. ` +
      `CPU: ${cpus()[0]?.model ?? 'unknown'}.`,
  );
  const [pop, knn] = baselineRows(split, movieLens.items);
  const reference = referenceEase(split, movieLens.items);
  const persona = served(split, movieLens.items, defaultTrainingSettings, "Persona's model (as served)");
  const rows = [pop as Row, knn as Row, reference, persona];
  printTable(`Held-out users, seed ${standardSplit.seed}`, rows);
  const checks = [
    [
      'EASE ≥ 2× popularity on Recall@20',
      persona.metrics.recallAt20 >= 2 * (pop as Row).metrics.recallAt20,
      `${(persona.metrics.recallAt20 / (pop as Row).metrics.recallAt20).toFixed(2)}×`,
    ],
    [
      'NDCG@10 within 2% of the reference',
      persona.metrics.ndcgAt10 >= 0.98 * reference.metrics.ndcgAt10,
      `${(((persona.metrics.ndcgAt10 - reference.metrics.ndcgAt10) / reference.metrics.ndcgAt10) * 100).toFixed(1)}%`,
    ],
    ['training ≤ 10 s of CPU', persona.trainingMs <= 10_000, `${(persona.trainingMs / 1000).toFixed(2)} s`],
  ] as const;
  console.log('');
  for (const [what, met, figure] of checks) console.log(`${met ? 'met   ' : 'MISSED'}  ${what}: ${figure}`);
  if (checks.some(([, met]) => !met)) process.exitCode = 1;
}

/** What each change to the served model gains or loses, averaged over several splits. */
function variants(movieLens: MovieLens): void {
  const data = positivesOf(movieLens);
  const base = defaultTrainingSettings;
  const configurations: [string, TrainingSettings][] = [
    ["Persona's model", base],
    ['all weights kept (no top-k)', { ...base, keep: movieLens.items }],
    ['100 weights per item', { ...base, keep: 100 }],
    ['neighbourhood EASE (k=128), forced', { ...base, denseLimit: 0 }],
    ['neighbourhood EASE (k=256), forced', { ...base, denseLimit: 0, neighbours: 256, gramRow: 1024 }],
    ['+ item-kNN blend ×0.02', { ...base, knnBlend: 0.02 }],
    ['+ item-kNN blend ×0.05', { ...base, knnBlend: 0.05 }],
    ['+ popularity debias 0.1', { ...base, popularityDebias: 0.1 }],
    ['+ popularity debias 0.2', { ...base, popularityDebias: 0.2 }],
    ['+ EDLAE dropout 0.33 (λ ×0.4)', { ...base, dropout: 0.33, lambdaPerMeanCount: base.lambdaPerMeanCount * 0.4 }],
    [
      '+ dropout 0.33 and debias 0.1',
      { ...base, dropout: 0.33, lambdaPerMeanCount: base.lambdaPerMeanCount * 0.4, popularityDebias: 0.1 },
    ],
  ];
  const sums = new Map<string, { ndcg: number; r20: number; r50: number; ms: number }>();
  const add = (name: string, metrics: RankingMetrics, ms: number) => {
    const sum = sums.get(name) ?? { ndcg: 0, r20: 0, r50: 0, ms: 0 };
    sum.ndcg += metrics.ndcgAt10 / seeds.length;
    sum.r20 += metrics.recallAt20 / seeds.length;
    sum.r50 += metrics.recallAt50 / seeds.length;
    sum.ms += ms / seeds.length;
    sums.set(name, sum);
  };
  for (const seed of seeds) {
    const split = heldOutSplit(data, { ...standardSplit, seed });
    const [pop] = baselineRows(split, movieLens.items);
    add('popularity', (pop as Row).metrics, (pop as Row).trainingMs);
    for (const halfLife of [30, 90]) {
      const decayed = popularity(split.training, halfLife);
      add(
        `popularity, half-life ${halfLife} days from the newest viewing`,
        evaluate('popularity', split, movieLens.items, () => decayed),
        0,
      );
    }
    const reference = referenceEase(split, movieLens.items);
    add('reference (dense EASE, λ tuned per split)', reference.metrics, reference.trainingMs);
    for (const [name, settings] of configurations) {
      const row = served(split, movieLens.items, settings, name);
      add(name, row.metrics, row.trainingMs);
      if (name === "Persona's model") {
        // Time decay of the user's own history: recent viewings weigh more.
        const ids = Array.from({ length: movieLens.items }, (_, i) => String(i));
        const { model } = trainModel(split.training, ids, settings);
        for (const halfLife of [90, 180]) {
          const metrics = evaluate(`user decay ${halfLife}`, split, movieLens.items, (user) => {
            const newest = Math.max(...user.inputTimes);
            const weights = Float64Array.from(user.inputTimes, (t) => 0.5 ** ((newest - t) / dayMs / halfLife));
            const scores = new Float64Array(movieLens.items);
            accumulateScores(model.weights, user.inputItems, weights, scores);
            return scores;
          });
          add(`+ user history decay, half-life ${halfLife} days`, metrics, row.trainingMs);
        }
      }
    }
  }
  const reference = sums.get('reference (dense EASE, λ tuned per split)') as { ndcg: number };
  console.log(`\nVariants, mean over seeds ${seeds.join(', ')} (${seeds.length} splits)\n`);
  console.log('| variant | NDCG@10 | vs reference | Recall@20 | Recall@50 | training (CPU s) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, sum] of sums) {
    const delta = ((sum.ndcg - reference.ndcg) / reference.ndcg) * 100;
    console.log(
      `| ${name} | ${sum.ndcg.toFixed(4)} | ${delta >= 0 ? '+' : ''}${delta.toFixed(1)}% | ${sum.r20.toFixed(4)} | ${sum.r50.toFixed(4)} | ${(sum.ms / 1000).toFixed(2)} |`,
    );
  }
}

const movieLens = loadMovieLens();
inProcess(movieLens);
if (args.has('--variants')) variants(movieLens);
