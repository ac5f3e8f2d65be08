import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { RatingThreshold, UserTarget } from '../identity/identity.types.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { checkPageRequest, type NumberedPage, type PageRequest } from '../paging.ts';
import type { Principal } from '../principal.ts';
import type { RecommendationsRepository } from './recommendations.repository.ts';
import type { AttributeRef, Recommendation } from './recommendations.types.ts';

export const popularityJob = 'recommendations.popularity';
const dayMs = 86_400_000;
/** A viewing counts half as much after this many days: this month's films lead, last year's still count a little. */
const halfLifeDays = 30;
/** Viewings older than this add less than 1/4000 of a fresh one and are left out of the sum. */
const horizonDays = 360;
const candidatesPerSource = 300;
const recentMovies = 10;
/** How much sharing an attribute with a movie the user watched counts, by kind. */
const similarityWeight: Record<string, number> = { director: 1, actor: 0.5, basedOn: 0.5, genre: 0.3 };
const weights = { popularity: 0.4, preference: 1, similarity: 0.8 };
const popularityWindowMs = 10_000;

interface Candidate {
  movieId: string;
  popularity: number;
  preferences: string[];
  similarity: number;
  similarTo: string | null;
}

/**
 * The baseline recommender: recency-weighted popularity, boosted by the user's positive preferences and by likeness
 * to what the user watched last; never a movie the user watched, never one at or above a rating threshold of the
 * token's active profile. The recommender issue replaces the model behind the same call.
 */
