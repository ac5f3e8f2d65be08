import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// The social domain's first tables: containers (communities inside an app, named by an id or a slug unique per app),
// their members, and referrals (at most one referrer per user, kept so by the primary key). And when each user first
// logged in: a referrer may be named at registration or at the first log-in only. Accounts that exist already count as
// having logged in (their first log-in is long past or never to be told apart).

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('containers')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('id', 'varchar(64)', (c) => c.notNull())
    .addColumn('slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('containers_pkey', ['app_id', 'id'])
    .execute();
  // A named index rather than a table constraint: SQLite reports the index's name, so both dialects name the violation.
  await db.schema.createIndex('containers_app_slug').on('containers').columns(['app_id', 'slug']).unique().execute();

  await db.schema
    .createTable('container_members')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('container_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('container_members_pkey', ['app_id', 'container_id', 'user_id'])
    .addForeignKeyConstraint(
      'container_members_container_fk',
      ['app_id', 'container_id'],
      'containers',
      ['app_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('container_members_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('container_members_user_idx')
    .on('container_members')
    .columns(['app_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('referrer_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('referrals_pkey', ['app_id', 'user_id'])
    .addForeignKeyConstraint('referrals_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('referrals_referrer_fk', ['app_id', 'referrer_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('referrals_referrer_idx')
    .on('referrals')
    .columns(['app_id', 'referrer_id', 'created_at', 'user_id'])
    .execute();

  await db.schema.alterTable('users').addColumn('first_log_in_at', 'bigint').execute();
  await db
    .updateTable('users')
    .set((eb) => ({ first_log_in_at: eb.ref('created_at') }))
    .execute();
}
