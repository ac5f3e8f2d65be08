import type { ModelAlgorithm } from './model/model.ts';
import type { ModelMetrics } from './model/worker.ts';

/** One recommended movie: its score (higher is better) and why it is there. */
export interface Recommendation {
  movieId: string;
  title: string;
  score: number;
  /** Short machine-readable strings: `similar-to:<movieId>`, `genre:<value>` (any attribute kind), `popular`. */
  reasons: string[];
}

/** An attribute of the movie catalogue: `genre`/`Horror`. */
export interface AttributeRef {
  kind: string;
  value: string;
}

/** A stored model version, as the admin sees it. */
export interface StoredModelInfo {
  version: number;
  algorithm: ModelAlgorithm;
  parameters: Record<string, number | string | boolean | null>;
  /** The offline metrics of the evaluation run with the training; null when the app had too few users for one. */
  metrics: ModelMetrics | null;
  /** Items (movies with viewings) the model knows, users and (user, movie) pairs it learned from. */
  items: number;
  users: number;
  interactions: number;
  /** Weights stored (neighbours over all items). */
  entries: number;
  sizeBytes: number;
  parts: number;
  trainingMs: number;
  evaluationMs: number;
  historyFingerprint: string;
  trainedAt: number;
}

export type StoredModelRow = StoredModelInfo;
