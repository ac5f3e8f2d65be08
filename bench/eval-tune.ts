/**
 * The search behind the served model's settings, on MovieLens 100K splits that `npm run eval` does not report
 * (seeds 101–105 unless `TUNE_SEEDS` says otherwise), so that the settings chosen here are not tuned on the splits the
 * comparison with the reference is made on. For each λ (a multiple of the mean users per item) and dropout p it
 * inverts `G + Λ` once and scores the held-out users with all of B under every serving-side variant:
 *
 * - the column scale `t`: EASE's zero-diagonal form divides column i of `−P` by `P_ii` (t = 0); EDLAE's full-rank form
 *   `B = I − P·Λ` multiplies it by `Λ_ii` (t = 1; its diagonal only scores watched items, which are left out); between
 *   the two, `P_ii^(t−1)·Λ_ii^t`;
 * - popularity debiasing: scores divided by `(users of the item + 1)^δ`;
 * - history weighting: each watched item's row times `(users of the item + 1)^−γ` (a rare item says more);
 *
 * and prints the mean NDCG@10 (and recall) of each, best first, with dense EASE of the reference's λ grid for scale.
 *
 *   node --disable-warning=ExperimentalWarning bench/eval-tune.ts
 *
 * The third pass's search (second signals blended per user, two-step EASE, users weighed in the Gram matrix, the
 * user's history decayed) is `bench/eval-tune-blend.ts`, on the same seeds.
 */
import { type HeldOutSplit, heldOutSplit, standardSplit } from '../src/core/recommendations/model/evaluate.ts';
import { buildInteractions, type Interactions } from '../src/core/recommendations/model/interactions.ts';
import { invertSpdInPlace } from '../src/core/recommendations/model/linear-algebra.ts';
import { topIndices } from '../src/core/recommendations/model/sparse-rows.ts';
import { loadMovieLens } from './movielens.ts';

const seeds = (process.env.TUNE_SEEDS ?? '101,102,103,104,105').split(',').map(Number);
const lambdaMultiples = (process.env.TUNE_LAMBDAS ?? '3.2,4.8,6.4,10').split(',').map(Number);
const dropouts = (process.env.TUNE_DROPOUTS ?? '0,0.2,0.33,0.5').split(',').map(Number);
const columnScales = [0, 0.5, 1];
const debiases = [0, 0.05, 0.1, 0.15, 0.2, 0.3];
const historyWeights = [0, 0.1, 0.2, 0.3];

interface Totals {
  ndcg: number;
  recall20: number;
  recall50: number;
  splits: number;
}
const results = new Map<string, Totals>();
const add = (key: string, ndcg: number, recall20: number, recall50: number) => {
  const totals = results.get(key) ?? { ndcg: 0, recall20: 0, recall50: 0, splits: 0 };
  totals.ndcg += ndcg;
  totals.recall20 += recall20;
  totals.recall50 += recall50;
  totals.splits++;
  results.set(key, totals);
};

function gramOf(data: Interactions, n: number): Float64Array {
  const gram = new Float64Array(n * n);
  for (let u = 0; u < data.users; u++) {
    for (let p = data.userStart[u]!; p < data.userStart[u + 1]!; p++) {
      const row = data.itemOf[p]! * n;
      for (let q = data.userStart[u]!; q <= p; q++) gram[row + data.itemOf[q]!]!++;
    }
  }
  return gram;
}

