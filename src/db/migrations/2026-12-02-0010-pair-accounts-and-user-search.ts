import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// 1. The account of each pair record (`credential_failures` of scope `pair`, subject `<account>|<address>`) gets a
//    column of its own, indexed, so that an account's known addresses are found by equality. They were read as the
//    range of subjects between `<account>|` and `<account>}`, which holds only under C collation: on a PostgreSQL
//    database with a locale collation (ICU `en-US`, glibc `en_US.UTF-8`) `}` sorts before `|` and the range is empty.
//    Existing pairs are filled from their subject: the account is what comes before the last `|` (an address never
//    holds one; an identifier might).
// 2. Indexes for the admin's user search, a case-insensitive prefix of login name, email, phone or display name: per
//    column, a b-tree that a `LIKE 'prefix%'` can range over. On PostgreSQL that needs `text_pattern_ops` (a plain
//    b-tree serves LIKE only under C collation); on SQLite, whose LIKE ignores ASCII case, a NOCASE index.

const searchIndexes = {
  users_search_login_name: 'login_name_key',
  users_search_email: 'email_key',
  users_search_phone: 'phone_number',
  users_search_display_name: 'display_name_key',
};

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credential_failures').addColumn('pair_account', 'varchar(600)').execute();
  // rtrim(s, <every character of s but '|'>) keeps s up to its last '|'; the same functions on both dialects.
  const upToLastBar = sql`rtrim(subject, replace(subject, '|', ''))`;
  await db
    .updateTable('credential_failures')
    .set({ pair_account: sql`substr(${upToLastBar}, 1, length(${upToLastBar}) - 1)` })
    .where('scope', '=', 'pair')
    .execute();
  await db.schema
    .createIndex('credential_failures_pair_account_idx')
    .on('credential_failures')
    .columns(['app_id', 'pair_account', 'succeeded_at'])
    .execute();

  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [name, column] of Object.entries(searchIndexes)) {
    const searched = postgres ? sql`${sql.ref(column)} text_pattern_ops` : sql`${sql.ref(column)} collate nocase`;
    await sql`create index ${sql.id(name)} on users (app_id, ${searched})`.execute(db);
  }
}
