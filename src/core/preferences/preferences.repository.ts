import type { Selectable } from 'kysely';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { PreferenceOptionsTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import { differsFromExcluded } from '../../db/upsert.ts';
import type { EventBus } from '../../events/bus.ts';
import {
  type PreferenceCategory,
  type PreferenceOption,
  type PreferenceValue,
  preferenceCategories,
} from './preferences.types.ts';

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

const categoryRank = new Map<string, number>(preferenceCategories.map((category, rank) => [category, rank]));

/**
 * The preference catalogue of each app, and each user's values for its options. A user's preferences are read on
 * every visit to a profile page and the catalogue changes rarely: it is cached whole per app on every instance, and
 * every write of it here drops it everywhere (`catalogue.changed`). The user's own values are read each time.
 */
export class PreferencesRepository {
  readonly #unitOfWork: UnitOfWork;
  readonly #catalogues: RowCache<PreferenceOption[]>;
  readonly #selectValuesOfUser: PreparedQuery<{ option_id: string; value: boolean | number }, Record<string, string>>;

  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings) {
    this.#unitOfWork = unitOfWork;
    this.#catalogues = new RowCache<PreferenceOption[]>(
      {
        ...cache,
        // About 250 bytes an option (object, strings, array slot) beside the list itself.
        sizeOf: (options) => 200 + options.reduce((sum, option) => sum + 250 + 2 * option.label.length, 0),
        invalidatedBy: (event) =>
          event.type === 'catalogue.changed' && event.catalogue === 'preference_options'
            ? { keys: [event.appId] }
            : undefined,
      },
      bus,
      unitOfWork,
    );
    this.#selectValuesOfUser = new PreparedQuery(
      unitOfWork.db
        .selectFrom('user_preferences')
        .select(['option_id', 'value'])
        .where('app_id', '=', parameter('appId'))
        .where('user_id', '=', parameter('userId')),
    );
  }

  get cacheStats() {
    return this.#catalogues.stats;
  }

  /**
   * Every option of the app, ordered by category (in the KIP documentation's order), then position, then label.
   * Served from this instance's cache outside a unit of work.
   */
  async catalogue(appId: string): Promise<PreferenceOption[]> {
    const options = await this.#catalogues.read(appId, async () => {
      const rows = await this.#unitOfWork.db
        .selectFrom('preference_options')
        .select(optionColumns)
        .where('app_id', '=', appId)
        .execute();
      return rows
        .map(toOption)
        .sort(
          (a, b) =>
            (categoryRank.get(a.category) ?? 0) - (categoryRank.get(b.category) ?? 0) ||
            a.position - b.position ||
            (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
        );
    });
    return options ?? [];
  }

  /** The values the user has set: option id → value (options never set are absent). */
  async valuesOfUser(appId: string, userId: string): Promise<Map<string, boolean>> {
    const rows = await this.#selectValuesOfUser.execute(this.#unitOfWork.db, { appId, userId });
    return new Map(rows.map((row) => [row.option_id, Boolean(row.value)]));
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

  /** Inserts the options, or updates those whose id the app already has (an unchanged option is left as it is). */
  async upsertOptions(appId: string, options: readonly PreferenceOption[]): Promise<void> {
    if (options.length === 0) return;
    await this.#unitOfWork.run(async () => {
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
      this.#unitOfWork.publish({ type: 'catalogue.changed', appId, catalogue: 'preference_options' });
    });
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
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom('preference_options')
        .where('app_id', '=', appId)
        .where('id', '=', optionId)
        .executeTakeFirst();
      const deleted = result.numDeletedRows > 0n;
      if (deleted) this.#unitOfWork.publish({ type: 'catalogue.changed', appId, catalogue: 'preference_options' });
      return deleted;
    });
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
