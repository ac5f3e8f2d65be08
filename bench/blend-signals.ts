/**
 * Second signals for the third pass's blends (issue 21) and the functions that put scores of different scales on one
 * footing per user: shared by `bench/eval-tune-blend.ts` (the search, seeds 101–105) and `bench/eval.ts --variants`
 * (the evaluation splits). Dense n×n arrays: for MovieLens 100K's 1,682 items only.
 */
import type { HeldOutUser } from '../src/core/recommendations/model/evaluate.ts';
import type { Interactions } from '../src/core/recommendations/model/interactions.ts';
import { invertSpdInPlace } from '../src/core/recommendations/model/linear-algebra.ts';
import { accumulateScores } from '../src/core/recommendations/model/model.ts';
import { type SparseRows, SparseRowsBuilder } from '../src/core/recommendations/model/sparse-rows.ts';

/** Scores standardised over the items that can be recommended (not the input): mean 0, standard deviation 1. */
export function standardised(user: HeldOutUser, raw: Float64Array): Float64Array {
  const excluded = new Set(user.inputItems);
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    if (excluded.has(i)) continue;
    sum += raw[i]!;
    squares += raw[i]! * raw[i]!;
    count++;
  }
  const mean = sum / count;
  const sd = Math.sqrt(Math.max(squares / count - mean * mean, 1e-24));
  return Float64Array.from(raw, (value) => (value - mean) / sd);
}

/** Scores over the largest recommendable one (so the best is 1). */
export function overMax(user: HeldOutUser, raw: Float64Array): Float64Array {
  const excluded = new Set(user.inputItems);
  let max = 0;
  for (let i = 0; i < raw.length; i++) if (!excluded.has(i) && raw[i]! > max) max = raw[i]!;
  return Float64Array.from(raw, (value) => (max > 0 ? value / max : value));
}

export function rowsScores(rows: SparseRows, users: HeldOutUser[], items: number): Float64Array[] {
  return users.map((user) => {
    const scores = new Float64Array(items);
    accumulateScores(rows, user.inputItems, undefined, scores);
    return scores;
  });
}

/** RP3beta with α = 1: `W_ij = Σ_u X_ui X_uj / (|U_i|·|I_u|)`, column j divided by `|U_j|^β`, rows cut to `keep`. */
export function rp3beta(data: Interactions, beta: number, keep: number): SparseRows {
  const n = data.items;
  const walk = new Float64Array(n * n);
  for (let u = 0; u < data.users; u++) {
    const start = data.userStart[u]!;
    const end = data.userStart[u + 1]!;
    if (end === start) continue;
    const share = 1 / (end - start);
    for (let p = start; p < end; p++) {
      const row = data.itemOf[p]! * n;
      for (let q = start; q < end; q++) walk[row + data.itemOf[q]!]! += share;
    }
  }
  const builder = new SparseRowsBuilder(keep, n);
  const columns = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const users = data.itemStart[i + 1]! - data.itemStart[i]!;
    let count = 0;
    for (let j = 0; j < n; j++) {
      if (j === i || walk[i * n + j] === 0) continue;
      const usersJ = data.itemStart[j + 1]! - data.itemStart[j]!;
      columns[count] = j;
      weights[count++] = walk[i * n + j]! / users / usersJ ** beta;
    }
    builder.addRow(columns, weights, count);
  }
  return builder.build();
}

/** User-kNN: the `k` training users most like the held-out one (cosine, shrinkage), their items summed by likeness. */
export function userKnn(data: Interactions, users: HeldOutUser[], k: number, shrink: number): Float64Array[] {
  const overlap = new Float64Array(data.users);
  return users.map((user) => {
    overlap.fill(0);
    for (const item of user.inputItems) {
      for (let p = data.itemStart[item]!; p < data.itemStart[item + 1]!; p++) overlap[data.userOf[p]!]!++;
    }
    const size = Math.sqrt(user.inputItems.length);
    const likeness: [number, number][] = [];
    for (let v = 0; v < data.users; v++) {
      if (overlap[v] === 0) continue;
      const other = Math.sqrt(data.userStart[v + 1]! - data.userStart[v]!);
      likeness.push([v, overlap[v]! / (size * other + shrink)]);
    }
    likeness.sort((a, b) => b[1] - a[1]);
    const scores = new Float64Array(data.items);
    for (const [v, s] of likeness.slice(0, k)) {
      for (let p = data.userStart[v]!; p < data.userStart[v + 1]!; p++) scores[data.itemOf[p]!]! += s;
    }
    return scores;
  });
}

