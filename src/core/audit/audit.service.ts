import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { invalidInput } from '../errors.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import { isUuid } from '../text.ts';
import type { AuditRepository } from './audit.repository.ts';
import {
  type AuditAction,
  type AuditActorKind,
  type AuditEvent,
  type AuditFilter,
  auditActions,
} from './audit.types.ts';

/** Who did something when no principal did: the operator at the CLI, or Persona itself (a throttling lock). */
export type AuditActor = Principal | 'operator' | 'system';

/**
 * Who did what and when. `record` must run inside the unit of work of the change it records, so that the log holds
 * exactly the changes that were committed; it refuses to run outside one.
 */
export class AuditLog {
  readonly #unitOfWork: UnitOfWork;
  readonly #repository: AuditRepository;

  constructor(unitOfWork: UnitOfWork, repository: AuditRepository) {
    this.#unitOfWork = unitOfWork;
    this.#repository = repository;
  }

  async record(
    appId: string,
    actor: AuditActor,
    action: AuditAction,
    about: { userId?: string | null; details?: Record<string, unknown> } = {},
  ): Promise<void> {
    if (!this.#unitOfWork.inTransaction) throw new Error(`Audit event ${action} recorded outside a unit of work`);
    await this.#repository.append({
      id: uuidv7(),
      appId,
      occurredAt: Date.now(),
      actor: actorOf(actor),
      action,
      userId: about.userId ?? null,
      details: about.details ?? {},
    });
  }

  /** The app's log for its admin, newest first, keyset-paged, filtered by user, action and time. */
  async list(
    principal: Principal,
    filter: AuditFilter,
    options: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<AuditEvent>> {
    requireAdmin(principal);
    if (filter.action !== undefined && !auditActions.includes(filter.action)) {
      throw invalidInput('action', `must be one of ${auditActions.join(', ')}`);
    }
    if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
      throw invalidInput('to', 'must be later than from');
    }
    const beforeId = options.cursor === undefined ? undefined : decodeCursor(options.cursor, isUuid);
    const rows = await this.#repository.list(principal.appId, filter, { beforeId, limit: options.limit + 1 });
    return keysetPage(rows, options.limit, (event) => event.id);
  }
}

function actorOf(actor: AuditActor): AuditEvent['actor'] {
  if (actor === 'operator' || actor === 'system') return { kind: actor, id: null, address: null };
  const kind: AuditActorKind = actor.kind === 'anonymous' ? 'system' : actor.kind;
  const id = actor.kind === 'user' ? actor.userId : actor.kind === 'admin' ? actor.clientId : null;
  return { kind, id, address: actor.origin?.address ?? null };
}
