import { buildInteractions, type Interactions, keepUsers } from './interactions.ts';
import { topIndices } from './sparse-rows.ts';

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same split on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place, with the given generator. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** A held-out user: what the model is given, with times, and what it should find. */
export interface HeldOutUser {
  user: number;
  inputItems: Int32Array;
  inputTimes: Float64Array;
  targets: Int32Array;
}

export interface HeldOutSplit {
  /** The interactions of the users not held out (the held-out users have none here). */
  training: Interactions;
  heldOut: HeldOutUser[];
}

export interface SplitOptions {
  seed: number;
  /** Users with fewer positives take no part. */
  minPositives: number;
  /** The share of the (eligible) users held out. */
  heldOutShare: number;
  /** The share of a held-out user's positives kept as targets (at least one). */
  targetShare: number;
}

export const standardSplit: SplitOptions = { seed: 42, minPositives: 5, heldOutShare: 0.2, targetShare: 0.2 };

/**
 * The held-out-user protocol (Liang et al. 2018, as used by Steck 2019): users with at least `minPositives` items,
 * shuffled with a fixed seed; a share of them held out; each held-out user's items shuffled and split into input and
 * targets. The model trains on the other users only; held-out users are scored from their input.
 */
export function heldOutSplit(data: Interactions, options: SplitOptions = standardSplit): HeldOutSplit {
  const random = seededRandom(options.seed);
  const eligible: number[] = [];
  for (let u = 0; u < data.users; u++) {
    if (data.userStart[u + 1]! - data.userStart[u]! >= options.minPositives) eligible.push(u);
  }
  shuffle(eligible, random);
  const heldCount = Math.round(eligible.length * options.heldOutShare);
  const held = new Set(eligible.slice(0, heldCount));
  const trainingUsers = new Set(eligible.slice(heldCount));
  const heldOut = eligible.slice(0, heldCount).map((user): HeldOutUser => {
    const positions: number[] = [];
    for (let p = data.userStart[user]!; p < data.userStart[user + 1]!; p++) positions.push(p);
    shuffle(positions, random);
    const targetCount = Math.max(1, Math.floor(positions.length * options.targetShare));
    const input = positions.slice(targetCount);
    return {
      user,
      inputItems: Int32Array.from(input, (p) => data.itemOf[p]!),
      inputTimes: Float64Array.from(input, (p) => data.timeOf[p]!),
      targets: Int32Array.from(positions.slice(0, targetCount), (p) => data.itemOf[p]!),
    };
  });
  return { training: keepUsers(data, (u) => trainingUsers.has(u) && !held.has(u)), heldOut };
}

/** Ranking quality over held-out users, each metric averaged over them. */
export interface RankingMetrics {
  ndcgAt10: number;
  recallAt20: number;
  recallAt50: number;
  users: number;
}

/**
 * Scores of every item for a held-out user, higher is better; input items are excluded afterwards, whatever their
 * score.
 */
export type Scorer = (user: HeldOutUser) => ArrayLike<number>;

/**
 * NDCG@10 and Recall@20/50 over every item (a full ranking, input items left out): Recall@k is the hits in the top k
 * over min(k, targets) and NDCG@k is normalised by the best possible DCG for min(k, targets) hits, as in Liang et al.
 * `onProgress` is told the fraction of users done; `perUserNdcg`, when given, receives each held-out user's NDCG@10
 * (for paired comparisons of two models on the same users).
 */
export function evaluateRanking(
  split: HeldOutSplit,
  items: number,
  scorer: Scorer,
  onProgress?: (fraction: number) => void,
  perUserNdcg?: Float64Array,
): RankingMetrics {
  let ndcg = 0;
  let recall20 = 0;
  let recall50 = 0;
  const scores = new Float64Array(items);
  for (const [index, user] of split.heldOut.entries()) {
    scores.set(scorer(user));
    for (const item of user.inputItems) scores[item] = Number.NEGATIVE_INFINITY;
    const ranked = topIndices(scores, items, 50);
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
    if (perUserNdcg) perUserNdcg[index] = dcg / ideal;
    recall20 += hits20 / Math.min(20, targets.size);
    recall50 += hits50 / Math.min(50, targets.size);
    if (onProgress && (index & 15) === 0) onProgress((index + 1) / split.heldOut.length);
  }
  onProgress?.(1);
  const users = split.heldOut.length;
  return { ndcgAt10: ndcg / users, recallAt20: recall20 / users, recallAt50: recall50 / users, users };
}

/** Interactions from (user, item, time) triples already numbered from 0. */
export function interactionsOf(
  users: number,
  items: number,
  triples: readonly (readonly [number, number, number])[],
): Interactions {
  return buildInteractions(
    users,
    items,
    triples.map((t) => t[0]),
    triples.map((t) => t[1]),
    triples.map((t) => t[2]),
  );
}
