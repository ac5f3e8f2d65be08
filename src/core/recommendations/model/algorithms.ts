import { forEachCooccurrenceRow, type Interactions } from './interactions.ts';
import { invertSpdInPlace, solveSpdInPlace } from './linear-algebra.ts';
import { type SparseRows, SparseRowsBuilder, topIndices } from './sparse-rows.ts';

const dayMs = 86_400_000;

/**
 * Each item's popularity: the users who watched it, each counted by how recent their (latest) viewing is, with a
 * half-life of `halfLifeDays` measured back from the newest viewing of the data (not from today, so that a catalogue
 * whose history is years old still has a popularity). `null` counts every viewing alike.
 */
export function popularity(data: Interactions, halfLifeDays: number | null): Float64Array {
  const scores = new Float64Array(data.items);
  let newest = Number.NEGATIVE_INFINITY;
  for (const time of data.timeOf) if (time > newest) newest = time;
  for (let u = 0; u < data.users; u++) {
    for (let p = data.userStart[u]!; p < data.userStart[u + 1]!; p++) {
      const age = (newest - data.timeOf[p]!) / dayMs;
      scores[data.itemOf[p]!]! += halfLifeDays === null ? 1 : 0.5 ** (age / halfLifeDays);
    }
  }
  return scores;
}

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  neighbours: number;
  /** Added to the cosine's denominator: a pair seen together by few users counts for less. */
  shrink: number;
}

/**
 * Item-to-item cosine similarity with shrinkage, `|U_i ∩ U_j| / (√|U_i|·√|U_j| + shrink)`, keeping each item's
 * `neighbours` most similar items. Costs the sum over users of their items squared.
 */
export function itemKnn(data: Interactions, options: ItemKnnOptions): SparseRows {
  const builder = new SparseRowsBuilder(options.neighbours, data.items);
  const sizes = new Float64Array(data.items);
  for (let i = 0; i < data.items; i++) sizes[i] = Math.sqrt(data.itemStart[i + 1]! - data.itemStart[i]!);
  let similarity = new Float64Array(0);
  let columns = new Int32Array(0);
  forEachCooccurrenceRow(data, (i, touched, count, counts) => {
    if (similarity.length < count) {
      similarity = new Float64Array(count);
      columns = new Int32Array(count);
    }
    let kept = 0;
    for (let t = 0; t < count; t++) {
      const j = touched[t]!;
      if (j === i) continue;
      columns[kept] = j;
      similarity[kept++] = counts[j]! / (sizes[i]! * sizes[j]! + options.shrink);
    }
    builder.addRow(columns, similarity, kept);
  });
  return builder.build();
}

export interface EaseOptions {
  /** The L2 penalty λ. */
  lambda: number;
  /**
   * Dropout p of the denoising form of the model (EDLAE, Steck 2020): each item's penalty grows by
   * `p/(1−p)·|U_i|`, so that frequent items are kept from predicting themselves through others. 0 is plain EASE.
   */
  dropout?: number;
  /**
   * How column i of `−P` is scaled (t): by `1/P_ii` at 0 (EASE's zero diagonal, and EDLAE's with dropout), by the
   * penalty `Λ_ii` at 1 (EDLAE's full-rank form `B = I − P·Λ`, whose diagonal only scores watched items, which are
   * left out anyway), by `P_ii^(t−1)·Λ_ii^t` between. Default 0.
   */
  columnScale?: number;
  /** Weights kept per item (row of B): its strongest positive ones. */
  keep: number;
  /** Weights at or below this are left out; null (the default) keeps the largest in magnitude, negative ones too. */
  floor?: number | null;
  /** Called now and then with the fraction done. */
  onProgress?: (fraction: number) => void;
}

/**
 * EASE^R (Steck 2019), exactly: `P = (XᵀX + λI)⁻¹`, `B = I − P·diagMat(1/diag(P))`, so `B[j][i] = −P[j][i]/P[i][i]`
 * off the diagonal and 0 on it. The dense inverse costs about n³ multiply-adds and 8·n² bytes, so this is for
 * catalogues of a few thousand items; each row of B keeps its `keep` largest weights.
 */
