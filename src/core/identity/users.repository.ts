import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { violatedUniqueConstraint } from '../../db/errors.ts';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { Database, UsersTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Identifier, NewUser, SessionCredentials, User, UserPatch } from './identity.types.ts';

/** Everything of a user row but the password hash, which is read only on the auth path. */
const userColumns = [
  'id',
  'app_id',
  'internal_id',
  'login_name',
  'email_address',
  'email_verified',
  'phone_number',
  'phone_verified',
  'display_name',
  'country',
  'locale',
  'custom_fields',
  'disabled',
  'handle',
  'biography',
  'date_of_birth',
  'avatar_url',
  'first_log_in_at',
  'created_at',
  'modified_at',
] as const;

type UserRow = Pick<UsersTable, Exclude<(typeof userColumns)[number], 'internal_id'>> & {
  internal_id: number;
  has_password: number | boolean;
};

const hasPassword = (eb: ExpressionBuilder<Database, 'users'>) =>
  eb.case().when('password_hash', 'is not', null).then(1).else(0).end().as('has_password');

/**
 * The columns of a user row for a query that joins `users as u` (the token look-up reads its user with it), each named
 * `u_<column>`; `userOfJoined` turns them back into a user. Null columns throughout when the join found no user.
 */
export const joinedUserColumns = [
  ...userColumns.map((column) => sql.ref(`u.${column}`).as(`u_${column}`)),
  sql<number>`case when u.password_hash is not null then 1 else 0 end`.as('u_has_password'),
];

/** A user read through `joinedUserColumns`, or undefined when the join found none. */
export function userOfJoined(row: Record<string, unknown>): User | undefined {
  if (row.u_id === null || row.u_id === undefined) return undefined;
  const user: Record<string, unknown> = { has_password: row.u_has_password };
  for (const column of userColumns) user[column] = row[`u_${column}`];
  return toUser(user as UserRow);
}

/** The unique indexes of identifiers, by the field they keep unique. */
const identifierConstraints: Record<string, Identifier['field']> = {
  users_app_login_name: 'loginName',
  users_app_email: 'emailAddress',
  users_app_phone: 'phoneNumber',
};

/** Which identifier a failed write found taken, matched by constraint name; undefined for any other error. */
export function identifierTakenBy(error: unknown): Identifier['field'] | undefined {
  const constraint = violatedUniqueConstraint(error);
  return constraint === undefined ? undefined : identifierConstraints[constraint];
}

/** True when a failed write found its handle taken (by another account of the app, in any case). */
export function isHandleTaken(error: unknown): boolean {
  return violatedUniqueConstraint(error) === 'users_app_handle';
}

/**
 * The users table, scoped by app in every method. Reads by id go through a per-instance cache of rows that every
 * write here invalidates on every instance (the write publishes `user.changed` in its unit of work).
 */
