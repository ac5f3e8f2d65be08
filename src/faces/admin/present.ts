import type { App } from '../../core/apps/apps.types.ts';
import type { TokenRecord, User } from '../../core/identity/identity.types.ts';
import type { Job } from '../../core/jobs/jobs.types.ts';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export function presentApp(app: App) {
  return { appId: app.id, name: app.name, settings: app.settings };
}

/** A user as the admin API shows it: every stored field but secrets, timestamps in ISO 8601. */
export function presentAdminUser(user: User) {
  return {
    id: user.id,
    internalId: user.internalId,
    loginName: user.loginName,
    emailAddress: user.emailAddress,
    emailVerified: user.emailVerified,
    phoneNumber: user.phoneNumber,
    phoneVerified: user.phoneVerified,
    displayName: user.displayName,
    country: user.country,
    locale: user.locale,
    customFields: user.customFields,
    hasPassword: user.hasPassword,
    disabled: user.disabled,
    createdAt: iso(user.createdAt),
    modifiedAt: iso(user.modifiedAt),
  };
}

export function presentExport(document: { exportedAt: number; user: User; tokens: TokenRecord[] }) {
  return {
    exportedAt: iso(document.exportedAt),
    user: presentAdminUser(document.user),
    tokens: document.tokens.map((t) => ({
      id: t.id,
      kind: t.kind,
      profileId: t.profileId,
      createdAt: iso(t.createdAt),
      expiresAt: iso(t.expiresAt),
    })),
  };
}

export function presentJob(job: Job) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    progress: job.progress,
    result: job.result,
    lastError: job.lastError,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: job.finishedAt === null ? null : iso(job.finishedAt),
  };
}
