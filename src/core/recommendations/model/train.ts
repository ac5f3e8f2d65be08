import { denseEase, itemKnn, neighbourhoodEase, popularity } from './algorithms.ts';
import type { Interactions } from './interactions.ts';
import { type ModelAlgorithm, normalisedToMax, type RecommenderModel } from './model.ts';
import { addRows, type SparseRows, SparseRowsBuilder } from './sparse-rows.ts';

/** How a model is trained; every field is recorded with the model. */
export interface TrainingSettings {
  /** Up to this many items EASE is exact (a dense inverse, n³); past it, the neighbourhood approximation. */
  denseLimit: number;
  /** λ as a multiple of the mean number of users per item (λ grows with the data, as Steck observes). */
  lambdaPerMeanCount: number;
  /** A fixed λ instead of the multiple. */
  lambda?: number | undefined;
  /** EDLAE's dropout (0: plain EASE). */
  dropout: number;
  /** EASE's column scale: 0 its zero-diagonal form, 1 EDLAE's full-rank form (see `EaseOptions.columnScale`). */
  columnScale: number;
  /** Each watched item's row is weighed by (users of the item + 1)^−historyWeight: a rare title says more (0: none). */
  historyWeight: number;
  /** Weights kept per item, largest in magnitude. */
  keep: number;
  /** The neighbourhood approximation: items each item is fitted on, and co-occurrences kept per item. */
  neighbours: number;
  gramRow: number;
  /** Item-kNN blended into EASE's weights with this factor (0: none). */
  knnBlend: number;
  knnNeighbours: number;
  knnShrink: number;
  /** The popularity's half-life, in days back from the newest viewing (null: every viewing alike). */
  popularityHalfLifeDays: number | null;
  /** Scores are divided by (users per item + 1) to this power at serving time (0: none). */
  popularityDebias: number;
}

/**
 * Chosen on MovieLens 100K with splits other than those `npm run eval` reports (seeds 101–105, `bench/eval-tune.ts`):
 * λ = 6.4 × the mean users per item with EDLAE's dropout 0.5, columns scaled halfway between EASE's zero-diagonal
 * form and EDLAE's full-rank one, scores debiased by popularity^0.15, 400 weights per item (decision 0013).
 */
export const defaultTrainingSettings: TrainingSettings = {
  denseLimit: 3000,
  lambdaPerMeanCount: 6.4,
  dropout: 0.5,
  columnScale: 0.5,
  historyWeight: 0,
  keep: 400,
  neighbours: 128,
  gramRow: 512,
  knnBlend: 0,
  knnNeighbours: 100,
  knnShrink: 10,
  popularityHalfLifeDays: 30,
  popularityDebias: 0.15,
};

/** What a training did besides the model. */
export interface TrainingReport {
  algorithm: ModelAlgorithm;
  parameters: RecommenderModel['parameters'];
  lambda: number;
  items: number;
  users: number;
  interactions: number;
  /** Stored weights. */
  entries: number;
}

/**
 * Trains a model on the interactions: EASE (exact up to `denseLimit` items, the neighbourhood approximation past
 * it), optionally blended with item-kNN, and the time-decayed popularity that ranks for users without history. Items
 * nobody watched get no weights (popularity 0). `onProgress` hears the fraction done.
 */
export function trainModel(
  data: Interactions,
  itemIds: readonly string[],
  settings: TrainingSettings = defaultTrainingSettings,
  onProgress?: (fraction: number) => void,
): { model: RecommenderModel; report: TrainingReport } {
  if (itemIds.length !== data.items) throw new Error('one id per item is needed');
  const counts = new Float64Array(data.items);
  let watched = 0;
  for (let i = 0; i < data.items; i++) {
    counts[i] = data.itemStart[i + 1]! - data.itemStart[i]!;
    if (counts[i]! > 0) watched++;
  }
  const meanCount = watched === 0 ? 0 : data.itemOf.length / watched;
  const lambda = settings.lambda ?? Math.max(1, settings.lambdaPerMeanCount * meanCount);
  let algorithm: ModelAlgorithm;
  let weights: SparseRows;
  if (data.itemOf.length === 0) {
    algorithm = 'popularity';
    weights = emptyRows(data.items);
  } else if (data.items <= settings.denseLimit) {
    algorithm = 'ease';
    weights = denseEase(data, {
      lambda,
      dropout: settings.dropout,
      columnScale: settings.columnScale,
      keep: settings.keep,
      onProgress,
    });
  } else {
    algorithm = 'neighbourhood-ease';
    weights = neighbourhoodEase(data, {
      lambda,
      dropout: settings.dropout,
      columnScale: settings.columnScale,
      keep: settings.keep,
      neighbours: settings.neighbours,
      gramRow: settings.gramRow,
      onProgress,
    });
  }
  if (settings.knnBlend > 0 && data.itemOf.length > 0) {
    const knn = itemKnn(data, { neighbours: settings.knnNeighbours, shrink: settings.knnShrink });
    weights = addRows(weights, knn, settings.knnBlend, settings.keep);
  }
  if (settings.historyWeight !== 0) {
    for (let j = 0; j < weights.rows; j++) {
      const factor = (counts[j]! + 1) ** -settings.historyWeight;
      for (let p = weights.rowStart[j]!; p < weights.rowStart[j + 1]!; p++) weights.weight[p]! *= factor;
    }
  }
  onProgress?.(1);
  const model: RecommenderModel = {
    algorithm,
    parameters: {
      lambda: round(lambda),
      lambdaPerMeanCount: settings.lambda === undefined ? settings.lambdaPerMeanCount : null,
      dropout: settings.dropout,
      columnScale: settings.columnScale,
      historyWeight: settings.historyWeight,
      keep: settings.keep,
      denseLimit: settings.denseLimit,
      neighbours: algorithm === 'neighbourhood-ease' ? settings.neighbours : null,
      gramRow: algorithm === 'neighbourhood-ease' ? settings.gramRow : null,
      knnBlend: settings.knnBlend,
      popularityHalfLifeDays: settings.popularityHalfLifeDays,
      popularityDebias: settings.popularityDebias,
    },
    itemIds: [...itemIds],
    popularity: normalisedToMax(popularity(data, settings.popularityHalfLifeDays)),
    counts: Float32Array.from(counts),
    weights,
  };
  return {
    model,
    report: {
      algorithm,
      parameters: model.parameters,
      lambda: round(lambda),
      items: data.items,
      users: data.users,
      interactions: data.itemOf.length,
      entries: weights.column.length,
    },
  };
}

function emptyRows(rows: number): SparseRows {
  const builder = new SparseRowsBuilder(1, rows);
  for (let j = 0; j < rows; j++) builder.addRow([], [], 0);
  return builder.build();
}

const round = (value: number) => Math.round(value * 1000) / 1000;
