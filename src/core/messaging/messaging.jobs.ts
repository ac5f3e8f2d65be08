import type { AppsService } from '../apps/apps.service.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { deliverMessageJob, type MessagingService } from './messaging.service.ts';

export const pruneMessagesJob = 'messaging.prune';

/** Messaging's background work: each message's delivery, and hourly the pruning of old messages of every app. */
export function registerMessagingJobs(jobs: JobsService, messaging: MessagingService, apps: AppsService): void {
  jobs.register(deliverMessageJob, (job) => messaging.deliver(job));
  jobs.register(
    pruneMessagesJob,
    async (_job, { signal }) => {
      let deleted = 0;
      for (const appId of await apps.listAppIds()) {
        signal.throwIfAborted();
        deleted += await messaging.pruneMessages(appId);
      }
      return { deleted };
    },
    { everyMs: 60 * 60 * 1000 },
  );
}
