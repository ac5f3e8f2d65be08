import { scoreHistory } from './model/model.ts';
import { topIndices } from './model/sparse-rows.ts';
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
  const allowed = allowedPositions(input);
  const preferenceMatches = new Uint8Array(n);
  for (const attribute of input.liked) {
    for (const at of catalogue.attributes.get(attribute) ?? []) {
      if (preferenceMatches[at]! < 255) preferenceMatches[at]!++;
    }
  }
  const personal = new Float64Array(n);
  const popularity = new Float64Array(n);
  const sourceOf = new Int32Array(n).fill(-1);
  let hasHistory = false;
  if (served) {
    const { model } = served;
    const positions = positionsOf(served, catalogue);
    for (let item = 0; item < positions.length; item++) {
      const at = positions[item]!;
      if (at >= 0) popularity[at] = model.popularity[item]!;
    }
    const itemOf = itemIndexOf(served);
    const history = input.watched.map((id) => itemOf.get(id)).filter((item) => item !== undefined);
    if (history.length > 0) {
      hasHistory = true;
      const scores = new Float32Array(model.itemIds.length);
      const source = { item: new Int32Array(scores.length), best: new Float32Array(scores.length) };
      scoreHistory(model, history, scores, source);
      for (let item = 0; item < positions.length; item++) {
        const at = positions[item]!;
        if (at < 0) continue;
        personal[at] = scores[item]!;
        sourceOf[at] = source.item[item]!;
      }
    }
  }
  let bestPersonal = 0;
  if (hasHistory)
    for (let at = 0; at < n; at++) if (allowed[at] && personal[at]! > bestPersonal) bestPersonal = personal[at]!;
  const finalScore = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  let totalItems = 0;
  for (let at = 0; at < n; at++) {
    if (!allowed[at]) continue;
    totalItems++;
    const preference = preferenceScore(preferenceMatches[at]!);
    finalScore[at] = hasHistory
      ? (bestPersonal > 0 ? personal[at]! / bestPersonal : 0) +
        preferenceWeight.withHistory * preference +
        popularityWeightWithHistory * popularity[at]!
      : preferenceWeight.withoutHistory * preference + popularity[at]!;
  }
  const top = topIndices(finalScore, n, input.limit, Number.NEGATIVE_INFINITY);
  const likedAt = (at: number) =>
    input.liked.filter((attribute) => (preferenceMatches[at] ?? 0) > 0 && hasPosition(catalogue, attribute, at));
  return {
    totalItems,
    items: top.map((at) => {
      const reasons: string[] = [];
      const source = sourceOf[at]!;
      if (hasHistory && served && source >= 0 && personal[at]! > similarReasonShare * bestPersonal) {
        reasons.push(`similar-to:${served.model.itemIds[source]}`);
      }
      reasons.push(...likedAt(at).slice(0, 3));
      if (popularity[at]! >= popularReasonFloor || reasons.length === 0) reasons.push('popular');
      return { position: at, score: Math.round(finalScore[at]! * 1e6) / 1e6, reasons };
    }),
  };
}

/** One liked attribute outweighs popularity alone; each further one adds a little, up to 1. */
function preferenceScore(matches: number): number {
  return matches === 0 ? 0 : Math.min(1, 0.6 + 0.2 * (matches - 1));
}

function allowedPositions(input: RankingInput): Uint8Array {
  const { catalogue } = input;
  const allowed = new Uint8Array(catalogue.ids.length).fill(1);
  for (const id of input.watched) {
    const at = catalogue.position.get(id);
    if (at !== undefined) allowed[at] = 0;
  }
  for (const threshold of input.thresholds) {
    const body = catalogue.ratings.get(threshold.bodyId);
    const allowedCode = body?.codes.map((code) => threshold.allowedCodes?.has(code) === true) ?? [];
    for (let at = 0; at < allowed.length; at++) {
      const code = body ? body.codeOf[at]! : -1;
      // Unrated by the body: not known to be suitable.
      if (code < 0 || !allowedCode[code]) allowed[at] = 0;
    }
  }
  return allowed;
}

function positionsOf(served: ServedModel, catalogue: CatalogueIndex): Int32Array {
  let positions = served.positions.get(catalogue);
  if (!positions) {
    positions = Int32Array.from(served.model.itemIds, (id) => catalogue.position.get(id) ?? -1);
    served.positions.set(catalogue, positions);
  }
  return positions;
}

const itemIndexes = new WeakMap<ServedModel, Map<string, number>>();

function itemIndexOf(served: ServedModel): Map<string, number> {
  let map = itemIndexes.get(served);
  if (!map) {
    map = new Map(served.model.itemIds.map((id, item) => [id, item]));
    itemIndexes.set(served, map);
  }
  return map;
}

function hasPosition(catalogue: CatalogueIndex, attribute: string, at: number): boolean {
  const list = catalogue.attributes.get(attribute);
  if (!list) return false;
  // The positions were gathered in attribute-row order; small lists are scanned, and they are short for a page.
  return list.includes(at);
}
