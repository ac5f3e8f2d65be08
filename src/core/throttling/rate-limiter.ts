import type { AppSettings } from '../apps/apps.types.ts';
import { CoreError } from '../errors.ts';
import type { CallOrigin, RateLimitState } from '../principal.ts';
import { RefusalMemo } from './refusal-memo.ts';
import type { ThrottlingRepository } from './throttling.repository.ts';

/** The anonymous calls that are rate-limited, each with its own per-address budget. */
export type RateLimitPolicy = 'sign_up' | 'log_in';

const perAddress: Record<RateLimitPolicy, keyof AppSettings & ('signUpsPerAddress' | 'logInsPerAddress')> = {
  sign_up: 'signUpsPerAddress',
  log_in: 'logInsPerAddress',
};

/**
 * Fixed-window rate limits of anonymous calls, per app: each policy per client address, and all anonymous calls of
 * the app together. Counted in the database (one upsert per budget), so every instance shares them. The state of the
 * per-address budget is reported on the call's origin for the face's `RateLimit` headers.
 */
export class RateLimiter {
  readonly #repository: ThrottlingRepository;
  readonly #spent = new RefusalMemo();

  constructor(repository: ThrottlingRepository) {
    this.#repository = repository;
  }

  /** Counts the call; throws `rate_limited` (with the wait) when a budget of its window is spent. */
  async admit(
    appId: string,
    policy: RateLimitPolicy,
    origin: CallOrigin | undefined,
    settings: AppSettings,
    now = Date.now(),
  ): Promise<void> {
    const windowMs = settings.rateLimitWindowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const resetMs = windowStart + windowMs - now;
    const budgets: { bucket: string; limit: number; reported: boolean }[] = [
      { bucket: `${policy}:${origin?.address ?? 'internal'}`, limit: settings[perAddress[policy]], reported: true },
      { bucket: 'app', limit: settings.anonymousCallsPerApp, reported: false },
    ];
    for (const { bucket, limit, reported } of budgets) {
      if (limit === 0) continue;
      // The limit is part of the key: an admin who raises it is not answered from the old one.
      const spentKey = `${appId}|${bucket}|${windowStart}|${limit}`;
      const spent = this.#spent.refusedUntil(spentKey, now) !== undefined;
      const count = spent ? limit + 1 : await this.#repository.countCall(appId, bucket, windowStart);
      const state: RateLimitState = {
        limit,
        remaining: Math.max(0, limit - count),
        resetSeconds: Math.ceil(resetMs / 1000),
        windowSeconds: settings.rateLimitWindowSeconds,
      };
      if (origin && (reported || count > limit)) origin.rateLimit = state;
      if (count > limit) {
        this.#spent.remember(spentKey, windowStart + windowMs, now);
        throw new CoreError('rate_limited', `Too many requests; try again in ${state.resetSeconds} s`, {
          retryAfterSeconds: state.resetSeconds,
        });
      }
    }
  }

  /** Forgets windows that ended (a recurring job). */
  sweep(appId: string, now = Date.now()): Promise<number> {
    // Windows are at most an hour long: one that started two hours ago has ended.
    return this.#repository.deleteEndedWindows(appId, now - 2 * 3600 * 1000);
  }
}
