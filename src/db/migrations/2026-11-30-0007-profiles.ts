import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Household profiles: every account has one default profile, and may have more (child profiles with rating
// thresholds among them). Accounts that exist already get their default profile here, named as sign-up would name it.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('is_default', 'boolean', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    // The name folded (lower case): names are unique per account whatever their case.
    .addColumn('name_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('child', 'boolean', (c) => c.notNull())
    .addColumn('pin_prompt_required', 'boolean', (c) => c.notNull())
    .addColumn('audio_language', 'varchar(3)')
    .addColumn('subtitle_language', 'varchar(3)')
    // JSON text: [{ratingsBody, rating}].
    .addColumn('rating_thresholds', 'text', (c) => c.notNull())
    .addColumn('icon_id', 'varchar(64)')
    // JSON text: [{name, value}].
    .addColumn('additional_properties', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('profiles_pkey', ['app_id', 'id'])
    .addForeignKeyConstraint('profiles_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    // An icon that a profile shows cannot be deleted (the admin is told it is in use).
    .addForeignKeyConstraint('profiles_icon_fk', ['app_id', 'icon_id'], 'icons', ['app_id', 'id'])
    .execute();
  // A named index rather than a table constraint: SQLite reports the index's name, so both dialects name the violation.
  await db.schema
    .createIndex('profiles_name_unique')
    .on('profiles')
    .columns(['app_id', 'user_id', 'name_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('profiles_one_default')
    .on('profiles')
    .columns(['app_id', 'user_id'])
    .unique()
    .where(sql.ref('is_default'), '=', true)
    .execute();
  await db.schema.createIndex('profiles_icon').on('profiles').columns(['app_id', 'icon_id']).execute();

  // Every existing account gets its default profile, in batches.
  let after = '';
  for (;;) {
    const users = await db
      .selectFrom('users')
      .select(['app_id', 'id', 'display_name', 'login_name', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (users.length === 0) break;
    const now = Date.now();
    await db
      .insertInto('profiles')
      .values(
        users.map((user) => {
          const name = String(user.display_name ?? user.login_name ?? 'Profile').slice(0, 64);
          return {
            app_id: user.app_id,
            id: randomUUID(),
            user_id: user.id,
            is_default: true,
            name,
            name_key: name.toLowerCase(),
            child: false,
            pin_prompt_required: false,
            audio_language: null,
            subtitle_language: null,
            rating_thresholds: '[]',
            icon_id: null,
            additional_properties: '[]',
            created_at: now,
            modified_at: now,
          };
        }),
      )
      .execute();
    after = users.at(-1)?.id;
  }
}
