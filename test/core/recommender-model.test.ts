import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denseEase, neighbourhoodEase, popularity } from '../../src/core/recommendations/model/algorithms.ts';
import { decodeModel, encodeModel } from '../../src/core/recommendations/model/codec.ts';
import { evaluateRanking, heldOutSplit, seededRandom } from '../../src/core/recommendations/model/evaluate.ts';
import { buildInteractions, type Interactions } from '../../src/core/recommendations/model/interactions.ts';
import { invertSpdInPlace, solveSpdInPlace } from '../../src/core/recommendations/model/linear-algebra.ts';
import { scoreHistory } from '../../src/core/recommendations/model/model.ts';
import type { SparseRows } from '../../src/core/recommendations/model/sparse-rows.ts';
import { defaultTrainingSettings, trainModel } from '../../src/core/recommendations/model/train.ts';
import { syntheticWorld } from '../helpers/synthetic-world.ts';

const dayMs = 86_400_000;

/** A random symmetric positive definite matrix (lower triangle filled, as the routines read it) and its full copy. */
function spd(n: number, seed: number): { lower: Float64Array; full: Float64Array } {
  const random = seededRandom(seed);
  const r = Array.from({ length: n * 2 }, () => Array.from({ length: n }, () => random() - 0.5));
  const full = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = i === j ? 0.5 : 0;
      for (const row of r) sum += (row[i] as number) * (row[j] as number);
      full[i * n + j] = sum;
    }
  }
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) lower[i * n + j] = full[i * n + j] as number;
  return { lower, full };
}

function randomInteractions(users: number, items: number, seed: number, perUser = 12): Interactions {
  const random = seededRandom(seed);
  const u: number[] = [];
  const i: number[] = [];
  const t: number[] = [];
  for (let user = 0; user < users; user++) {
    for (let k = 0; k < perUser; k++) {
      u.push(user);
      // Skewed towards low item numbers, so some items are popular.
      i.push(Math.floor(items * random() ** 2));
      t.push(1_600_000_000_000 + Math.floor(random() * 100 * dayMs));
    }
  }
  return buildInteractions(users, items, u, i, t);
}

const weightAt = (rows: SparseRows, j: number, i: number) => {
  for (let p = rows.rowStart[j] as number; p < (rows.rowStart[j + 1] as number); p++) {
    if (rows.column[p] === i) return rows.weight[p] as number;
  }
  return 0;
};

describe('the linear algebra of EASE', () => {
  it('inverts a symmetric positive definite matrix of odd and even size', () => {
    for (const n of [1, 2, 5, 8, 37]) {
      const { lower, full } = spd(n, n);
      invertSpdInPlace(lower, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let product = 0;
          for (let k = 0; k < n; k++) product += (full[i * n + k] as number) * (lower[k * n + j] as number);
          assert.ok(Math.abs(product - (i === j ? 1 : 0)) < 1e-9, `n=${n} (${i},${j}): ${product}`);
        }
      }
    }
  });

  it('solves a system, and refuses a matrix that is not positive definite', () => {
    const n = 9;
    const { lower, full } = spd(n, 3);
    const b = Float64Array.from({ length: n }, (_, i) => i - 4);
    const x = b.slice();
    solveSpdInPlace(lower, n, x);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += (full[i * n + k] as number) * (x[k] as number);
      assert.ok(Math.abs(sum - (b[i] as number)) < 1e-9);
    }
    assert.throws(() => invertSpdInPlace(Float64Array.from([1, 0, 2, 1]), 2), /not positive definite/);
  });
});