/** NDCG@10, Recall@20 and Recall@50 of raw per-user scores times a column scale. */
function metricsOf(split: HeldOutSplit, raw: Float64Array[], scale: Float64Array): [number, number, number] {
  const n = scale.length;
  const scores = new Float64Array(n);
  let ndcg = 0;
  let recall20 = 0;
  let recall50 = 0;
  for (const [index, user] of split.heldOut.entries()) {
    const userRaw = raw[index]!;
    for (let i = 0; i < n; i++) scores[i] = userRaw[i]! * scale[i]!;
    for (const item of user.inputItems) scores[item] = Number.NEGATIVE_INFINITY;
    const ranked = topIndices(scores, n, 50);
    const targets = new Set(user.targets);
    let dcg = 0;
    let hits20 = 0;
    let hits50 = 0;
    ranked.forEach((item, rank) => {
      if (!targets.has(item)) return;
      if (rank < 10) dcg += 1 / Math.log2(rank + 2);
      if (rank < 20) hits20++;
      hits50++;
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(10, targets.size); rank++) ideal += 1 / Math.log2(rank + 2);
    ndcg += dcg / ideal;
    recall20 += hits20 / Math.min(20, targets.size);
    recall50 += hits50 / Math.min(50, targets.size);
  }
  const users = split.heldOut.length;
  return [ndcg / users, recall20 / users, recall50 / users];
}

const movieLens = loadMovieLens();
const positives = movieLens.ratings.filter((rating) => rating.rating >= 4);
const data = buildInteractions(
  movieLens.users,
  movieLens.items,
  positives.map((r) => r.user),
  positives.map((r) => r.item),
  positives.map((r) => r.time),
);
const n = movieLens.items;
const started = Date.now();
for (const seed of seeds) {
  const split = heldOutSplit(data, { ...standardSplit, seed });
  const training = split.training;
  const gram = gramOf(training, n);
  const counts = new Float64Array(n);
  let watched = 0;
  for (let i = 0; i < n; i++) {
    counts[i] = training.itemStart[i + 1]! - training.itemStart[i]!;
    if (counts[i]! > 0) watched++;
  }
  const meanCount = training.itemOf.length / watched;
  const configurations: [string, number, number][] = [];
  for (const multiple of lambdaMultiples) {
    for (const dropout of dropouts)
      configurations.push([`λ=${multiple}×, p=${dropout}`, multiple * meanCount, dropout]);
  }
  for (const lambda of [100, 150, 200, 250, 300, 400]) configurations.push([`reference λ=${lambda}`, lambda, 0]);
  for (const [label, lambda, dropout] of configurations) {
    const a = Float64Array.from(gram);
    const penalty = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      penalty[i] = lambda + (dropout / (1 - dropout)) * gram[i * n + i]!;
      a[i * n + i]! += penalty[i]!;
    }
    invertSpdInPlace(a, n);
    const reference = label.startsWith('reference');
    for (const gamma of reference ? [0] : historyWeights) {
      // Raw scores: Σ over watched j of w_j·(−P[j][i]); columns are scaled after.
      const raw = split.heldOut.map((user) => {
        const scores = new Float64Array(n);
        for (const j of user.inputItems) {
          const w = (counts[j]! + 1) ** -gamma;
          const row = j * n;
          for (let i = 0; i < n; i++) scores[i]! -= w * a[row + i]!;
        }
        return scores;
      });
      for (const t of reference ? [0] : columnScales) {
        for (const delta of reference ? [0] : debiases) {
          const scale = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            scale[i] = a[i * n + i]! ** (t - 1) * penalty[i]! ** t * (counts[i]! + 1) ** -delta;
          }
          const [ndcg, r20, r50] = metricsOf(split, raw, scale);
          add(reference ? label : `${label}, t=${t}, δ=${delta}, γ=${gamma}`, ndcg, r20, r50);
        }
      }
    }
    process.stderr.write(`seed ${seed}: ${label} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
}
const rows = [...results].map(([key, totals]) => ({
  key,
  ndcg: totals.ndcg / totals.splits,
  recall20: totals.recall20 / totals.splits,
  recall50: totals.recall50 / totals.splits,
}));
rows.sort((a, b) => b.ndcg - a.ndcg);
console.log(`Mean over seeds ${seeds.join(', ')}, all of B, best NDCG@10 first\n`);
console.log('| variant | NDCG@10 | Recall@20 | Recall@50 |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.key} | ${row.ndcg.toFixed(4)} | ${row.recall20.toFixed(4)} | ${row.recall50.toFixed(4)} |`);
}
