import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { uniqueViolation } from '../../db/errors.ts';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import type { Database, UsersTable } from '../../db/schema.ts';
import type { Identifier, User } from './identity.types.ts';

/** Everything of a user row but the password hash, which is read only on the auth path. */
export const userColumns = [
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
  'created_at',
  'modified_at',
] as const;

type UserRow = Pick<UsersTable, (typeof userColumns)[number]> & { has_password: number | boolean };

export function toUser(row: UserRow): User {
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
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

/** Which identifier a unique violation is about, for USER_ALREADY_EXISTS answers. */
export function identifierOfViolation(error: unknown): Identifier['field'] | undefined {
  const where = uniqueViolation(error);
  if (where === undefined) return undefined;
  if (where.includes('login_name')) return 'loginName';
  if (where.includes('email')) return 'emailAddress';
  if (where.includes('phone')) return 'phoneNumber';
  return undefined;
}

export type Executor = Kysely<Database> | Transaction<Database>;

/** The columns of a user row that can change after sign-up. */
export type UserChanges = Partial<Omit<UsersTable, 'id' | 'app_id' | 'internal_id' | 'created_at'>>;

/** The users table, scoped by app in every method. */
export class UsersRepository {
  private readonly db: Kysely<Database>;
  readonly #findUser;
  readonly #updates = new Map<string, PreparedQuery<unknown, Record<string, unknown>>>();

  constructor(db: Kysely<Database>) {
    this.db = db;
    this.#findUser = new PreparedQuery(
      this.selectUsers().where('app_id', '=', parameter('appId')).where('id', '=', parameter('userId')),
    );
  }

  /** Every user column but the password hash, plus `has_password`. */
  selectUsers() {
    return this.db
      .selectFrom('users')
      .select(userColumns)
      .select((eb) => eb.case().when('password_hash', 'is not', null).then(1).else(0).end().as('has_password'));
  }

  async findUser(appId: string, userId: string, executor: Executor = this.db): Promise<User | undefined> {
    const [row] = await this.#findUser.execute(executor, { appId, userId });
    return row && toUser(row);
  }

  async findUserByIdentifier(appId: string, identifier: Identifier): Promise<User | undefined> {
    const row = await this.selectUsers()
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
    const row = await this.selectUsers()
      .select('password_hash')
      .where('app_id', '=', appId)
      .where(identifierMatches(identifier))
      .executeTakeFirst();
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  /** Auth path only: the password hash of a user, null when it has none, undefined when there is no such user. */
  async findPasswordHash(appId: string, userId: string): Promise<string | null | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('app_id', '=', appId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.password_hash;
  }

  async insertUser(row: UsersTable, executor: Executor = this.db): Promise<void> {
    await executor.insertInto('users').values(row).execute();
  }

  /**
   * Applies the changes; returns false when no such user exists in the app. The statement is compiled once per set of
   * columns changed (a handful in practice).
   */
  async updateUser(
    appId: string,
    userId: string,
    changes: UserChanges,
    executor: Executor = this.db,
  ): Promise<boolean> {
    const columns = Object.keys(changes)
      .filter((column) => changes[column as keyof UserChanges] !== undefined)
      .sort();
    const shape = columns.join(',');
    let update = this.#updates.get(shape);
    if (!update) {
      const set = Object.fromEntries(columns.map((column) => [column, parameter(column)])) as UserChanges;
      update = new PreparedQuery(
        this.db
          .updateTable('users')
          .set(set)
          .where('app_id', '=', parameter('appId'))
          .where('id', '=', parameter('userId')),
      );
      this.#updates.set(shape, update);
    }
    return (await update.run(executor, { ...changes, appId, userId })) > 0n;
  }

  async deleteUser(appId: string, userId: string, executor: Executor = this.db): Promise<boolean> {
    const result = await executor
      .deleteFrom('users')
      .where('app_id', '=', appId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
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
export function identifierKey(value: string | null | undefined): string | null {
  return value == null ? null : value.toLowerCase();
}