export function denseEase(data: Interactions, options: EaseOptions): SparseRows {
  const n = data.items;
  const gram = new Float64Array(n * n);
  // The lower triangle of XᵀX: each user's items are in increasing order, so p ≥ q means itemOf[p] ≥ itemOf[q].
  for (let u = 0; u < data.users; u++) {
    const start = data.userStart[u]!;
    const end = data.userStart[u + 1]!;
    for (let p = start; p < end; p++) {
      const row = data.itemOf[p]! * n;
      for (let q = start; q <= p; q++) gram[row + data.itemOf[q]!]!++;
    }
  }
  const emphasis = dropoutEmphasis(options.dropout);
  const penalty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    penalty[i] = gram[i * n + i]! * emphasis + options.lambda;
    gram[i * n + i]! += penalty[i]!;
  }
  invertSpdInPlace(gram, n, options.onProgress);
  const t = options.columnScale ?? 0;
  const scale = Float64Array.from(penalty, (lambda, i) => gram[i * n + i]! ** (t - 1) * lambda ** t);
  const builder = new SparseRowsBuilder(options.keep, n);
  const columns = new Int32Array(n);
  const weights = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (i === j) continue;
      columns[count] = i;
      weights[count++] = -gram[j * n + i]! * scale[i]!;
    }
    builder.addRow(columns, weights, count, options.floor ?? null);
  }
  return builder.build();
}

export interface NeighbourhoodEaseOptions extends EaseOptions {
  /** The items each item's weights are fitted on: its `neighbours` most frequent co-occurring items. */
  neighbours: number;
  /** Co-occurrence counts kept per item to fill the small Gram matrices (the rest count as 0). */
  gramRow: number;
}

/**
 * EASE for catalogues too large for a dense inverse. EASE's column i is the ridge regression of item i on every other
 * item, `B[·][i] = (G₋ᵢ₋ᵢ + λI)⁻¹·G₋ᵢᵢ` with `G = XᵀX` — the closed form of `denseEase`, column by column. Here each
 * column is fitted on the item's `neighbours` most frequent co-occurring items only (a k×k system per item, k³/3
 * multiply-adds), with the Gram entries among them taken from each item's `gramRow` largest co-occurrence counts.
 * With k and the row length as large as the catalogue it is EASE exactly; cost and memory grow linearly in items.
 */