export class RecommendationsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: RecommendationsRepository;
  readonly #identity: IdentityService;
  readonly #jobs: JobsService;

  constructor(
    unitOfWork: UnitOfWork,
    repository: RecommendationsRepository,
    identity: IdentityService,
    jobs: JobsService,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
    this.#identity = identity;
    this.#jobs = jobs;
  }

  /**
   * Asks for the app's popularity to be recomputed soon. Changes are gathered in 10-second windows: every change of a
   * window asks for the same job, which runs when the window has closed, so it sees all of them.
   */
  async historyChanged(appId: string): Promise<void> {
    const window = Math.floor(Date.now() / popularityWindowMs);
    await this.#jobs.enqueue(popularityJob, null, {
      appId,
      dedupeKey: `${appId}:${window}`,
      runAt: (window + 1) * popularityWindowMs,
    });
  }

  /** Recomputes each movie's recency-weighted popularity in the app from its viewings. */
  async computePopularity(appId: string, now: number): Promise<number> {
    const today = Math.floor(now / dayMs);
    const counts = await this.#repository.viewingsPerMovieAndDay(appId, now - horizonDays * dayMs);
    const scores = new Map<string, number>();
    for (const { movieId, day, count } of counts) {
      const age = Math.max(0, today - day);
      scores.set(movieId, (scores.get(movieId) ?? 0) + count * 0.5 ** (age / halfLifeDays));
    }
    await this.#unitOfWork.run(() =>
      this.#repository.replacePopularity(
        appId,
        [...scores].map(([movieId, score]) => ({ movieId, score })),
        now,
      ),
    );
    return scores.size;
  }

  /**
   * A numbered page of recommendations for the user, best first, each with its reasons. A user with no history gets
   * them from preferences, then popularity. The token's active profile's rating thresholds are applied (an admin
   * token has no profile).
   */
  async recommend(
    principal: Principal,
    target: UserTarget,
    request: PageRequest,
  ): Promise<NumberedPage<Recommendation>> {
    const userId = await this.#identity.targetUserId(principal, target, 'read');
    const { page, pageSize } = checkPageRequest(request);
    const { appId } = principal;
    const thresholds = principal.kind === 'user' ? (principal.profile?.ratingThresholds ?? []) : [];
    const ranked = await this.#rank(appId, userId, thresholds);
    const items = ranked.slice((page - 1) * pageSize, page * pageSize);
    const titles = await this.#repository.titlesOf(
      appId,
      items.map((item) => item.movieId),
    );
    return {
      page,
      pageSize,
      totalItems: ranked.length,
      items: items.map((item) => ({ ...item, title: titles.get(item.movieId) ?? '' })),
    };
  }

  async #rank(appId: string, userId: string, thresholds: readonly RatingThreshold[]) {
    const [popular, liked, recent] = await Promise.all([
      this.#repository.popularMovies(appId, candidatesPerSource),
      this.#repository.positiveAttributes(appId, userId),
      this.#repository.recentlyWatched(appId, userId, recentMovies * 5),
    ]);
    const candidates = new Map<string, Candidate>();
    const candidate = (movieId: string) => {
      let found = candidates.get(movieId);
      if (!found) {
        found = { movieId, popularity: 0, preferences: [], similarity: 0, similarTo: null };
        candidates.set(movieId, found);
      }
      return found;
    };
    const topScore = popular[0]?.score ?? 0;
    for (const { movieId, score } of popular) candidate(movieId).popularity = topScore > 0 ? score / topScore : 0;

    for (const match of await this.#repository.moviesWithAttributes(appId, liked, candidatesPerSource * 10)) {
      candidate(match.movieId).preferences.push(`${match.kind}:${match.value}`);
    }

    const sources = recent.slice(0, recentMovies);
    const sourceAttributes = (await this.#repository.attributesOf(appId, sources)).filter(
      (attribute) => attribute.kind in similarityWeight,
    );
    const sourcesOf = new Map<string, string[]>();
    for (const { movieId, kind, value } of sourceAttributes) {
      const key = `${kind}:${value}`;
      sourcesOf.set(key, [...(sourcesOf.get(key) ?? []), movieId]);
    }
    const shared = await this.#repository.moviesWithAttributes(
      appId,
      uniqueAttributes(sourceAttributes),
      candidatesPerSource * 10,
    );
    const likeness = new Map<string, Map<string, number>>();
    for (const { movieId, kind, value } of shared) {
      const perSource = likeness.get(movieId) ?? new Map<string, number>();
      likeness.set(movieId, perSource);
      for (const source of sourcesOf.get(`${kind}:${value}`) ?? []) {
        if (source === movieId) continue;
        perSource.set(source, (perSource.get(source) ?? 0) + (similarityWeight[kind] ?? 0));
      }
    }
    for (const [movieId, perSource] of likeness) {
      // The source the movie is most like names the reason; recent sources win ties.
      let best: [string, number] | undefined;
      for (const source of sources) {
        const weight = perSource.get(source) ?? 0;
        if (weight > (best?.[1] ?? 0)) best = [source, weight];
      }
      if (best) {
        const found = candidate(movieId);
        found.similarity = Math.min(1, best[1] / 1.5);
        found.similarTo = best[0];
      }
    }

    const ids = [...candidates.keys()];
    const excluded = await this.#repository.watchedAmong(appId, userId, ids);
    for (const movieId of await this.#refusedByThresholds(appId, ids, thresholds)) excluded.add(movieId);

    return [...candidates.values()]
      .filter((found) => !excluded.has(found.movieId))
      .map((found) => {
        // One liked attribute outweighs popularity alone; each further one adds a little.
        const matches = found.preferences.length;
        const preference = matches === 0 ? 0 : Math.min(1, 0.6 + 0.2 * (matches - 1));
        const score =
          weights.popularity * found.popularity +
          weights.preference * preference +
          weights.similarity * found.similarity;
        const reasons: string[] = [];
        if (found.similarTo) reasons.push(`similar-to:${found.similarTo}`);
        reasons.push(...found.preferences.slice(0, 3));
        if (found.popularity >= 0.3 || reasons.length === 0) reasons.push('popular');
        return { movieId: found.movieId, score: Math.round(score * 1e6) / 1e6, reasons };
      })
      .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1));
  }

  /**
   * The movies a profile's thresholds keep out: rated at or above the threshold's rating in its body, or not rated by
   * that body at all (an unrated film is not known to be suitable). A threshold naming a rating its body does not
   * know keeps out every movie, for the same reason.
   */
  async #refusedByThresholds(
    appId: string,
    movieIds: readonly string[],
    thresholds: readonly RatingThreshold[],
  ): Promise<string[]> {
    if (thresholds.length === 0 || movieIds.length === 0) return [];
    const limits = await Promise.all(
      thresholds.map(async (threshold) => ({
        bodyId: threshold.ratingsBody,
        rank: await this.#repository.rankOf(appId, threshold.ratingsBody, threshold.rating),
      })),
    );
    if (limits.some((limit) => limit.rank === undefined)) return [...movieIds];
    const ratings = await this.#repository.ratingsOf(
      appId,
      movieIds,
      limits.map((limit) => limit.bodyId),
    );
    const rankOf = new Map(ratings.map((rating) => [`${rating.movieId} ${rating.bodyId}`, rating.rank]));
    return movieIds.filter((movieId) =>
      limits.some((limit) => {
        const rank = rankOf.get(`${movieId} ${limit.bodyId}`);
        return rank === undefined || rank >= (limit.rank as number);
      }),
    );
  }
}

function uniqueAttributes(attributes: readonly AttributeRef[]): AttributeRef[] {
  const seen = new Map<string, AttributeRef>();
  for (const { kind, value } of attributes) seen.set(`${kind}:${value}`, { kind, value });
  return [...seen.values()];
}
