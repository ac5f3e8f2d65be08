import type { CatalogueIndex, ServedModel } from './serving-cache.ts';

/** How much an explicit preference counts: with history, against the best personal score (1); without, over popularity. */
const preferenceWeight = { withHistory: 0.5, withoutHistory: 2 };
/** With history, popularity only orders what the model has no opinion on. */
const popularityWeightWithHistory = 0.05;
/** A personal score below this share of the best one names no `similar-to`. */
const similarReasonShare = 0.05;
const popularReasonFloor = 0.3;

/** A threshold of the active profile, resolved: which codes of its body are allowed (undefined: none is). */
export interface ResolvedThreshold {
  bodyId: string;
  /** The body's codes below the threshold's rank; undefined when the body does not know the threshold's rating. */
  allowedCodes: Set<string> | undefined;
}

export interface RankingInput {
  catalogue: CatalogueIndex;
  served: ServedModel | undefined;
  /** The movies the user watched (ids). */
  watched: readonly string[];
  /** The `kind:value` attributes the user likes. */
  liked: readonly string[];
  thresholds: readonly ResolvedThreshold[];
  /** How many of the best to return, in order. */
  limit: number;
}

export interface RankedMovie {
  position: number;
  score: number;
  reasons: string[];
}

/** What a model needs at every request, computed once per model: ids to items, and each item's debiasing factor. */
interface ModelExtras {
  itemOf: Map<string, number>;
  /** `(users + 1)^debias` per item. */
  debias: Float32Array;
}

/** Per model and catalogue index: each model item's catalogue position (-1: gone), each position's popularity. */
interface Placement {
  positionOf: Int32Array;
  popularityAt: Float64Array;
}

const extrasOf = new WeakMap<ServedModel, ModelExtras>();
const placements = new WeakMap<ServedModel, WeakMap<CatalogueIndex, Placement>>();

/**
 * Scratch arrays, reused by every call: a ranking runs to its end without awaiting, so no two calls share them at once,
 * and a request allocates nothing proportional to the catalogue.
 */
const scratch = {
  size: 0,
  itemSize: 0,
  allowed: new Uint8Array(0),
  matches: new Uint8Array(0),
  personal: new Float64Array(0),
  sourceAt: new Int32Array(0),
  finalScore: new Float64Array(0),
  itemScore: new Float64Array(0),
  itemSource: new Int32Array(0),
  itemBest: new Float64Array(0),
};

function reserve(positions: number, items: number): void {
  if (scratch.size < positions) {
    scratch.size = positions;
    scratch.allowed = new Uint8Array(positions);
    scratch.matches = new Uint8Array(positions);
    scratch.personal = new Float64Array(positions);
    scratch.sourceAt = new Int32Array(positions);
    scratch.finalScore = new Float64Array(positions);
  }
  if (scratch.itemSize < items) {
    scratch.itemSize = items;
    scratch.itemScore = new Float64Array(items);
    scratch.itemSource = new Int32Array(items);
    scratch.itemBest = new Float64Array(items);
  }
}

/**
 * Ranks every movie of the catalogue the filters allow for one user: never one the user watched, never one a
 * threshold refuses (rated at or above it, or not rated by its body). A user whose history the model knows is scored
 * by the model from that history as it is now (so a deleted viewing counts at once), plus explicit preferences, plus a
 * little popularity; a user without one by preferences, then popularity. Every allowed movie has a place, so the list
 * is empty only when the filters allow nothing. Returns how many are allowed and the best `limit`, best first (ties
 * in catalogue order, i.e. by movie id).
 */