export function neighbourhoodEase(data: Interactions, options: NeighbourhoodEaseOptions): SparseRows {
  const n = data.items;
  const rowLength = Math.max(options.gramRow, options.neighbours);
  // Pass 1: each item's strongest co-occurrences, strongest first, and its own count (the diagonal of G).
  const gramStart = new Int32Array(n + 1);
  let gramColumn = new Int32Array(Math.min(n * rowLength, 1 << 22));
  let gramValue = new Float64Array(gramColumn.length);
  const diagonal = new Float64Array(n);
  let size = 0;
  let candidates = new Float64Array(0);
  let candidateColumns = new Int32Array(0);
  forEachCooccurrenceRow(data, (i, touched, count, counts) => {
    diagonal[i] = counts[i]!;
    if (candidates.length < count) {
      candidates = new Float64Array(count);
      candidateColumns = new Int32Array(count);
    }
    let kept = 0;
    for (let t = 0; t < count; t++) {
      const j = touched[t]!;
      if (j === i) continue;
      candidateColumns[kept] = j;
      candidates[kept++] = counts[j]!;
    }
    const top = topIndices(candidates, kept, rowLength, 0);
    if (size + top.length > gramColumn.length) {
      const grown = new Int32Array(Math.max(gramColumn.length * 2, size + top.length));
      grown.set(gramColumn.subarray(0, size));
      gramColumn = grown;
      const grownValues = new Float64Array(grown.length);
      grownValues.set(gramValue.subarray(0, size));
      gramValue = grownValues;
    }
    for (const t of top) {
      gramColumn[size] = candidateColumns[t]!;
      gramValue[size++] = candidates[t]!;
    }
    gramStart[i + 1] = size;
    options.onProgress?.((0.2 * (i + 1)) / n);
  });

  // Pass 2: a small ridge regression per item; its weights are entries of B's column i, one per neighbour row.
  const k = options.neighbours;
  const emphasis = dropoutEmphasis(options.dropout);
  const columnScale = options.columnScale ?? 0;
  const position = new Int32Array(n).fill(-1);
  const system = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  const fromRow = new Int32Array(n * k);
  const toColumn = new Int32Array(n * k);
  const value = new Float64Array(n * k);
  let entries = 0;
  for (let i = 0; i < n; i++) {
    const start = gramStart[i]!;
    const m = Math.min(k, gramStart[i + 1]! - start);
    if (m === 0) continue;
    for (let t = 0; t < m; t++) position[gramColumn[start + t]!] = t;
    system.fill(0, 0, m * m);
    for (let t = 0; t < m; t++) {
      const a = gramColumn[start + t]!;
      rhs[t] = gramValue[start + t]!;
      system[t * m + t] = diagonal[a]! * (1 + emphasis) + options.lambda;
      for (let p = gramStart[a]!; p < gramStart[a + 1]!; p++) {
        const other = position[gramColumn[p]!]!;
        if (other < 0) continue;
        system[t * m + other] = gramValue[p]!;
        system[other * m + t] = gramValue[p]!;
      }
    }
    solveRidge(system, m, rhs, options.lambda);
    // The solution is column i of EASE's B, `−P₋ᵢ,ᵢ/P_ii`; `1/P_ii` is the Schur complement `A_ii − G_i,N·b`.
    let scale = 1;
    if (columnScale !== 0) {
      const penalty = diagonal[i]! * emphasis + options.lambda;
      let schur = diagonal[i]! + penalty;
      for (let t = 0; t < m; t++) schur -= gramValue[start + t]! * rhs[t]!;
      // −P_ji·P_ii^(t−1)·Λ_ii^t = (−P_ji/P_ii)·(P_ii·Λ_ii)^t.
      scale = (penalty / Math.max(schur, penalty)) ** columnScale;
    }
    for (let t = 0; t < m; t++) {
      fromRow[entries] = gramColumn[start + t]!;
      toColumn[entries] = i;
      value[entries++] = rhs[t]! * scale;
      position[gramColumn[start + t]!] = -1;
    }
    if ((i & 255) === 0) options.onProgress?.(0.2 + (0.75 * (i + 1)) / n);
  }
  return rowsFromEntries(n, fromRow.subarray(0, entries), toColumn, value, options.keep, options.floor ?? null);
}

/** The factor of an item's count added to its penalty for dropout p: p/(1−p). */
function dropoutEmphasis(dropout = 0): number {
  if (!(dropout >= 0 && dropout < 1)) throw new Error('dropout must be in [0, 1)');
  return dropout / (1 - dropout);
}

/**
 * Solves the small system in place. Gram entries left out of the truncated rows can make it indefinite; then the
 * diagonal is raised by λ more, as often as needed (a stronger penalty, never a failed training).
 */
function solveRidge(system: Float64Array, m: number, rhs: Float64Array, lambda: number): void {
  const matrix = system.slice(0, m * m);
  const right = rhs.slice(0, m);
  for (let extra = 0; ; extra += lambda) {
    const attempt = matrix.slice();
    for (let t = 0; t < m; t++) attempt[t * m + t]! += extra;
    const solution = right.slice();
    try {
      solveSpdInPlace(attempt, m, solution);
      rhs.set(solution);
      return;
    } catch (error) {
      if (extra > lambda * 64) throw error;
    }
  }
}

/** Gathers (row, column, weight) entries into rows keeping each row's `keep` largest weights. */
function rowsFromEntries(
  n: number,
  fromRow: Int32Array,
  toColumn: Int32Array,
  value: Float64Array,
  keep: number,
  floor: number | null,
): SparseRows {
  const start = new Int32Array(n + 1);
  for (const row of fromRow) start[row + 1]!++;
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, n);
  const column = new Int32Array(fromRow.length);
  const weight = new Float64Array(fromRow.length);
  for (let e = 0; e < fromRow.length; e++) {
    const at = fill[fromRow[e]!]!++;
    column[at] = toColumn[e]!;
    weight[at] = value[e]!;
  }
  const builder = new SparseRowsBuilder(keep, n);
  for (let j = 0; j < n; j++) {
    const from = start[j]!;
    const to = start[j + 1]!;
    builder.addRow(column.subarray(from, to), weight.subarray(from, to), to - from, floor);
  }
  return builder.build();
}