export function gramOf(data: Interactions): Float64Array {
  const n = data.items;
  const gram = new Float64Array(n * n);
  for (let u = 0; u < data.users; u++) {
    for (let p = data.userStart[u]!; p < data.userStart[u + 1]!; p++) {
      const row = data.itemOf[p]! * n;
      for (let q = data.userStart[u]!; q < data.userStart[u + 1]!; q++) gram[row + data.itemOf[q]!]!++;
    }
  }
  return gram;
}

/**
 * Two-step EASE: B₁ with λ₁, then C fitting the residual `X − X·B₁` from X with λ₂: `C = P₂·G·(I − B₁)` with
 * `Pₖ = (G + λₖI)⁻¹`. Since `G·P₁ = I − λ₁P₁` and `P₂·P₁ = (P₁ − P₂)/(λ₂ − λ₁)` (both functions of G), no product of
 * matrices is needed: off the diagonal `B₁ + C = λ₂/(λ₂ − λ₁) · (P₂ − P₁)·diagMat(1/diag(P₁))`. Two inverses.
 */
export function twoStepScores(
  gram: Float64Array,
  n: number,
  lambda1: number,
  lambda2: number,
  users: HeldOutUser[],
): Float64Array[] {
  const inverse = (lambda: number) => {
    const a = Float64Array.from(gram);
    for (let i = 0; i < n; i++) a[i * n + i]! += lambda;
    invertSpdInPlace(a, n);
    return a;
  };
  const p1 = inverse(lambda1);
  const p2 = inverse(lambda2);
  const factor = lambda2 / (lambda2 - lambda1);
  const b = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      b[j * n + i] = i === j ? 0 : (factor * (p2[j * n + i]! - p1[j * n + i]!)) / p1[i * n + i]!;
    }
  }
  return users.map((user) => {
    const scores = new Float64Array(n);
    for (const j of user.inputItems) {
      const row = j * n;
      for (let i = 0; i < n; i++) scores[i]! += b[row + i]!;
    }
    return scores;
  });
}

/**
 * EDLAE as served (dropout p, column scale t, every weight kept) on a Gram matrix whose users are weighed by
 * `|I_u|^−a` (`Xᵀ·W·X`): a user with many items otherwise weighs on every pair they hold. λ is a multiple of the
 * weighted mean users per item, scaled per item by `(users of the item / mean)^itemExponent` when that is not 0.
 * Raw scores, not yet debiased.
 */
export function userWeightedScores(
  data: Interactions,
  users: HeldOutUser[],
  a: number,
  multiple: number,
  dropout: number,
  t: number,
  itemExponent = 0,
): Float64Array[] {
  const n = data.items;
  const gram = new Float64Array(n * n);
  for (let u = 0; u < data.users; u++) {
    const start = data.userStart[u]!;
    const end = data.userStart[u + 1]!;
    if (end === start) continue;
    const w = (end - start) ** -a;
    for (let p = start; p < end; p++) {
      const row = data.itemOf[p]! * n;
      for (let q = start; q < end; q++) gram[row + data.itemOf[q]!]! += w;
    }
  }
  let total = 0;
  let watched = 0;
  for (let i = 0; i < n; i++) {
    if (gram[i * n + i]! > 0) watched++;
    total += gram[i * n + i]!;
  }
  const mean = total / watched;
  const lambda = multiple * mean;
  const penalty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // λ scaled per item by its popularity: (users of the item / mean users per item)^itemExponent, at least 1/mean.
    const scaled = itemExponent === 0 ? lambda : lambda * (Math.max(gram[i * n + i]!, 1) / mean) ** itemExponent;
    penalty[i] = scaled + (dropout / (1 - dropout)) * gram[i * n + i]!;
    gram[i * n + i]! += penalty[i]!;
  }
  invertSpdInPlace(gram, n);
  const scale = Float64Array.from(penalty, (l, i) => gram[i * n + i]! ** (t - 1) * l ** t);
  return users.map((user) => {
    const scores = new Float64Array(n);
    for (const j of user.inputItems) {
      const row = j * n;
      for (let i = 0; i < n; i++) scores[i]! -= gram[row + i]!;
    }
    for (let i = 0; i < n; i++) scores[i]! *= scale[i]!;
    return scores;
  });
}
