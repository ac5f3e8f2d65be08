import type { AppsService } from '../apps/apps.service.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import type { CredentialThrottle } from './credential-throttle.ts';
import type { RateLimiter } from './rate-limiter.ts';

export const sweepThrottlingJob = 'throttling.sweep';

/**
 * Every 10 minutes one instance forgets the failures and rate-limit windows that no longer count, so that the tables
 * hold only what the rules still need: their size is bounded by recent traffic, not by all traffic ever.
 */
export function registerThrottlingJobs(
  jobs: JobsService,
  apps: AppsService,
  throttle: CredentialThrottle,
  rateLimiter: RateLimiter,
): void {
  jobs.register(
    sweepThrottlingJob,
    async (_job, { signal, reportProgress }) => {
      const appIds = await apps.listAppIds();
      let deleted = 0;
      for (const [done, appId] of appIds.entries()) {
        signal.throwIfAborted();
        const app = await apps.getApp(appId);
        deleted += await throttle.sweep(appId, app.settings);
        deleted += await rateLimiter.sweep(appId);
        await reportProgress({ apps: done + 1, of: appIds.length, deleted });
      }
      return { deleted };
    },
    { everyMs: 10 * 60 * 1000 },
  );
}