describe('EASE', () => {
  it("has a zero diagonal and each column is the ridge regression of its item on the others (Steck's closed form)", () => {
    const data = randomInteractions(60, 12, 7);
    const lambda = 5;
    const rows = denseEase(data, { lambda, keep: 12, floor: Number.NEGATIVE_INFINITY });
    const n = data.items;
    const gram = new Float64Array(n * n);
    for (let u = 0; u < data.users; u++) {
      for (let p = data.userStart[u] as number; p < (data.userStart[u + 1] as number); p++) {
        for (let q = data.userStart[u] as number; q < (data.userStart[u + 1] as number); q++) {
          const at = (data.itemOf[p] as number) * n + (data.itemOf[q] as number);
          gram[at] = (gram[at] as number) + 1;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      assert.equal(weightAt(rows, i, i), 0);
      const others = [...Array(n).keys()].filter((j) => j !== i);
      const m = others.length;
      const system = new Float64Array(m * m);
      const rhs = new Float64Array(m);
      others.forEach((a, s) => {
        rhs[s] = gram[a * n + i] as number;
        others.forEach((b, t) => {
          system[s * m + t] = (gram[a * n + b] as number) + (s === t ? lambda : 0);
        });
      });
      solveSpdInPlace(system, m, rhs);
      others.forEach((j, s) => {
        assert.ok(Math.abs(weightAt(rows, j, i) - (rhs[s] as number)) < 1e-4, `B[${j}][${i}]`);
      });
    }
  });

  it('fitted on every neighbour, the neighbourhood approximation is EASE exactly', () => {
    const data = randomInteractions(80, 20, 11);
    const exact = denseEase(data, { lambda: 8, keep: 20, floor: Number.NEGATIVE_INFINITY });
    const approximate = neighbourhoodEase(data, {
      lambda: 8,
      keep: 20,
      floor: Number.NEGATIVE_INFINITY,
      neighbours: 20,
      gramRow: 20,
    });
    for (let j = 0; j < 20; j++) {
      for (let i = 0; i < 20; i++) {
        assert.ok(Math.abs(weightAt(exact, j, i) - weightAt(approximate, j, i)) < 1e-5, `B[${j}][${i}]`);
      }
    }
  });

  it("in EDLAE's full-rank form is I − P·Λ off the diagonal, exact and on every neighbour alike", () => {
    const data = randomInteractions(80, 20, 13);
    const n = data.items;
    const lambda = 6;
    const dropout = 0.25;
    const options = { lambda, dropout, columnScale: 1, keep: n, floor: Number.NEGATIVE_INFINITY };
    const exact = denseEase(data, options);
    const approximate = neighbourhoodEase(data, { ...options, neighbours: n, gramRow: n });
    const inverse = new Float64Array(n * n);
    for (let u = 0; u < data.users; u++) {
      for (let p = data.userStart[u] as number; p < (data.userStart[u + 1] as number); p++) {
        for (let q = data.userStart[u] as number; q < (data.userStart[u + 1] as number); q++) {
          const at = (data.itemOf[p] as number) * n + (data.itemOf[q] as number);
          inverse[at] = (inverse[at] as number) + 1;
        }
      }
    }
    const penalty = Array.from(
      { length: n },
      (_, i) => lambda + (dropout / (1 - dropout)) * (inverse[i * n + i] as number),
    );
    for (let i = 0; i < n; i++) inverse[i * n + i] = (inverse[i * n + i] as number) + (penalty[i] as number);
    invertSpdInPlace(inverse, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        if (i === j) continue;
        const expected = -(inverse[j * n + i] as number) * (penalty[i] as number);
        assert.ok(Math.abs(weightAt(exact, j, i) - expected) < 1e-5, `exact B[${j}][${i}]`);
        assert.ok(Math.abs(weightAt(approximate, j, i) - expected) < 1e-5, `approximate B[${j}][${i}]`);
      }
    }
  });
});

describe('popularity', () => {
  it('decays from the newest viewing of the data, so a history years old still ranks', () => {
    const old = Date.UTC(2009, 0, 1);
    const data = buildInteractions(
      3,
      3,
      [0, 1, 2, 0],
      [0, 0, 1, 2],
      [old, old - 90 * dayMs, old - 5 * dayMs, old - 400 * dayMs],
    );
    const scores = popularity(data, 30);
    assert.ok((scores[0] as number) > (scores[1] as number));
    assert.ok((scores[1] as number) > (scores[2] as number));
    assert.ok((scores[2] as number) > 0);
  });
});

describe('a trained model', () => {
  it('survives being stored and read back', () => {
    const data = randomInteractions(40, 15, 5);
    const ids = Array.from({ length: 15 }, (_, i) => `movie-${i}`);
    const { model } = trainModel(data, ids, { ...defaultTrainingSettings, keep: 5 });
    const decoded = decodeModel(encodeModel(model));
    assert.deepEqual(decoded.itemIds, ids);
    assert.equal(decoded.algorithm, 'ease');
    assert.deepEqual(decoded.parameters, model.parameters);
    assert.deepEqual([...decoded.weights.column], [...model.weights.column]);
    assert.deepEqual([...decoded.weights.weight], [...model.weights.weight]);
    assert.deepEqual([...decoded.popularity], [...model.popularity]);
    assert.throws(() => decodeModel(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /not a stored recommender model/);
  });

  it('beats popularity on held-out users of a synthetic world, exact and approximate alike', () => {
    const world = syntheticWorld({ seed: 1, movies: 300, users: 600, viewings: [8, 40], newest: Date.UTC(2026, 0, 1) });
    const data = buildInteractions(
      world.users,
      world.movies.length,
      world.viewings.map((v) => v.user),
      world.viewings.map((v) => v.movie),
      world.viewings.map((v) => v.watchedAt),
    );
    const split = heldOutSplit(data);
    const ids = world.movies.map((movie) => movie.id);
    const counts = popularity(split.training, null);
    const popular = evaluateRanking(split, data.items, () => counts);
    for (const settings of [defaultTrainingSettings, { ...defaultTrainingSettings, denseLimit: 0, neighbours: 64 }]) {
      const { model, report } = trainModel(split.training, ids, settings);
      const scores = new Float64Array(data.items);
      const learned = evaluateRanking(split, data.items, (user) => {
        scoreHistory(model, user.inputItems, scores);
        return scores;
      });
      assert.ok(
        learned.ndcgAt10 > 1.5 * popular.ndcgAt10 && learned.recallAt20 > 1.3 * popular.recallAt20,
        `${report.algorithm}: NDCG@10 ${learned.ndcgAt10} against ${popular.ndcgAt10}, Recall@20 ${learned.recallAt20} against ${popular.recallAt20}`,
      );
    }
  });

  it("gives each held-out user's NDCG@10, whose mean is the split's, for paired comparisons", () => {
    const world = syntheticWorld({ seed: 2, movies: 200, users: 300, viewings: [8, 30], newest: Date.UTC(2026, 0, 1) });
    const data = buildInteractions(
      world.users,
      world.movies.length,
      world.viewings.map((v) => v.user),
      world.viewings.map((v) => v.movie),
      world.viewings.map((v) => v.watchedAt),
    );
    const split = heldOutSplit(data);
    const counts = popularity(split.training, null);
    const perUser = new Float64Array(split.heldOut.length).fill(Number.NaN);
    const metrics = evaluateRanking(split, data.items, () => counts, undefined, perUser);
    assert.ok(perUser.every((value) => value >= 0 && value <= 1));
    assert.ok(perUser.some((value) => value > 0) && perUser.some((value) => value < 1));
    const mean = perUser.reduce((sum, value) => sum + value, 0) / perUser.length;
    assert.ok(Math.abs(mean - metrics.ndcgAt10) < 1e-12, `${mean} against ${metrics.ndcgAt10}`);
  });
});
