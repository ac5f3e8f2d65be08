import { type DeleteOutcome, deleteUnlessReferenced } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { differsFromExcluded } from '../../db/upsert.ts';
import type { Icon } from './households.types.ts';

/** The profile icons of each app. */
export class IconsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** Inserts the icons or updates those the app has (an unchanged icon is left as it is). */
  async upsertIcons(appId: string, icons: readonly Omit<Icon, 'modifiedAt'>[], now: number): Promise<void> {
    if (icons.length === 0) return;
    await this.#unitOfWork.db
      .insertInto('icons')
      .values(
        icons.map((icon) => ({
          app_id: appId,
          id: icon.id,
          uri: icon.uri,
          aspect: icon.aspect,
          image_id: icon.imageId,
          created_at: now,
          modified_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'id'])
          .doUpdateSet((eb) => ({
            uri: eb.ref('excluded.uri'),
            aspect: eb.ref('excluded.aspect'),
            image_id: eb.ref('excluded.image_id'),
            modified_at: eb.ref('excluded.modified_at'),
          }))
          .where(differsFromExcluded('icons', ['uri', 'aspect', 'image_id'])),
      )
      .execute();
  }

  /** Whether the app has the icon. */
  async exists(appId: string, iconId: string): Promise<boolean> {
    const row = await this.#unitOfWork.db
      .selectFrom('icons')
      .select('id')
      .where('app_id', '=', appId)
      .where('id', '=', iconId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Up to `limit` icons in id order, after `afterId` when given. */
  async listIcons(appId: string, options: { afterId?: string | undefined; limit: number }): Promise<Icon[]> {
    let select = this.#unitOfWork.db
      .selectFrom('icons')
      .select(['id', 'uri', 'aspect', 'image_id', 'modified_at'])
      .where('app_id', '=', appId);
    if (options.afterId !== undefined) select = select.where('id', '>', options.afterId);
    const rows = await select.orderBy('id').limit(options.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      uri: row.uri,
      aspect: row.aspect,
      imageId: row.image_id,
      modifiedAt: Number(row.modified_at),
    }));
  }

  /** Deletes an icon: `in-use` when something refers to it (nothing is deleted then). */
  async deleteIcon(appId: string, iconId: string): Promise<DeleteOutcome> {
    return deleteUnlessReferenced(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom('icons')
        .where('app_id', '=', appId)
        .where('id', '=', iconId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }
}
