import { type Selectable, sql } from 'kysely';
import { violatedUniqueConstraint } from '../../db/errors.ts';
import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { ProfilesTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Profile } from './households.types.ts';

const profileColumns = [
  'id',
  'user_id',
  'is_default',
  'name',
  'child',
  'pin_prompt_required',
  'audio_language',
  'subtitle_language',
  'rating_thresholds',
  'icon_id',
  'additional_properties',
  'created_at',
  'modified_at',
] as const;

type ProfileRow = Pick<Selectable<ProfilesTable>, (typeof profileColumns)[number]>;

/**
 * The profile's columns for a read that joins `profiles as p` to another table (a token and the profile it is bound
 * to), each aliased `p_<column>`; `ProfilesRepository.offerJoined` keeps the profile they make. Null throughout when
 * the join found none.
 */
export const joinedProfileColumns = profileColumns.map((column) => sql.ref(`p.${column}`).as(`p_${column}`));

/** A profile as stored, minus what the repository fills in. */
export type NewProfile = Omit<Profile, 'createdAt' | 'modifiedAt'>;

/**
 * Household profiles. Every request with a token bound to a profile needs that profile's attributes (child, rating
 * thresholds), so profiles read by id go through a per-instance cache that every write here drops on every instance
 * (`profile.changed`).
 */
