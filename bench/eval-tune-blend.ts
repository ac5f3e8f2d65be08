/**
 * The third pass's search (issue 21): what a second signal blended with the served model's scores, per user, gains
 * on MovieLens 100K splits that `npm run eval` does not report (seeds 101–105 unless `TUNE_SEEDS` says otherwise).
 * For each held-out user it scores every item with the served model (EASE as `defaultTrainingSettings` trains it)
 * and with each second signal, normalises both per user over the items that can be recommended, and ranks by
 * `served + w · other`:
 *
 * - RP3beta (Paudel et al. 2017): the item → user → item random walk, `W_ij = Σ_u 1/|U_i| · 1/|I_u|`, divided by
 *   `|U_j|^β` (a popularity penalty), each row's strongest 200 entries kept;
 * - item-kNN: cosine with shrinkage, as trained for the served model's blend;
 * - user-kNN: the held-out user's input against every training user (cosine with shrinkage), the k most similar
 *   users' items summed by similarity;
 * - a second EASE on the residual `X − X·B` of a more strongly regularised first one (two-step);
 *
 * both normalisations (`z`: mean 0, standard deviation 1; `max`: the best at 1) and w ∈ {0.02 … 0.5}; besides, the
 * served model with the user's history decayed by age (weights `0.5^(age / half-life)` from the user's newest viewing)
 * and EDLAE on a Gram matrix whose users are weighed by `|I_u|^−a`. Prints the mean NDCG@10 (and recall) of each,
 * best first. `TUNE_ONLY` (a regular expression: RP3beta, item-kNN, user-kNN, decay, user-weighted, two-step) runs
 * some of the families only.
 *
 *   node --disable-warning=ExperimentalWarning bench/eval-tune-blend.ts
 */
import { itemKnn } from '../src/core/recommendations/model/algorithms.ts';
import {
  evaluateRanking,
  type HeldOutSplit,
  heldOutSplit,
  standardSplit,
} from '../src/core/recommendations/model/evaluate.ts';
import { buildInteractions } from '../src/core/recommendations/model/interactions.ts';
import { accumulateScores, scoreHistory } from '../src/core/recommendations/model/model.ts';
import { defaultTrainingSettings, trainModel } from '../src/core/recommendations/model/train.ts';
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
import { loadMovieLens } from './movielens.ts';

const seeds = (process.env.TUNE_SEEDS ?? '101,102,103,104,105').split(',').map(Number);
const only = process.env.TUNE_ONLY ? new RegExp(process.env.TUNE_ONLY) : undefined;
const dayMs = 86_400_000;
const blendWeights = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5];