export function rankForUser(input: RankingInput): { totalItems: number; items: RankedMovie[] } {
  const { catalogue, served } = input;
  const n = catalogue.ids.length;
  const items = served ? served.model.itemIds.length : 0;
  reserve(n, items);
  const { allowed, matches, personal, sourceAt, finalScore } = scratch;
  markAllowed(input, allowed);
  matches.fill(0, 0, n);
  for (const attribute of input.liked) {
    const list = catalogue.attributes.get(attribute);
    if (!list) continue;
    for (let k = 0; k < list.length; k++) {
      const at = list[k]!;
      if (matches[at]! < 255) matches[at]!++;
    }
  }
  personal.fill(0, 0, n);
  sourceAt.fill(-1, 0, n);
  const placement = served ? placementOf(served, catalogue) : undefined;
  const hasHistory = served !== undefined && scoreInto(served, placement as Placement, input.watched, n);
  const popularityAt = placement?.popularityAt;
  let bestPersonal = 0;
  if (hasHistory) {
    for (let at = 0; at < n; at++) if (allowed[at] === 1 && personal[at]! > bestPersonal) bestPersonal = personal[at]!;
  }
  let totalItems = 0;
  for (let at = 0; at < n; at++) {
    if (allowed[at] === 0) {
      finalScore[at] = Number.NEGATIVE_INFINITY;
      continue;
    }
    totalItems++;
    const count = matches[at]!;
    const preference = count === 0 ? 0 : count >= 3 ? 1 : 0.6 + 0.2 * (count - 1);
    const popular = popularityAt ? popularityAt[at]! : 0;
    finalScore[at] = hasHistory
      ? (bestPersonal > 0 ? personal[at]! / bestPersonal : 0) +
        preferenceWeight.withHistory * preference +
        popularityWeightWithHistory * popular
      : preferenceWeight.withoutHistory * preference + popular;
  }
  const top = bestPositions(finalScore, n, Math.min(input.limit, totalItems));
  return {
    totalItems,
    items: top.map((at) => {
      const reasons: string[] = [];
      const source = sourceAt[at]!;
      if (hasHistory && source >= 0 && personal[at]! > similarReasonShare * bestPersonal) {
        reasons.push(`similar-to:${served?.model.itemIds[source]}`);
      }
      if (matches[at]! > 0) {
        for (const attribute of input.liked) {
          if (reasons.length >= 4) break;
          if (catalogue.attributes.get(attribute)?.includes(at)) reasons.push(attribute);
        }
      }
      const popular = popularityAt ? popularityAt[at]! : 0;
      if (popular >= popularReasonFloor || reasons.length === 0) reasons.push('popular');
      return { position: at, score: Math.round(finalScore[at]! * 1e6) / 1e6, reasons };
    }),
  };
}

/**
 * The model's scores of the user's history into `scratch.personal` and `scratch.sourceAt` (by catalogue position),
 * debiased as the model says; false when the model knows none of the history.
 */
function scoreInto(served: ServedModel, placement: Placement, watched: readonly string[], n: number): boolean {
  const { model } = served;
  const extras = modelExtras(served);
  const m = model.itemIds.length;
  const { itemScore, itemSource, itemBest, personal, sourceAt } = scratch;
  itemScore.fill(0, 0, m);
  itemBest.fill(0, 0, m);
  itemSource.fill(-1, 0, m);
  const { rowStart, column, weight } = model.weights;
  let known = 0;
  for (const id of watched) {
    const j = extras.itemOf.get(id);
    if (j === undefined) continue;
    known++;
    for (let p = rowStart[j]!; p < rowStart[j + 1]!; p++) {
      const i = column[p]!;
      const added = weight[p]!;
      itemScore[i]! += added;
      if (added > itemBest[i]!) {
        itemBest[i] = added;
        itemSource[i] = j;
      }
    }
  }
  if (known === 0) return false;
  const { positionOf } = placement;
  const { debias } = extras;
  for (let i = 0; i < m; i++) {
    const at = positionOf[i]!;
    if (at < 0 || at >= n) continue;
    const score = itemScore[i]!;
    // Dividing a positive score and multiplying a negative one both move a popular item down.
    personal[at] = score > 0 ? score / debias[i]! : score * debias[i]!;
    sourceAt[at] = itemSource[i]!;
  }
  return true;
}

