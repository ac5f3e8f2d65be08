import { popularity } from './algorithms.ts';
import { encodeModel } from './codec.ts';
import { evaluateRanking, heldOutSplit, type RankingMetrics, standardSplit } from './evaluate.ts';
import { buildInteractions } from './interactions.ts';
import { scoreHistory } from './model.ts';
import { type TrainingReport, type TrainingSettings, trainModel } from './train.ts';

/** What the training job hands a worker thread: the app's viewings, numbered, and how to train. */
export interface TrainingInput {
  users: number;
  items: number;
  userIndex: Int32Array;
  itemIndex: Int32Array;
  /** Epoch milliseconds of each viewing. */
  times: Float64Array;
  /** The movie id of each item index. */
  itemIds: string[];
  settings: TrainingSettings;
  /** Whether to evaluate first (held-out users), which costs about one more training. */
  evaluate: boolean;
}

/** The offline metrics of a training: the model and popularity on the same held-out users. */
export interface ModelMetrics {
  protocol: string;
  heldOutUsers: number;
  model: Omit<RankingMetrics, 'users'>;
  popularity: Omit<RankingMetrics, 'users'>;
}

export interface TrainingOutput {
  bytes: Uint8Array;
  report: TrainingReport;
  metrics: ModelMetrics | null;
  trainingMs: number;
  evaluationMs: number;
}

/** Held-out users needed for an evaluation to say anything. */
const minHeldOutUsers = 10;

/**
 * Trains (and first evaluates) a model on a worker thread; `report` receives `{ phase, fraction }` now and then.
 * The evaluation follows the offline protocol of `npm run eval` on the app's own history (every viewing a positive):
 * the model trained without the held-out users, then scored from 80% of each one's viewings.
 */
export function trainInWorker(input: TrainingInput, report?: (progress: unknown) => void): TrainingOutput {
  const data = buildInteractions(input.users, input.items, input.userIndex, input.itemIndex, input.times);
  let lastSent = -1;
  const send = (phase: string, fraction: number) => {
    const rounded = Math.floor(fraction * 50) / 50;
    if (rounded === lastSent && fraction < 1) return;
    lastSent = rounded;
    report?.({ phase, fraction: rounded });
  };
  let metrics: ModelMetrics | null = null;
  const evaluationStart = performance.now();
  if (input.evaluate) {
    const split = heldOutSplit(data, standardSplit);
    if (split.heldOut.length >= minHeldOutUsers) {
      send('evaluating', 0);
      const { model } = trainModel(split.training, input.itemIds, input.settings, (f) => send('evaluating', f * 0.9));
      const scores = new Float64Array(input.items);
      const personal = evaluateRanking(split, input.items, (user) => {
        scoreHistory(model, user.inputItems, scores);
        return scores;
      });
      const counts = popularity(split.training, null);
      const popular = evaluateRanking(split, input.items, () => counts);
      const strip = ({ users: _, ...rest }: RankingMetrics) => rest;
      metrics = {
        protocol: `held-out users (${standardSplit.heldOutShare * 100}% of users with ≥ ${standardSplit.minPositives} viewings, seed ${standardSplit.seed}; ${standardSplit.targetShare * 100}% of each one's viewings as targets)`,
        heldOutUsers: split.heldOut.length,
        model: strip(personal),
        popularity: strip(popular),
      };
    }
  }
  const evaluationMs = performance.now() - evaluationStart;
  lastSent = -1;
  const trainingStart = performance.now();
  const { model, report: trainingReport } = trainModel(data, input.itemIds, input.settings, (f) => send('training', f));
  const bytes = encodeModel(model);
  const trainingMs = performance.now() - trainingStart;
  send('training', 1);
  return {
    bytes,
    report: trainingReport,
    metrics,
    trainingMs: Math.round(trainingMs),
    evaluationMs: Math.round(evaluationMs),
  };
}
