import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// The public side of an account (the v1 face's profile): a handle, unique per app whatever its case (kept unique by
// an index on its lower-case key, so that two accounts claiming one handle at once cannot both have it), a biography,
// a date of birth (`YYYY-MM-DD`) and an avatar address. Every column starts empty; accounts that exist have none.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('handle', 'varchar(30)').execute();
  await db.schema.alterTable('users').addColumn('handle_key', 'varchar(30)').execute();
  await db.schema.alterTable('users').addColumn('biography', 'varchar(2000)').execute();
  await db.schema.alterTable('users').addColumn('date_of_birth', 'varchar(10)').execute();
  await db.schema.alterTable('users').addColumn('avatar_url', 'varchar(2000)').execute();
  // NULLs are distinct in unique indexes on both dialects: accounts without a handle do not collide.
  await db.schema.createIndex('users_app_handle').on('users').columns(['app_id', 'handle_key']).unique().execute();
}
