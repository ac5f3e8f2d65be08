import type { AppsService } from '../apps/apps.service.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import type { SessionsService } from './sessions.service.ts';

export const sweepExpiredTokensJob = 'identity.sweep-expired-tokens';

/**
 * Identity's background work: every 10 minutes one instance sweeps the expired tokens of every app (expired longer
 * ago than the retention). Each batch is its own statement, so a sweep cut short leaves nothing half done and the
 * next one carries on.
 */
export function registerIdentityJobs(jobs: JobsService, sessions: SessionsService, apps: AppsService): void {
  jobs.register(
    sweepExpiredTokensJob,
    async (_job, { signal, reportProgress }) => {
      const appIds = await apps.listAppIds();
      let deleted = 0;
      for (const [done, appId] of appIds.entries()) {
        signal.throwIfAborted();
        deleted += await sessions.sweepExpiredTokens(appId);
        await reportProgress({ apps: done + 1, of: appIds.length, deleted });
      }
      return { deleted };
    },
    { everyMs: 10 * 60 * 1000 },
  );
}
