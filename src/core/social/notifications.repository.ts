import { sql } from 'kysely';
import type { NotificationsTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { NewNotification, Notification } from './social.types.ts';

const columns = [
  'id',
  'user_id',
  'container_id',
  'seq',
  'type',
  'title',
  'body',
  'data',
  'created_at',
  'read_at',
] as const;

type Row = Pick<NotificationsTable, (typeof columns)[number]>;

/** A container's list: its own notifications and the app-wide ones. */
export type ContainerFilter = { containerId: string } | 'all';

/**
 * Users' notifications, and each app's notification clock. Every writer of notifications calls `tick` first in its
 * unit of work: the clock row stays locked until the commit (PostgreSQL; on SQLite the unit holds the only
 * connection), so clock values follow commit order and a reader that saw value `s` has seen everything below it.
 */
export class NotificationsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** Advances the app's clock inside the caller's unit of work and returns the new value. */
  async tick(appId: string): Promise<number> {
    if (!this.#unitOfWork.inTransaction) throw new Error('the notification clock advances inside a unit of work');
    const row = await this.#unitOfWork.db
      .insertInto('notification_clocks')
      .values({ app_id: appId, value: 1 })
      .onConflict((conflict) =>
        conflict.column('app_id').doUpdateSet({ value: sql<number>`notification_clocks.value + 1` }),
      )
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  /** The app's clock as committed (0 before its first notification). */
  async clock(appId: string): Promise<number> {
    const row = await this.#unitOfWork.db
      .selectFrom('notification_clocks')
      .select('value')
      .where('app_id', '=', appId)
      .executeTakeFirst();
    return row ? Number(row.value) : 0;
  }

  /** Stores notifications with clock value `seq` (at most 1,000 a call: one statement). */
  async insertNotifications(appId: string, seq: number, notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    if (notifications.length > 1000) throw new Error('insertNotifications takes at most 1,000 a call');
    await this.#unitOfWork.db
      .insertInto('notifications')
      .values(
        notifications.map((n) => ({
          app_id: appId,
          id: n.id,
          user_id: n.userId,
          container_id: n.containerId,
          seq,
          type: n.type,
          title: n.title,
          body: n.body,
          data: JSON.stringify(n.data),
          created_at: n.createdAt,
          read_at: null,
        })),
      )
      .execute();
  }

  /** A page of the user's notifications in the container (and app-wide ones), newest first. */
  async list(
    appId: string,
    userId: string,
    filter: ContainerFilter,
    options: { offset: number; limit: number },
  ): Promise<Notification[]> {
    const rows = await this.#ofUser(appId, userId, filter)
      .select(columns)
      .orderBy('seq', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(toNotification);
  }

  /** How many notifications the user has in the container (and app-wide), and how many of them are unread. */
  async count(appId: string, userId: string, filter: ContainerFilter): Promise<{ total: number; unread: number }> {
    const row = await this.#ofUser(appId, userId, filter)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('total'),
        eb.fn.count<number | string>('id').filterWhere('read_at', 'is', null).as('unread'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), unread: Number(row.unread) };
  }

  /**
   * Marks the user's unread notifications read: those of `ids` (others ignored), in the container when one is named
   * (with the app-wide ones), else all. Returns how many it marked.
   */
  async markRead(
    appId: string,
    userId: string,
    options: { ids?: readonly string[] | undefined; filter: ContainerFilter },
    now: number,
  ): Promise<number> {
    let update = this.#unitOfWork.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (options.ids !== undefined) update = update.where('id', 'in', options.ids);
    if (options.filter !== 'all') {
      const { containerId } = options.filter;
      update = update.where((eb) => eb.or([eb('container_id', '=', containerId), eb('container_id', 'is', null)]));
    }
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * The notifications of `userIds` after the position `(seq, id)`, in that order (at most `limit`): what live streams
   * have not delivered yet. A position's id may be `~`, past every id: all of its clock value was delivered.
   */
  async since(
    appId: string,
    userIds: readonly string[],
    after: { seq: number; id: string },
    limit: number,
  ): Promise<Notification[]> {
    if (userIds.length === 0) return [];
    const rows = await this.#unitOfWork.db
      .selectFrom('notifications')
      .select(columns)
      .where('app_id', '=', appId)
      .where('user_id', 'in', userIds)
      .where((eb) => eb.or([eb('seq', '>', after.seq), eb.and([eb('seq', '=', after.seq), eb('id', '>', after.id)])]))
      .orderBy('seq')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toNotification);
  }

  #ofUser(appId: string, userId: string, filter: ContainerFilter) {
    let select = this.#unitOfWork.db
      .selectFrom('notifications')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId);
    if (filter !== 'all') {
      const { containerId } = filter;
      select = select.where((eb) => eb.or([eb('container_id', '=', containerId), eb('container_id', 'is', null)]));
    }
    return select;
  }
}

function toNotification(row: Row): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    containerId: row.container_id,
    seq: Number(row.seq),
    type: row.type,
    title: row.title,
    body: row.body,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
  };
}
