import type { AppsService } from '../apps/apps.service.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { type RecommendationsService, refreshJob, trainingJob } from './recommendations.service.ts';

/**
 * The recommender's background work: a training of one app's model (after an ingest, on the admin's request, when a
 * request found no model, or when the refresh saw the history change), and the refresh itself, every `refreshMs`,
 * which asks for a training of every app whose history changed since its newest model or that has none.
 */
export function registerRecommendationJobs(
  jobs: JobsService,
  recommendations: RecommendationsService,
  apps: AppsService,
  refreshMs: number,
): void {
  jobs.register(trainingJob, async (job, { signal, reportProgress }) => {
    if (job.appId === null) throw new Error('a training job names its app');
    const force = (job.payload as { force?: unknown } | null)?.force === true;
    return recommendations.train(job.appId, { force, signal, reportProgress });
  });
  jobs.register(refreshJob, async (_job, { signal }) => recommendations.refreshAll(await apps.listAppIds(), signal), {
    everyMs: refreshMs,
  });
}