export class UsersRepository {
  readonly #unitOfWork: UnitOfWork;
  readonly #cache: RowCache<User>;
  readonly #findUser;
  /** Prepared updates by the set of columns they write: guarded by the modification time read, or not. */
  readonly #guardedUpdates = new Map<string, PreparedQuery<{ modified_at: number }, Record<string, unknown>>>();
  readonly #blindUpdates = new Map<string, PreparedQuery<{ modified_at: number }, Record<string, unknown>>>();

  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings) {
    this.#unitOfWork = unitOfWork;
    this.#cache = new RowCache<User>(
      {
        ...cache,
        // Measured: a user with a few short custom fields takes about 650 bytes of heap; the parsed custom fields
        // grow it by up to four bytes per byte of their JSON, a biography by two per character.
        sizeOf: (user) => 640 + 4 * JSON.stringify(user.customFields).length + 2 * (user.biography?.length ?? 0),
        invalidatedBy: (event) =>
          event.type === 'user.changed' ? { keys: [userKey(event.appId, event.userId)] } : undefined,
      },
      bus,
      unitOfWork,
    );
    this.#findUser = new PreparedQuery(
      this.#selectUsers().where('app_id', '=', parameter('appId')).where('id', '=', parameter('userId')),
    );
  }

  get cacheStats() {
    return this.#cache.stats;
  }

  /** A mark of the user cache's state, taken before a read whose user `offerUser` may then keep. */
  cacheMark(): number {
    return this.#cache.mark();
  }

  /**
   * Keeps a user read along with another row (a token and its user in one statement), as `findUser` would have kept
   * it, unless an event dropped anything from the cache since `mark` (the row may be older than that change).
   */
  offerUser(user: User, mark: number): void {
    this.#cache.offer(userKey(user.appId, user.id), user, mark);
  }

  /**
   * The user, or undefined when the app has no such user. Served from this instance's cache unless `fresh` is asked
   * or the caller is inside a unit of work.
   */
  async findUser(appId: string, userId: string, options: { fresh?: boolean } = {}): Promise<User | undefined> {
    const load = async () => {
      const [row] = await this.#findUser.execute(this.#unitOfWork.db, { appId, userId });
      return row && toUser(row);
    };
    return options.fresh ? load() : this.#cache.read(userKey(appId, userId), load);
  }

  /**
   * The user, read inside the caller's unit of work and kept from other writers until it commits (locked on
   * PostgreSQL; on SQLite the unit holds the only connection). Undefined when the app has no such user.
   */
  async findUserForUpdate(appId: string, userId: string): Promise<User | undefined> {
    if (!this.#unitOfWork.inTransaction) throw new Error('findUserForUpdate needs a unit of work');
    let select = this.#selectUsers().where('app_id', '=', appId).where('id', '=', userId);
    if (this.#unitOfWork.locksRows) select = select.forUpdate();
    const row = await select.executeTakeFirst();
    return row && toUser(row);
  }

  /** The user whose handle this is, whatever its case; undefined when no user of the app has it. */
  async findUserByHandle(appId: string, handle: string): Promise<User | undefined> {
    const row = await this.#selectUsers()
      .where('app_id', '=', appId)
      .where('handle_key', '=', handle.toLowerCase())
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** The user with this internal id, if it is a user of the app. */
  async findUserByInternalId(appId: string, internalId: number): Promise<User | undefined> {
    const row = await this.#selectUsers()
      .where('app_id', '=', appId)
      .where('internal_id', '=', internalId)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findUserByIdentifier(appId: string, identifier: Identifier): Promise<User | undefined> {
    const row = await this.#selectUsers()
      .where('app_id', '=', appId)
      .where(identifierMatches(identifier))
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** Auth path only: the user and its password hash. */
  async findCredentials(
    appId: string,
    identifier: Identifier,
  ): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const row = await this.#selectUsers()
      .select('password_hash')
      .where('app_id', '=', appId)
      .where(identifierMatches(identifier))
      .executeTakeFirst();
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  /**
   * Auth path only: what a session is issued against — whether the user is disabled, its password hash and its
   * credentials version — read inside the caller's unit of work and kept from other writers until it commits (locked
   * on PostgreSQL; on SQLite the unit holds the only connection). Undefined when the app has no such user.
   */
  async lockCredentials(appId: string, userId: string): Promise<SessionCredentials | undefined> {
    if (!this.#unitOfWork.inTransaction) throw new Error('lockCredentials needs a unit of work');
    let select = this.#unitOfWork.db
      .selectFrom('users')
      .select(['disabled', 'password_hash', 'credentials_version'])
      .where('app_id', '=', appId)
      .where('id', '=', userId);
    if (this.#unitOfWork.locksRows) select = select.forUpdate();
    const row = await select.executeTakeFirst();
    return (
      row && {
        disabled: Boolean(row.disabled),
        passwordHash: row.password_hash,
        credentialsVersion: row.credentials_version,
      }
    );
  }

  /**
   * Sets a new password hash and advances the credentials version, so that sessions begun under the old password can
   * no longer be refreshed; returns whether there was such a user.
   */
  async changePassword(appId: string, userId: string, passwordHash: string): Promise<boolean> {
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .updateTable('users')
        .set((eb) => ({
          password_hash: passwordHash,
          credentials_version: eb('credentials_version', '+', 1),
          modified_at: nextModifiedAt(Date.now()),
        }))
        .where('app_id', '=', appId)
        .where('id', '=', userId)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      this.#unitOfWork.publish({ type: 'user.changed', appId, userId });
      return true;
    });
  }

  /** Auth path only: the password hash of a user, null when it has none, undefined when there is no such user. */
  async findPasswordHash(appId: string, userId: string): Promise<string | null | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('users')
      .select('password_hash')
      .where('app_id', '=', appId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.password_hash;
  }

  /**
   * Users of the app in id order (time-ordered UUIDs, so creation order), after `afterId`, optionally those whose
   * login name, email, phone or display name starts with `query` (case-insensitive). Keyset-paged: stable under writes.
   *
   * Each searched column has an index that a prefix is a range of (migration 0010), so a search that few users match
   * reads only them. One that many match is better served by walking the app's users in id order until a page is
   * found. PostgreSQL chooses between the two from its statistics. SQLite has none to choose by (it guesses that an
   * app has a handful of users, and walks them), so there the matches are counted first, up to `searchGatheredAtMost`,
   * through the indexes: below it they are gathered and sorted, past it the users are walked.
   */
  async listUsers(
    appId: string,
    options: { query?: string | undefined; afterId?: string | undefined; limit: number },
  ): Promise<User[]> {
    let select = this.#selectUsers().where('app_id', '=', appId);
    if (options.afterId) select = select.where('id', '>', options.afterId);
    if (options.query) {
      const prefix = `${options.query.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      const matches = sql<SqlBool>`(${sql.join(
        searchedColumns.map((column) => startsWith(column, prefix)),
        sql` or `,
      )})`;
      if (this.#unitOfWork.plansFromStatistics) select = select.where(matches);
      else {
        const ids = await this.#gatherSearch(appId, prefix, options.afterId, options.limit);
        if (ids === undefined) {
          // `is true` keeps the condition out of the indexes' reach: the users are walked in id order.
          select = select.where(sql<SqlBool>`${matches} is true`);
        } else if (ids.length === 0) return [];
        else select = this.#selectUsers().where('app_id', '=', appId).where('id', 'in', ids);
      }
    }
    const rows = await select.orderBy('id').limit(options.limit).execute();
    return rows.map(toUser);
  }

  /**
   * For a planner without statistics: the first `limit` ids after `afterId` of the users a search matches, each
   * column read through its own index alone; undefined when more than `searchGatheredAtMost` match (walk instead).
   */
  async #gatherSearch(
    appId: string,
    prefix: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<string[] | undefined> {
    const { db } = this.#unitOfWork;
    const [first, ...others] = searchedColumns.map((column) => {
      let matching = db.selectFrom('users').select('id').where('app_id', '=', appId).where(startsWith(column, prefix));
      if (afterId) matching = matching.where('id', '>', afterId);
      return matching;
    });
    if (!first) return [];
    // A user matching in two columns counts twice: a bound on work, not a count of users.
    const counted = others.reduce((union, next) => union.unionAll(next), first).limit(searchGatheredAtMost + 1);
    const { count } = await db
      .selectFrom(counted.as('matches'))
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(count) > searchGatheredAtMost) return undefined;
    const matching = others.reduce((union, next) => union.union(next), first);
    const rows = await db.selectFrom(matching.as('matches')).select('id').orderBy('id').limit(limit).execute();
    return rows.map((row) => row.id);
  }

  /** Which of `ids` are users of the app (a bulk import checks every user it names at once). */
  async existingUserIds(appId: string, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += 500) {
      const rows = await this.#unitOfWork.db
        .selectFrom('users')
        .select('id')
        .where('app_id', '=', appId)
        .where('id', 'in', unique.slice(start, start + 500))
        .execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  /** Stores a new user; returns it as stored (with the internal id the database gave it). */
  async insertUser(user: NewUser): Promise<User> {
    const row = await this.#unitOfWork.db
      .insertInto('users')
      .values({
        id: user.id,
        app_id: user.appId,
        login_name: user.loginName,
        login_name_key: identifierKey(user.loginName),
        email_address: user.emailAddress,
        email_key: identifierKey(user.emailAddress),
        email_verified: false,
        phone_number: user.phoneNumber,
        phone_verified: false,
        display_name: user.displayName,
        display_name_key: identifierKey(user.displayName),
        country: user.country,
        locale: user.locale,
        custom_fields: JSON.stringify(user.customFields),
        password_hash: user.passwordHash,
        disabled: false,
        created_at: user.createdAt,
        modified_at: user.createdAt,
      })
      .returning(userColumns)
      .returning(hasPassword)
      .executeTakeFirstOrThrow();
    return toUser(row);
  }

  /**
   * Applies the patch and advances `modifiedAt` (strictly: a later write never carries an earlier or equal time).
   * With `ifModifiedAt`, only when the row still has that modification time: the optimistic guard that makes a lost
   * update impossible. Returns the new modification time, or undefined when no row was changed (no such user, or the
   * guard failed). The statement is compiled once per set of columns (a handful in practice).
   */
  async updateUser(
    appId: string,
    userId: string,
    patch: UserPatch,
    options: { ifModifiedAt?: number } = {},
  ): Promise<number | undefined> {
    const values = columnsOf(patch);
    const columns = Object.keys(values).sort();
    const now = Date.now();
    // One statement, its event published only when it wrote the row: see `UnitOfWork.writeWithEvents`.
    const update =
      options.ifModifiedAt === undefined
        ? this.#blindUpdate(columns).bind({ ...values, now, appId, userId })
        : this.#guardedUpdate(columns).bind({
            ...values,
            next: Math.max(now, options.ifModifiedAt + 1),
            appId,
            userId,
            ifModifiedAt: options.ifModifiedAt,
          });
    const [row] = await this.#unitOfWork.writeWithEvents(update, [{ type: 'user.changed', appId, userId }]);
    return row === undefined ? undefined : Number(row.modified_at);
  }

  #updateOf(columns: string[]) {
    const set = Object.fromEntries(columns.map((column) => [column, parameter(column)]));
    return this.#unitOfWork.db
      .updateTable('users')
      .set(set)
      .where('app_id', '=', parameter('appId'))
      .where('id', '=', parameter('userId'));
  }

  #guardedUpdate(columns: string[]) {
    const shape = columns.join(',');
    let update = this.#guardedUpdates.get(shape);
    if (!update) {
      update = new PreparedQuery(
        this.#updateOf(columns)
          .set({ modified_at: parameter<number>('next') })
          .where('modified_at', '=', parameter<number>('ifModifiedAt'))
          .returning('modified_at'),
      );
      this.#guardedUpdates.set(shape, update);
    }
    return update;
  }

  #blindUpdate(columns: string[]) {
    const shape = columns.join(',');
    let update = this.#blindUpdates.get(shape);
    if (!update) {
      update = new PreparedQuery(
        this.#updateOf(columns)
          .set({ modified_at: nextModifiedAt(parameter<number>('now')) })
          .returning('modified_at'),
      );
      this.#blindUpdates.set(shape, update);
    }
    return update;
  }

  /**
   * Notes the user's first log-in, unless one was noted already; returns whether this call noted it (of log-ins
   * racing, exactly one). Not a change of the user's data: its modification time stays.
   */
  async markFirstLogIn(appId: string, userId: string, now: number): Promise<boolean> {
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .updateTable('users')
        .set({ first_log_in_at: now })
        .where('app_id', '=', appId)
        .where('id', '=', userId)
        .where('first_log_in_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      this.#unitOfWork.publish({ type: 'user.changed', appId, userId });
      return true;
    });
  }

  /** Deletes the user (and by cascade every row that points at it); returns whether there was one. */
  async deleteUser(appId: string, userId: string): Promise<boolean> {
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom('users')
        .where('app_id', '=', appId)
        .where('id', '=', userId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;
      this.#unitOfWork.publish({ type: 'user.changed', appId, userId });
      this.#unitOfWork.publish({ type: 'tokens.ended', appId, userId });
      return true;
    });
  }

  #selectUsers() {
    return this.#unitOfWork.db.selectFrom('users').select(userColumns).select(hasPassword);
  }

  /** How many users of the app were created on each UTC day from `since` (epoch ms), by day number (ms / 86,400,000). */
  async signUpsPerDay(appId: string, since: number): Promise<Map<number, number>> {
    const day = sql<number>`created_at / 86400000`;
    const rows = await this.#unitOfWork.db
      .selectFrom('users')
      .select([day.as('day'), (eb) => eb.fn.countAll<number>().as('count')])
      .where('app_id', '=', appId)
      .where('created_at', '>=', since)
      .groupBy(day)
      .execute();
    return new Map(rows.map((row) => [Number(row.day), Number(row.count)]));
  }
}

export function userKey(appId: string, userId: string): string {
  return `${appId}/${userId}`;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    appId: row.app_id,
    internalId: row.internal_id,
    loginName: row.login_name,
    emailAddress: row.email_address,
    emailVerified: Boolean(row.email_verified),
    phoneNumber: row.phone_number,
    phoneVerified: Boolean(row.phone_verified),
    displayName: row.display_name,
    country: row.country,
    locale: row.locale,
    customFields: JSON.parse(row.custom_fields) as Record<string, unknown>,
    hasPassword: Boolean(row.has_password),
    disabled: Boolean(row.disabled),
    handle: row.handle,
    biography: row.biography,
    dateOfBirth: row.date_of_birth,
    avatarUrl: row.avatar_url,
    firstLogInAt: row.first_log_in_at,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

/** The columns a patch writes, with the derived look-up keys. */
function columnsOf(patch: UserPatch): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const put = (column: keyof UsersTable, value: unknown) => {
    if (value !== undefined) values[column] = value;
  };
  put('login_name', patch.loginName);
  if (patch.loginName !== undefined) put('login_name_key', identifierKey(patch.loginName));
  put('email_address', patch.emailAddress);
  if (patch.emailAddress !== undefined) put('email_key', identifierKey(patch.emailAddress));
  put('email_verified', patch.emailVerified);
  put('phone_number', patch.phoneNumber);
  put('phone_verified', patch.phoneVerified);
  put('display_name', patch.displayName);
  if (patch.displayName !== undefined) put('display_name_key', identifierKey(patch.displayName));
  put('country', patch.country);
  put('locale', patch.locale);
  if (patch.customFields !== undefined) put('custom_fields', JSON.stringify(patch.customFields));
  put('password_hash', patch.passwordHash);
  put('disabled', patch.disabled);
  put('handle', patch.handle);
  if (patch.handle !== undefined) put('handle_key', identifierKey(patch.handle));
  put('biography', patch.biography);
  put('date_of_birth', patch.dateOfBirth);
  put('avatar_url', patch.avatarUrl);
  return values;
}

/** `now`, or one past the stored time when the clock has not moved past it: modification times strictly increase. */
function nextModifiedAt(now: number) {
  return sql<number>`case when modified_at < ${now} then ${now} else modified_at + 1 end`;
}

/** The condition that finds a user by an identifier: login name and email case-insensitively, phone as given. */
function identifierMatches(identifier: Identifier) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    if (identifier.field === 'loginName') return eb('login_name_key', '=', identifier.value.toLowerCase());
    if (identifier.field === 'emailAddress') return eb('email_key', '=', identifier.value.toLowerCase());
    return eb('phone_number', '=', identifier.value);
  };
}

/** Lower-case key of an identifier, for case-insensitive uniqueness and look-up. */
function identifierKey(value: string | null | undefined): string | null {
  return value == null ? null : value.toLowerCase();
}

/** The columns the admin's user search looks in, each with an index made for prefixes (migration 0010). */
const searchedColumns = ['login_name_key', 'email_key', 'phone_number', 'display_name_key'];
/** Past this many matches, a user search walks the users in id order rather than gathering and sorting the matches. */
const searchGatheredAtMost = 1000;

// An explicit ESCAPE makes the pattern mean the same on SQLite (no default escape) and PostgreSQL.
function startsWith(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
