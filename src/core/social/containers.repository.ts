import { violatedUniqueConstraint } from '../../db/errors.ts';
import type { ContainersTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Container } from './social.types.ts';

const containerColumns = ['id', 'slug', 'name', 'created_at', 'modified_at'] as const;

/** True when a failed write found its slug taken by another container of the app. */
export function isSlugTaken(error: unknown): boolean {
  return violatedUniqueConstraint(error) === 'containers_app_slug';
}

/** The app's containers and their members. */
export class ContainersRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** The container with this id or, when none has it, this slug (slugs are compared in lower case). */
  async findContainer(appId: string, idOrSlug: string): Promise<Container | undefined> {
    const rows = await this.#unitOfWork.db
      .selectFrom('containers')
      .select(containerColumns)
      .where('app_id', '=', appId)
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug.toLowerCase())]))
      .limit(2)
      .execute();
    const row = rows.find((r) => r.id === idOrSlug) ?? rows[0];
    return row && toContainer(row);
  }

  async findById(appId: string, id: string): Promise<Container | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('containers')
      .select(containerColumns)
      .where('app_id', '=', appId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toContainer(row);
  }

  async findBySlug(appId: string, slug: string): Promise<Container | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('containers')
      .select(containerColumns)
      .where('app_id', '=', appId)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row && toContainer(row);
  }

  async insertContainer(appId: string, container: Container): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('containers')
      .values({
        app_id: appId,
        id: container.id,
        slug: container.slug,
        name: container.name,
        created_at: container.createdAt,
        modified_at: container.modifiedAt,
      })
      .execute();
  }

  async updateContainer(appId: string, id: string, change: { slug: string; name: string; modifiedAt: number }) {
    await this.#unitOfWork.db
      .updateTable('containers')
      .set({ slug: change.slug, name: change.name, modified_at: change.modifiedAt })
      .where('app_id', '=', appId)
      .where('id', '=', id)
      .execute();
  }

  /** Up to `limit` containers in id order, after `afterId` when given. */
  async listContainers(appId: string, options: { afterId?: string | undefined; limit: number }): Promise<Container[]> {
    let select = this.#unitOfWork.db.selectFrom('containers').select(containerColumns).where('app_id', '=', appId);
    if (options.afterId !== undefined) select = select.where('id', '>', options.afterId);
    const rows = await select.orderBy('id').limit(options.limit).execute();
    return rows.map(toContainer);
  }

  /**
   * Makes the users members (those who are already stay as they were, their joining time too); returns the ids of
   * those who became members. At most 1,000 a call (one statement).
   */
  async addMembers(appId: string, containerId: string, userIds: readonly string[], now: number): Promise<string[]> {
    if (userIds.length === 0) return [];
    if (userIds.length > 1000) throw new Error('addMembers takes at most 1,000 users a call');
    const added = await this.#unitOfWork.db
      .insertInto('container_members')
      .values(userIds.map((userId) => ({ app_id: appId, container_id: containerId, user_id: userId, joined_at: now })))
      .onConflict((conflict) => conflict.columns(['app_id', 'container_id', 'user_id']).doNothing())
      .returning('user_id')
      .execute();
    return added.map((row) => row.user_id);
  }

  /** When the user joined the container, or undefined when it is not a member. */
  async joinedAt(appId: string, containerId: string, userId: string): Promise<number | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('container_members')
      .select('joined_at')
      .where('app_id', '=', appId)
      .where('container_id', '=', containerId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.joined_at;
  }

  /** The containers the user is a member of, in the order joined. */
  async membershipsOf(appId: string, userId: string): Promise<{ containerId: string; joinedAt: number }[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('container_members')
      .select(['container_id', 'joined_at'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('joined_at')
      .orderBy('container_id')
      .execute();
    return rows.map((row) => ({ containerId: row.container_id, joinedAt: Number(row.joined_at) }));
  }

  /** Up to `limit` members' ids in id order, after `afterUserId` when given (a fan-out walks a container with it). */
  async listMemberIds(
    appId: string,
    containerId: string,
    options: { afterUserId?: string | undefined; limit: number },
  ): Promise<string[]> {
    let select = this.#unitOfWork.db
      .selectFrom('container_members')
      .select('user_id')
      .where('app_id', '=', appId)
      .where('container_id', '=', containerId);
    if (options.afterUserId !== undefined) select = select.where('user_id', '>', options.afterUserId);
    const rows = await select.orderBy('user_id').limit(options.limit).execute();
    return rows.map((row) => row.user_id);
  }
}

function toContainer(row: Pick<ContainersTable, (typeof containerColumns)[number]>): Container {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    createdAt: Number(row.created_at),
    modifiedAt: Number(row.modified_at),
  };
}