function modelExtras(served: ServedModel): ModelExtras {
  let extras = extrasOf.get(served);
  if (!extras) {
    const { model } = served;
    const power = Number(model.parameters.popularityDebias ?? 0);
    extras = {
      itemOf: new Map(model.itemIds.map((id, item) => [id, item])),
      debias: Float32Array.from(model.counts, (count) => (power > 0 ? (count + 1) ** power : 1)),
    };
    extrasOf.set(served, extras);
  }
  return extras;
}

function placementOf(served: ServedModel, catalogue: CatalogueIndex): Placement {
  let byCatalogue = placements.get(served);
  if (!byCatalogue) {
    byCatalogue = new WeakMap();
    placements.set(served, byCatalogue);
  }
  let placement = byCatalogue.get(catalogue);
  if (!placement) {
    const positionOf = Int32Array.from(served.model.itemIds, (id) => catalogue.position.get(id) ?? -1);
    const popularityAt = new Float64Array(catalogue.ids.length);
    positionOf.forEach((at, item) => {
      if (at >= 0) popularityAt[at] = served.model.popularity[item]!;
    });
    placement = { positionOf, popularityAt };
    byCatalogue.set(catalogue, placement);
  }
  return placement;
}

/** Marks the positions the filters allow: not watched, and within every threshold. */
function markAllowed(input: RankingInput, allowed: Uint8Array): void {
  const { catalogue } = input;
  const n = catalogue.ids.length;
  allowed.fill(1, 0, n);
  for (const id of input.watched) {
    const at = catalogue.position.get(id);
    if (at !== undefined) allowed[at] = 0;
  }
  for (const threshold of input.thresholds) {
    const body = catalogue.ratings.get(threshold.bodyId);
    if (!body || threshold.allowedCodes === undefined) {
      // No rating of the body, or a threshold its body does not know: nothing is known to be suitable.
      allowed.fill(0, 0, n);
      return;
    }
    const allowedCode = Uint8Array.from(body.codes, (code) => (threshold.allowedCodes?.has(code) ? 1 : 0));
    const { codeOf } = body;
    for (let at = 0; at < n; at++) {
      const code = codeOf[at]!;
      if (code < 0 || allowedCode[code] === 0) allowed[at] = 0;
    }
  }
}

/**
 * The positions of the `limit` highest scores (never -∞), highest first, ties by position: a heap of the best so far
 * whose root is the worst of them, so each score costs one comparison unless it gets in.
 */
function bestPositions(scores: Float64Array, n: number, limit: number): number[] {
  if (limit <= 0) return [];
  const heap = new Int32Array(limit);
  let size = 0;
  // x ranks below y: a lower score, or the same score at a later position.
  const below = (x: number, y: number) => scores[x]! < scores[y]! || (scores[x] === scores[y] && x > y);
  const siftDown = () => {
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      let worst = at;
      if (left < size && below(heap[left]!, heap[worst]!)) worst = left;
      if (left + 1 < size && below(heap[left + 1]!, heap[worst]!)) worst = left + 1;
      if (worst === at) return;
      const swap = heap[at]!;
      heap[at] = heap[worst]!;
      heap[worst] = swap;
      at = worst;
    }
  };
  for (let at = 0; at < n; at++) {
    const score = scores[at]!;
    if (score === Number.NEGATIVE_INFINITY) continue;
    if (size < limit) {
      let child = size++;
      heap[child] = at;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!below(heap[child]!, heap[parent]!)) break;
        const swap = heap[child]!;
        heap[child] = heap[parent]!;
        heap[parent] = swap;
        child = parent;
      }
    } else if (score > scores[heap[0]!]!) {
      heap[0] = at;
      siftDown();
    }
  }
  return Array.from(heap.subarray(0, size)).sort((x, y) => (below(x, y) ? 1 : -1));
}
