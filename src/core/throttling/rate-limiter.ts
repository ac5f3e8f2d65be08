import { LRUCache } from 'lru-cache';
import type { AppsService } from '../apps/apps.service.ts';
import type { AppSettings } from '../apps/apps.types.ts';
import { CoreError } from '../errors.ts';
import { addressOf, type CallOrigin, type RateLimitState } from '../principal.ts';
import { RefusalMemo } from './refusal-memo.ts';
import type { ThrottlingRepository } from './throttling.repository.ts';

/** The calls that are rate-limited, each with its own per-address budget. */
export type RateLimitPolicy = 'sign_up' | 'log_in' | 'recovery';

const perAddress: Record<
  RateLimitPolicy,
  keyof AppSettings & ('signUpsPerAddress' | 'logInsPerAddress' | 'recoveryRequestsPerAddress')
> = {
  sign_up: 'signUpsPerAddress',
  log_in: 'logInsPerAddress',
  recovery: 'recoveryRequestsPerAddress',
};

/**
 * Fixed-window rate limits of anonymous calls, per app: each policy per client address, and all anonymous calls of
 * the app together. Counted in the database (one upsert per budget), so every instance shares them. The state of the
 * per-address budget is reported on the call's origin for the face's `RateLimit` headers.
 */
export class RateLimiter {
  readonly #repository: ThrottlingRepository;
  readonly #spent = new RefusalMemo();
  /** An address's spent budget by app and policy, for `refuseIfSpent`, which knows no settings yet. */
  readonly #spentAddresses = new RefusalMemo();
  readonly #apps: AppsService;
  /**
   * This instance's counts of current windows: written to the database and not written yet. Bounded; an entry dropped
   * early loses at most a step of calls not written.
   */
  readonly #counts = new LRUCache<string, { written: number; pending: number }>({
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (_count, key) => 96 + 2 * key.length,
  });

  constructor(repository: ThrottlingRepository, apps: AppsService) {
    this.#repository = repository;
    this.#apps = apps;
  }

  /**
   * Refuses at once a call whose address this instance already saw spend its budget of `policy` in the app, before
   * anything else is done for it (its body is not even read): a flood from a spent address costs as little as an
   * answer can. Only an address that spent a budget with the app's credentials is ever refused here, so it tells a
   * caller nothing it did not do itself.
   */
  async refuseIfSpent(appId: string, policy: RateLimitPolicy, origin: CallOrigin, now = Date.now()): Promise<void> {
    const until = this.#spentAddresses.refusedUntil(`${appId}|${policy}|${origin.address}`, now);
    if (until === undefined) return;
    const { settings } = await this.#apps.getApp(appId);
    const limit = settings[perAddress[policy]];
    if (limit === 0) return;
    const resetSeconds = Math.ceil((until - now) / 1000);
    origin.rateLimit = { limit, remaining: 0, resetSeconds, windowSeconds: settings.rateLimitWindowSeconds };
    throw new CoreError('rate_limited', `Too many requests; try again in ${resetSeconds} s`, {
      retryAfterSeconds: resetSeconds,
    });
  }

  /**
   * Counts the call; throws `rate_limited` (with the wait) when a budget of its window is spent. The app's budget of
   * anonymous calls (`anonymousCallsPerApp`) counts it too unless `countsForApp` is false (a call with a user's token).
   */
  async admit(
    appId: string,
    policy: RateLimitPolicy,
    origin: CallOrigin | undefined,
    settings: AppSettings,
    now = Date.now(),
    countsForApp = true,
  ): Promise<void> {
    const windowSeconds = settings.rateLimitWindowSeconds;
    await this.#admitBudget(appId, `${policy}:${addressOf(origin)}`, settings[perAddress[policy]], windowSeconds, {
      origin,
      reported: true,
      spentAddress: origin && `${appId}|${policy}|${origin.address}`,
      now,
    });
    if (countsForApp) {
      await this.#admitBudget(appId, 'app', settings.anonymousCallsPerApp, windowSeconds, { origin, now });
    }
  }

  /**
   * Counts a call against a budget of its own (`subject`: an identifier a reset names, a user a verification is sent
   * to) of `limit` calls per `windowSeconds`; throws `rate_limited` past it. 0 is unlimited.
   */
  async admitSubject(
    appId: string,
    subject: string,
    limit: number,
    windowSeconds: number,
    origin: CallOrigin | undefined,
    now = Date.now(),
  ): Promise<void> {
    await this.#admitBudget(appId, `subject:${subject}`, limit, windowSeconds, { origin, now });
  }

  async #admitBudget(
    appId: string,
    bucket: string,
    limit: number,
    windowSeconds: number,
    options: { origin: CallOrigin | undefined; reported?: boolean; spentAddress?: string | undefined; now: number },
  ): Promise<void> {
    if (limit === 0) return;
    const { origin, now } = options;
    const windowMs = windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const resetMs = windowStart + windowMs - now;
    // The limit is part of the key: an admin who raises it is not answered from the old one.
    const spentKey = `${appId}|${bucket}|${windowStart}|${limit}`;
    const spent = this.#spent.refusedUntil(spentKey, now) !== undefined;
    const count = spent ? limit + 1 : await this.#count(appId, bucket, windowStart, windowMs, limit, now);
    const state: RateLimitState = {
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.ceil(resetMs / 1000),
      windowSeconds,
    };
    if (origin && (options.reported || count > limit)) origin.rateLimit = state;
    if (count > limit) {
      this.#spent.remember(spentKey, windowStart + windowMs, now);
      if (options.spentAddress) this.#spentAddresses.remember(options.spentAddress, windowStart + windowMs, now);
      throw new CoreError('rate_limited', `Too many requests; try again in ${state.resetSeconds} s`, {
        retryAfterSeconds: state.resetSeconds,
      });
    }
  }

  /**
   * The window's count after this call. Far from the limit, calls are counted here and written in steps of a tenth of
   * the limit (one upsert adding them all); within a step of the limit every call is written, so this instance refuses
   * at the limit exactly. A flood from many addresses that each send a few calls thus writes nothing, and several
   * instances together may overshoot a limit by less than a step each (a rate limit need not be exact; the credential
   * throttle is).
   */
  async #count(
    appId: string,
    bucket: string,
    windowStart: number,
    windowMs: number,
    limit: number,
    now: number,
  ): Promise<number> {
    const key = `${appId}|${bucket}|${windowStart}`;
    const step = Math.max(1, Math.floor(limit / 10));
    const local = this.#counts.get(key) ?? { written: 0, pending: 0 };
    local.pending += 1;
    let count = local.written + local.pending;
    if (local.pending >= step || count > limit - step) {
      count = await this.#repository.countCalls(appId, bucket, windowStart, local.pending);
      local.written = count;
      local.pending = 0;
    }
    this.#counts.set(key, local, { ttl: Math.max(1, windowStart + windowMs - now) });
    return count;
  }

  /** Forgets windows that ended (a recurring job). */
  sweep(appId: string, now = Date.now()): Promise<number> {
    // Windows are at most an hour long (the rate-limit window, and the per-identifier hour): one that started two hours
    // ago has ended.
    return this.#repository.deleteEndedWindows(appId, now - 2 * 3600 * 1000);
  }
}
