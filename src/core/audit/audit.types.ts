/** Every action the audit log records; docs/faces/admin.md lists what each one's `details` hold. */
export const auditActions = [
  'app.settings_changed',
  'app.client_secret_rotated',
  'app.key_rotated',
  'admin.session_started',
  'admin.session_ended',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.deleted',
  'user.password_changed',
  'user.tokens_revoked',
  'user.pin_reset',
  'user.pin_unlocked',
  'user.password_reset_requested',
  'user.password_reset',
  'user.verification_sent',
  'user.address_verified',
  'user.code_rejected',
  'message.sent',
  'message.failed',
  'message_template.saved',
  'message_template.deleted',
  'credentials.locked',
  'credentials.unlocked',
  'catalogue.items_saved',
  'catalogue.item_deleted',
  'history.imported',
  'container.saved',
  'container.members_added',
  'notifications.sent',
  'job.retried',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** Who acted: the app's admin (its client id), a user (its id), the operator (the CLI) or Persona itself. */
export type AuditActorKind = 'admin' | 'user' | 'operator' | 'system';

export interface AuditEvent {
  id: string;
  appId: string;
  occurredAt: number;
  actor: { kind: AuditActorKind; id: string | null; address: string | null };
  action: AuditAction;
  /** The user the action was about, when it was about one. */
  userId: string | null;
  /** What was done, never a secret: field names rather than values, counts, ids of catalogue items. */
  details: Record<string, unknown>;
}

export interface AuditFilter {
  userId?: string | undefined;
  action?: AuditAction | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
}