export class ProfilesRepository {
  readonly #unitOfWork: UnitOfWork;
  readonly #cache: RowCache<Profile & { appId: string }>;

  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings) {
    this.#unitOfWork = unitOfWork;
    this.#cache = new RowCache(
      {
        ...cache,
        sizeOf: (profile) => 600 + 2 * profile.name.length + 200 * profile.ratingThresholds.length,
        invalidatedBy: (event) =>
          event.type === 'profile.changed' ? { keys: [`${event.appId} ${event.profileId}`] } : undefined,
      },
      bus,
      unitOfWork,
    );
  }

  get cacheStats() {
    return this.#cache.stats;
  }

  /** A mark of the profile cache's state, taken before a read whose profile `offerJoined` may then keep. */
  cacheMark(): number {
    return this.#cache.mark();
  }

  /**
   * Keeps the profile of a row read through `joinedProfileColumns`, as `findProfile` would have kept it, unless an
   * event dropped anything from the cache since `mark` (the row may be older than that change). Nothing when the
   * join found no profile.
   */
  offerJoined(appId: string, row: Record<string, unknown>, mark: number): void {
    if (row.p_id === null || row.p_id === undefined) return;
    const columns: Record<string, unknown> = {};
    for (const column of profileColumns) columns[column] = row[`p_${column}`];
    const profile = toProfile(columns as ProfileRow);
    this.#cache.offer(`${appId} ${profile.id}`, { appId, ...profile }, mark);
  }

  /** The profile, if it is one of the user's (served from this instance's cache outside a unit of work). */
  async findProfile(appId: string, userId: string, profileId: string): Promise<Profile | undefined> {
    const profile = await this.#cache.read(`${appId} ${profileId}`, async () => {
      const row = await this.#unitOfWork.db
        .selectFrom('profiles')
        .select(profileColumns)
        .where('app_id', '=', appId)
        .where('id', '=', profileId)
        .executeTakeFirst();
      return row && { appId, ...toProfile(row) };
    });
    if (profile?.userId !== userId) return undefined;
    const { appId: _appId, ...rest } = profile;
    return rest;
  }

  /** The id of the account's default profile, or null when it has none. */
  async findDefaultProfileId(appId: string, userId: string): Promise<string | null> {
    const row = await this.#unitOfWork.db
      .selectFrom('profiles')
      .select('id')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('is_default', '=', true)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /**
   * Locks the account's profiles until the unit of work commits (on PostgreSQL, by the default profile's row; on
   * SQLite the unit holds the only connection), so that counting them and adding one cannot interleave with another
   * request doing the same. Returns how many there are.
   */
  async countProfilesLocked(appId: string, userId: string): Promise<number> {
    let locked = this.#unitOfWork.db
      .selectFrom('profiles')
      .select('id')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('is_default', '=', true);
    if (this.#unitOfWork.locksRows) locked = locked.forUpdate();
    await locked.execute();
    const row = await this.#unitOfWork.db
      .selectFrom('profiles')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** The account's profiles, the default first, then by creation. */
  async listProfiles(appId: string, userId: string, options: { offset: number; limit: number | undefined }) {
    let select = this.#unitOfWork.db
      .selectFrom('profiles')
      .select(profileColumns)
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('is_default', 'desc')
      .orderBy('created_at')
      .orderBy('id');
    if (options.limit !== undefined) select = select.limit(options.limit).offset(options.offset);
    const [rows, count] = await Promise.all([
      select.execute(),
      this.#unitOfWork.db
        .selectFrom('profiles')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('app_id', '=', appId)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toProfile), total: Number(count.count) };
  }

  /** Stores a new profile: `name-taken` when the account has a profile of that name (any case). */
  async insertProfile(appId: string, profile: NewProfile, now: number): Promise<'stored' | 'name-taken'> {
    try {
      await this.#unitOfWork.run(async () => {
        await this.#unitOfWork.db
          .insertInto('profiles')
          .values({ app_id: appId, ...toRow(profile), created_at: now, modified_at: now })
          .execute();
      });
      return 'stored';
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'profiles_name_unique') return 'name-taken';
      throw error;
    }
  }

  /** Replaces a profile's fields (not its account or default flag): `name-taken` as for an insert. */
  async updateProfile(appId: string, profile: NewProfile, now: number): Promise<'stored' | 'name-taken'> {
    try {
      await this.#unitOfWork.run(async () => {
        const { app_id: _a, id: _i, user_id: _u, is_default: _d, ...fields } = { app_id: appId, ...toRow(profile) };
        await this.#unitOfWork.db
          .updateTable('profiles')
          .set({ ...fields, modified_at: now })
          .where('app_id', '=', appId)
          .where('id', '=', profile.id)
          .where('user_id', '=', profile.userId)
          .execute();
        this.#unitOfWork.publish({ type: 'profile.changed', appId, userId: profile.userId, profileId: profile.id });
      });
      return 'stored';
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'profiles_name_unique') return 'name-taken';
      throw error;
    }
  }

  /** Deletes a profile that is not the default; false when there is no such profile. Call inside a unit of work. */
  async deleteProfile(appId: string, userId: string, profileId: string): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .deleteFrom('profiles')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('id', '=', profileId)
      .where('is_default', '=', false)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    this.#unitOfWork.publish({ type: 'profile.changed', appId, userId, profileId });
    return true;
  }

  /** Every profile of the account (the export of a user). */
  async profilesOf(appId: string, userId: string): Promise<Profile[]> {
    return (await this.listProfiles(appId, userId, { offset: 0, limit: undefined })).items;
  }
}

function toRow(profile: NewProfile) {
  return {
    id: profile.id,
    user_id: profile.userId,
    is_default: profile.isDefault,
    name: profile.name,
    name_key: profile.name.toLowerCase(),
    child: profile.child,
    pin_prompt_required: profile.pinPromptRequired,
    audio_language: profile.audioLanguage,
    subtitle_language: profile.subtitleLanguage,
    rating_thresholds: JSON.stringify(profile.ratingThresholds),
    icon_id: profile.iconId,
    additional_properties: JSON.stringify(profile.additionalProperties),
  };
}

function toProfile(row: ProfileRow): Profile {
  return {
    id: row.id,
    userId: row.user_id,
    isDefault: Boolean(row.is_default),
    name: row.name,
    child: Boolean(row.child),
    pinPromptRequired: Boolean(row.pin_prompt_required),
    audioLanguage: row.audio_language,
    subtitleLanguage: row.subtitle_language,
    ratingThresholds: JSON.parse(row.rating_thresholds),
    iconId: row.icon_id,
    additionalProperties: JSON.parse(row.additional_properties),
    createdAt: Number(row.created_at),
    modifiedAt: Number(row.modified_at),
  };
}
