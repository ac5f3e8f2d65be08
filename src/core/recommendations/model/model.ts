import type { SparseRows } from './sparse-rows.ts';

/** How a model was made: the algorithm that learned its weights. */
export type ModelAlgorithm = 'ease' | 'neighbourhood-ease' | 'popularity';

/**
 * A trained recommender, as served: for each item (numbered from 0, `itemIds` naming them) its popularity and its
 * strongest neighbours. A user's scores are the sum of the neighbour rows of what the user watched (EASE and item-kNN
 * both score this way), so scoring folds in the user's history as it is at the time of the request.
 */
export interface RecommenderModel {
  algorithm: ModelAlgorithm;
  /** The settings it was trained with (λ, neighbours…), as shown to the admin. */
  parameters: Record<string, number | string | boolean | null>;
  itemIds: string[];
  /** Each item's popularity, the most popular at 1 (time-decayed: what ranks for a user without history). */
  popularity: Float32Array;
  /** How many users watched each item (for debiasing). */
  counts: Float32Array;
  weights: SparseRows;
}

/**
 * Adds each history item's row, times its weight (1 when `historyWeights` is absent), into `scores` (one slot per
 * model item, zeroed by the caller). When `source` is given, it records for each item the history item that added the
 * most to it, and `best` that contribution.
 */
export function accumulateScores(
  weights: SparseRows,
  history: ArrayLike<number>,
  historyWeights: ArrayLike<number> | undefined,
  scores: Float32Array | Float64Array,
  source?: { item: Int32Array; best: Float32Array },
): void {
  const { rowStart, column, weight } = weights;
  for (let h = 0; h < history.length; h++) {
    const j = history[h]!;
    const factor = historyWeights ? historyWeights[h]! : 1;
    for (let p = rowStart[j]!; p < rowStart[j + 1]!; p++) {
      const i = column[p]!;
      const added = factor * weight[p]!;
      scores[i]! += added;
      if (source && added > source.best[i]!) {
        source.best[i] = added;
        source.item[i] = j;
      }
    }
  }
}

/** Scales a vector so that its largest entry is 1 (all zeros stay zeros). */
export function normalisedToMax(values: ArrayLike<number>): Float32Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const out = new Float32Array(values.length);
  if (max > 0) for (let i = 0; i < values.length; i++) out[i] = values[i]! / max;
  return out;
}

/**
 * A user's score for every model item from the items of their history (model indices), into `scores` (zeroed
 * here): the sum of the history's rows, debiased by popularity as the model says. `source` is as in
 * `accumulateScores`.
 */
export function scoreHistory(
  model: RecommenderModel,
  history: ArrayLike<number>,
  scores: Float32Array | Float64Array,
  source?: { item: Int32Array; best: Float32Array },
): void {
  scores.fill(0);
  if (source) {
    source.item.fill(-1);
    source.best.fill(0);
  }
  accumulateScores(model.weights, history, undefined, scores, source);
  const debias = Number(model.parameters.popularityDebias ?? 0);
  if (debias > 0) {
    const { counts } = model;
    for (let i = 0; i < scores.length; i++) {
      const factor = (counts[i]! + 1) ** debias;
      // Dividing a positive score and multiplying a negative one both move the item down the same way.
      scores[i] = scores[i]! > 0 ? scores[i]! / factor : scores[i]! * factor;
    }
  }
}
