import { type Expression, type SqlBool, sql } from 'kysely';
import type { User } from '../identity/identity.types.ts';
import { toUser, type UsersRepository } from '../identity/users.repository.ts';

/** Reads over many users, for the admin API. */
export class AccountsRepository {
  private readonly users: UsersRepository;

  constructor(users: UsersRepository) {
    this.users = users;
  }

  /**
   * Users of the app in id order (time-ordered UUIDs, so creation order), after `afterId`, optionally those whose
   * login name, email, phone or display name starts with `query` (case-insensitive). Keyset-paged: stable under writes.
   */
  async listUsers(
    appId: string,
    options: { query?: string | undefined; afterId?: string | undefined; limit: number },
  ): Promise<User[]> {
    let select = this.users.selectUsers().where('app_id', '=', appId);
    if (options.afterId) select = select.where('id', '>', options.afterId);
    if (options.query) {
      const prefix = `${options.query.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      select = select.where((eb) =>
        eb.or(
          ['login_name_key', 'email_key', 'phone_number', 'display_name_key'].map((column) =>
            startsWith(column, prefix),
          ),
        ),
      );
    }
    const rows = await select.orderBy('id').limit(options.limit).execute();
    return rows.map(toUser);
  }
}

// An explicit ESCAPE makes the pattern mean the same on SQLite (no default escape) and PostgreSQL.
function startsWith(column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
