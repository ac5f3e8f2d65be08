import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AuditAction, AuditActorKind, AuditEvent, AuditFilter } from './audit.types.ts';

/** The audit log: appended to inside the unit of work of the change it records, read newest first. */
export class AuditRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  async append(event: AuditEvent): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('audit_events')
      .values({
        app_id: event.appId,
        id: event.id,
        occurred_at: event.occurredAt,
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        actor_address: event.actor.address,
        action: event.action,
        user_id: event.userId,
        details: JSON.stringify(event.details),
      })
      .execute();
  }

  /** Events of the app matching `filter`, newest first, before the event `beforeId` (keyset paging). */
  async list(
    appId: string,
    filter: AuditFilter,
    options: { beforeId?: string | undefined; limit: number },
  ): Promise<AuditEvent[]> {
    let query = this.#unitOfWork.db.selectFrom('audit_events').selectAll().where('app_id', '=', appId);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
    if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
    const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      appId: row.app_id,
      occurredAt: Number(row.occurred_at),
      actor: { kind: row.actor_kind as AuditActorKind, id: row.actor_id, address: row.actor_address },
      action: row.action as AuditAction,
      userId: row.user_id,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }
}
