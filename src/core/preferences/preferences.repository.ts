import type { Selectable } from 'kysely';
import type { PreferenceOptionsTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { differsFromExcluded } from '../../db/upsert.ts';
import type { PreferenceCategory, PreferenceOption, PreferenceValue } from './preferences.types.ts';

const optionColumns = [
  'preference_options.id',
  'preference_options.category',
  'preference_options.label',
  'preference_options.attribute',
  'preference_options.position',
  'preference_options.created_at',
  'preference_options.modified_at',
] as const;

type OptionRow = Pick<Selectable<PreferenceOptionsTable>, 'id' | 'category' | 'label' | 'attribute' | 'position'> & {
  created_at: number | string;
  modified_at: number | string;
};

/** The preference catalogue of each app, and each user's values for its options. */
export class PreferencesRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /**
   * Every option of the given categories, each with the user's value (false when never set), in the catalogue's
   * order within a category (position, then label). The caller orders the categories.
   */
  async listOptionsWithValues(
    appId: string,
    userId: string,
    categories: readonly PreferenceCategory[],
  ): Promise<PreferenceValue[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('preference_options')
      .leftJoin('user_preferences', (join) =>
        join
          .onRef('user_preferences.app_id', '=', 'preference_options.app_id')
          .onRef('user_preferences.option_id', '=', 'preference_options.id')
          .on('user_preferences.user_id', '=', userId),
      )
      .select([...optionColumns, 'user_preferences.value'])
      .where('preference_options.app_id', '=', appId)
      .where('preference_options.category', 'in', categories)
      .orderBy('preference_options.category')
      .orderBy('preference_options.position')
      .orderBy('preference_options.label')
      .execute();
    return rows.map((row) => ({ option: toOption(row), value: Boolean(row.value) }));
  }

  /** The option, or undefined when the app has none with that id. */
  async findOption(appId: string, optionId: string): Promise<PreferenceOption | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('preference_options')
      .select(optionColumns)
      .where('app_id', '=', appId)
      .where('id', '=', optionId)
      .executeTakeFirst();
    return row && toOption(row);
  }

  /** The ids of the app's options with these category and label pairs, keyed by `category\u0000label`. */
  async findOptionIdsByLabel(
    appId: string,
    keys: readonly { category: string; label: string }[],
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (keys.length === 0) return found;
    const labels = [...new Set(keys.map((key) => key.label))];
    const rows = await this.#unitOfWork.db
      .selectFrom('preference_options')
      .select(['id', 'category', 'label'])
      .where('app_id', '=', appId)
      .where('label', 'in', labels)
      .execute();
    for (const row of rows) found.set(labelKey(row), row.id);
    return found;
  }

  /** Inserts the options, or updates those whose id the app already has. */
  async upsertOptions(appId: string, options: readonly PreferenceOption[]): Promise<void> {
    if (options.length === 0) return;
    await this.#unitOfWork.db
      .insertInto('preference_options')
      .values(
        options.map((option) => ({
          app_id: appId,
          id: option.id,
          category: option.category,
          label: option.label,
          attribute: option.attribute,
          position: option.position,
          created_at: option.createdAt,
          modified_at: option.modifiedAt,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'id'])
          .doUpdateSet((eb) => ({
            category: eb.ref('excluded.category'),
            label: eb.ref('excluded.label'),
            attribute: eb.ref('excluded.attribute'),
            position: eb.ref('excluded.position'),
            modified_at: eb.ref('excluded.modified_at'),
          }))
          .where(differsFromExcluded('preference_options', ['category', 'label', 'attribute', 'position'])),
      )
      .execute();
  }

  /** Up to `limit` options in id order, after `afterId` when given, of one category when given. */
  async listOptions(
    appId: string,
    options: { afterId?: string | undefined; category?: string | undefined; limit: number },
  ): Promise<PreferenceOption[]> {
    let select = this.#unitOfWork.db.selectFrom('preference_options').select(optionColumns).where('app_id', '=', appId);
    if (options.afterId !== undefined) select = select.where('id', '>', options.afterId);
    if (options.category !== undefined) select = select.where('category', '=', options.category);
    const rows = await select.orderBy('id').limit(options.limit).execute();
    return rows.map(toOption);
  }

  /** Deletes the option and every user's value for it; false when the app has no such option. */
  async deleteOption(appId: string, optionId: string): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .deleteFrom('preference_options')
      .where('app_id', '=', appId)
      .where('id', '=', optionId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Stores the user's value for an option, replacing the one it had. */
  async setValue(appId: string, userId: string, optionId: string, value: boolean, now: number): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('user_preferences')
      .values({ app_id: appId, user_id: userId, option_id: optionId, value, modified_at: now })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'user_id', 'option_id']).doUpdateSet({ value, modified_at: now }),
      )
      .execute();
  }

  /** Every value the user has set, for the export of everything stored about a user. */
  async listValuesOfUser(appId: string, userId: string): Promise<PreferenceValue[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('user_preferences')
      .innerJoin('preference_options', (join) =>
        join
          .onRef('preference_options.app_id', '=', 'user_preferences.app_id')
          .onRef('preference_options.id', '=', 'user_preferences.option_id'),
      )
      .select([...optionColumns, 'user_preferences.value'])
      .where('user_preferences.app_id', '=', appId)
      .where('user_preferences.user_id', '=', userId)
      .orderBy('preference_options.category')
      .orderBy('preference_options.id')
      .execute();
    return rows.map((row) => ({ option: toOption(row), value: Boolean(row.value) }));
  }
}

export function labelKey(option: { category: string; label: string }): string {
  return `${option.category}\u0000${option.label}`;
}

function toOption(row: OptionRow): PreferenceOption {
  return {
    id: row.id,
    category: row.category as PreferenceCategory,
    label: row.label,
    attribute: row.attribute,
    position: row.position,
    createdAt: Number(row.created_at),
    modifiedAt: Number(row.modified_at),
  };
}
