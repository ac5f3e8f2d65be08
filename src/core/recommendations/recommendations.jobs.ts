import type { AppsService } from '../apps/apps.service.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { popularityJob, type RecommendationsService } from './recommendations.service.ts';

/**
 * The recommender's background work: each app's popularity is recomputed every 15 minutes (one job for every app)
 * and soon after an ingest (a job for that app, at most one a minute).
 */
export function registerRecommendationJobs(
  jobs: JobsService,
  recommendations: RecommendationsService,
  apps: AppsService,
): void {
  jobs.register(
    popularityJob,
    async (job, { signal, reportProgress }) => {
      const appIds = job.appId === null ? await apps.listAppIds() : [job.appId];
      for (const [done, appId] of appIds.entries()) {
        signal.throwIfAborted();
        await recommendations.computePopularity(appId, Date.now());
        await reportProgress({ apps: done + 1, of: appIds.length });
      }
      return { apps: appIds.length };
    },
    { everyMs: 15 * 60 * 1000 },
  );
}