interface Totals {
  ndcg: number;
  recall20: number;
  recall50: number;
  splits: number;
}
const results = new Map<string, Totals>();
function add(key: string, split: HeldOutSplit, items: number, scores: Float64Array[]) {
  const index = new Map(split.heldOut.map((user, i) => [user, i]));
  const m = evaluateRanking(split, items, (user) => scores[index.get(user)!]!);
  const totals = results.get(key) ?? { ndcg: 0, recall20: 0, recall50: 0, splits: 0 };
  totals.ndcg += m.ndcgAt10;
  totals.recall20 += m.recallAt20;
  totals.recall50 += m.recallAt50;
  totals.splits++;
  results.set(key, totals);
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
const ids = Array.from({ length: n }, (_, i) => String(i));
const started = Date.now();
const want = (label: string) => only === undefined || only.test(label);
const log = (what: string) => process.stderr.write(`${what} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

for (const seed of seeds) {
  const split = heldOutSplit(data, { ...standardSplit, seed });
  const users = split.heldOut;
  const training = split.training;
  const { model } = trainModel(training, ids, defaultTrainingSettings);
  const served = users.map((user) => {
    const scores = new Float64Array(n);
    scoreHistory(model, user.inputItems, scores);
    return scores;
  });
  add("Persona's model", split, n, served);
  const normalised = {
    z: served.map((s, u) => standardised(users[u]!, s)),
    max: served.map((s, u) => overMax(users[u]!, s)),
  };
  const blend = (label: string, other: Float64Array[]) => {
    for (const [norm, f] of [
      ['z', standardised],
      ['max', overMax],
    ] as const) {
      const second = other.map((s, u) => f(users[u]!, s));
      for (const w of blendWeights) {
        const mixed = normalised[norm].map((s, u) => Float64Array.from(s, (x, i) => x + w * second[u]![i]!));
        add(`${label} blend, ${norm}-normalised, w=${w}`, split, n, mixed);
      }
    }
  };
  // The second signals alone and blended.
  if (want('RP3beta')) {
    for (const beta of [0.2, 0.4, 0.6]) {
      const rows = rp3beta(training, beta, 200);
      const scores = rowsScores(rows, users, n);
      add(`RP3beta β=${beta} alone`, split, n, scores);
      blend(`RP3beta β=${beta}`, scores);
    }
    log(`seed ${seed}: RP3beta done`);
  }
  if (want('item-kNN')) {
    const knn = rowsScores(itemKnn(training, { neighbours: 100, shrink: 10 }), users, n);
    add('item-kNN alone', split, n, knn);
    blend('item-kNN', knn);
    log(`seed ${seed}: item-kNN done`);
  }
  if (want('user-kNN')) {
    for (const k of [50, 100, 200]) {
      const scores = userKnn(training, users, k, 10);
      add(`user-kNN k=${k} alone`, split, n, scores);
      blend(`user-kNN k=${k}`, scores);
    }
    log(`seed ${seed}: user-kNN done`);
  }
  if (want('decay')) {
    for (const halfLife of [60, 180, 365, 730]) {
      const decayed = users.map((user) => {
        const newest = Math.max(...user.inputTimes);
        const weights = Float64Array.from(user.inputTimes, (t) => 0.5 ** ((newest - t) / dayMs / halfLife));
        const scores = new Float64Array(n);
        accumulateScores(model.weights, user.inputItems, weights, scores);
        const debias = defaultTrainingSettings.popularityDebias;
        for (let i = 0; i < n; i++) {
          const factor = (model.counts[i]! + 1) ** debias;
          scores[i] = scores[i]! > 0 ? scores[i]! / factor : scores[i]! * factor;
        }
        return scores;
      });
      add(`history decayed, half-life ${halfLife} days`, split, n, decayed);
    }
    log(`seed ${seed}: decay done`);
  }
  if (want('user-weighted')) {
    const counts = new Float64Array(n);
    for (let i = 0; i < n; i++) counts[i] = training.itemStart[i + 1]! - training.itemStart[i]!;
    for (const a of [0, 0.25, 0.5]) {
      for (const multiple of [4.8, 6.4, 10]) {
        const raw = userWeightedScores(training, users, a, multiple, 0.5, 0.5);
        for (const delta of [0.1, 0.15, 0.2]) {
          const scores = raw.map((r) =>
            Float64Array.from(r, (x, i) => {
              const f = (counts[i]! + 1) ** delta;
              return x > 0 ? x / f : x * f;
            }),
          );
          add(
            `users weighed |I_u|^-${a}, λ=${multiple}× (weighted), p=0.5, t=0.5, δ=${delta}, all of B`,
            split,
            n,
            scores,
          );
        }
      }
      log(`seed ${seed}: user-weighted a=${a} done`);
    }
  }
  if (want('item-λ')) {
    const counts = new Float64Array(n);
    for (let i = 0; i < n; i++) counts[i] = training.itemStart[i + 1]! - training.itemStart[i]!;
    for (const [exponent, dropout] of [
      [0.25, 0.5],
      [0.5, 0.5],
      [0.5, 0],
      [1, 0],
    ] as const) {
      for (const multiple of dropout === 0 ? [4.8, 10, 20] : [3.2, 6.4]) {
        const raw = userWeightedScores(training, users, 0, multiple, dropout, 0.5, exponent);
        for (const delta of [0.1, 0.15]) {
          const scores = raw.map((r) =>
            Float64Array.from(r, (x, i) => {
              const f = (counts[i]! + 1) ** delta;
              return x > 0 ? x / f : x * f;
            }),
          );
          add(
            `item-λ: λ·(users/mean)^${exponent}, λ=${multiple}×, p=${dropout}, t=0.5, δ=${delta}, all of B`,
            split,
            n,
            scores,
          );
        }
      }
      log(`seed ${seed}: item-λ ${exponent}/${dropout} done`);
    }
  }
  if (want('two-step')) {
    const gram = gramOf(training);
    let meanCount = 0;
    let watched = 0;
    for (let i = 0; i < n; i++) {
      const c = training.itemStart[i + 1]! - training.itemStart[i]!;
      if (c > 0) watched++;
      meanCount += c;
    }
    meanCount /= watched;
    for (const [m1, m2] of [
      [20, 5],
      [20, 10],
      [40, 10],
      [10, 20],
    ] as const) {
      const scores = twoStepScores(gram, n, m1 * meanCount, m2 * meanCount, users);
      add(`two-step EASE λ₁=${m1}×, λ₂=${m2}× alone`, split, n, scores);
      blend(`two-step EASE λ₁=${m1}×, λ₂=${m2}×`, scores);
      log(`seed ${seed}: two-step ${m1}/${m2} done`);
    }
  }
}
const rows = [...results].map(([key, totals]) => ({
  key,
  ndcg: totals.ndcg / totals.splits,
  recall20: totals.recall20 / totals.splits,
  recall50: totals.recall50 / totals.splits,
}));
rows.sort((a, b) => b.ndcg - a.ndcg);
console.log(`Mean over seeds ${seeds.join(', ')}, best NDCG@10 first\n`);
console.log('| variant | NDCG@10 | Recall@20 | Recall@50 |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.key} | ${row.ndcg.toFixed(4)} | ${row.recall20.toFixed(4)} | ${row.recall50.toFixed(4)} |`);
}
