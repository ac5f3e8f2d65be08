/**
 * A sparse item × item matrix by rows (CSR): row j lists the items that item j leads to, with a weight each. This is
 * what a served model holds: for every item, its strongest neighbours only.
 */
export interface SparseRows {
  rows: number;
  /** `rowStart[j]..rowStart[j + 1]` index row j's entries in `column` and `weight`. */
  rowStart: Int32Array;
  column: Int32Array;
  weight: Float32Array;
}

/** Collects rows of entries one row at a time, keeping at most `perRow` of the largest weights of each. */
export class SparseRowsBuilder {
  readonly #perRow: number;
  readonly #rowStart: number[] = [0];
  #column: Int32Array;
  #weight: Float32Array;
  #size = 0;

  constructor(perRow: number, expectedRows: number) {
    this.#perRow = perRow;
    const capacity = Math.max(16, Math.min(perRow * expectedRows, 1 << 24));
    this.#column = new Int32Array(capacity);
    this.#weight = new Float32Array(capacity);
  }

  /**
   * Adds the next row from the first `count` candidates (`columns[t]`, `weights[t]`): the `perRow` largest weights
   * above `floor` (default 0: what pulls an item up), or with `floor` null the `perRow` largest in magnitude (EASE's
   * negative weights, which push items down, matter as much as its positive ones).
   */
  addRow(columns: ArrayLike<number>, weights: ArrayLike<number>, count: number, floor: number | null = 0): void {
    let kept: number[];
    if (floor === null) {
      const magnitude = new Float64Array(count);
      for (let t = 0; t < count; t++) magnitude[t] = Math.abs(weights[t]!);
      kept = topIndices(magnitude, count, this.#perRow, 0);
    } else kept = topIndices(weights, count, this.#perRow, floor);
    this.#reserve(kept.length);
    for (const t of kept) {
      this.#column[this.#size] = columns[t]!;
      this.#weight[this.#size] = weights[t]!;
      this.#size++;
    }
    this.#rowStart.push(this.#size);
  }

  build(): SparseRows {
    return {
      rows: this.#rowStart.length - 1,
      rowStart: Int32Array.from(this.#rowStart),
      column: this.#column.slice(0, this.#size),
      weight: this.#weight.slice(0, this.#size),
    };
  }

  #reserve(more: number): void {
    if (this.#size + more <= this.#column.length) return;
    const capacity = Math.max(this.#column.length * 2, this.#size + more);
    const column = new Int32Array(capacity);
    column.set(this.#column.subarray(0, this.#size));
    const weight = new Float32Array(capacity);
    weight.set(this.#weight.subarray(0, this.#size));
    this.#column = column;
    this.#weight = weight;
  }
}

/** Indices of the `limit` largest of the first `count` weights above `floor`, largest first (ties: lower index). */
export function topIndices(weights: ArrayLike<number>, count: number, limit: number, floor = -Infinity): number[] {
  const before = (x: number, y: number) => weights[x]! > weights[y]! || (weights[x] === weights[y] && x < y);
  // A heap of the best so far whose root is the worst of them: each candidate costs a comparison, a few when kept.
  const heap: number[] = [];
  const sink = (from: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      let worst = at;
      if (left < heap.length && before(heap[worst]!, heap[left]!)) worst = left;
      if (left + 1 < heap.length && before(heap[worst]!, heap[left + 1]!)) worst = left + 1;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (let t = 0; t < count && limit > 0; t++) {
    if (!(weights[t]! > floor)) continue;
    if (heap.length < limit) {
      heap.push(t);
      let at = heap.length - 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!before(heap[parent]!, heap[at]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (before(t, heap[0]!)) {
      heap[0] = t;
      sink(0);
    }
  }
  return heap.sort((x, y) => (before(x, y) ? -1 : 1));
}

/** `a + factor·b`, entry by entry, each row keeping its `perRow` largest weights. */
export function addRows(a: SparseRows, b: SparseRows, factor: number, perRow: number): SparseRows {
  const builder = new SparseRowsBuilder(perRow, a.rows);
  const sum = new Map<number, number>();
  for (let j = 0; j < a.rows; j++) {
    sum.clear();
    for (let p = a.rowStart[j]!; p < a.rowStart[j + 1]!; p++) sum.set(a.column[p]!, a.weight[p]!);
    for (let p = b.rowStart[j]!; p < b.rowStart[j + 1]!; p++) {
      sum.set(b.column[p]!, (sum.get(b.column[p]!) ?? 0) + factor * b.weight[p]!);
    }
    builder.addRow([...sum.keys()], [...sum.values()], sum.size);
  }
  return builder.build();
}

/** The number of stored entries. */
export const entriesOf = (rows: SparseRows) => rows.column.length;
