import type { AppsService } from '../apps/apps.service.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { type RecoveryService, type RequestResetPayload, requestResetJob, sweepCodesJob } from './recovery.service.ts';

/**
 * Recovery's background work: each reset request (found and answered here, so that the request itself does the same
 * work whether or not the user exists), and hourly the deletion of long-expired codes of every app.
 */
export function registerRecoveryJobs(jobs: JobsService, recovery: RecoveryService, apps: AppsService): void {
  jobs.register(requestResetJob, (job) => recovery.runResetRequest(job.payload as RequestResetPayload));
  jobs.register(
    sweepCodesJob,
    async (_job, { signal }) => {
      let deleted = 0;
      for (const appId of await apps.listAppIds()) {
        signal.throwIfAborted();
        deleted += await recovery.sweepCodes(appId);
      }
      return { deleted };
    },
    { everyMs: 60 * 60 * 1000 },
  );
}
