import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released, so it sees the
// database as untyped (`Kysely<any>`) rather than through today's schema types.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('apps')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('app_key_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('client_secret_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('internal_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('login_name', 'varchar(64)')
    .addColumn('login_name_key', 'varchar(64)')
    .addColumn('email_address', 'varchar(320)')
    .addColumn('email_key', 'varchar(320)')
    .addColumn('email_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('phone_number', 'varchar(20)')
    .addColumn('phone_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('display_name', 'varchar(200)')
    .addColumn('display_name_key', 'varchar(200)')
    .addColumn('country', 'varchar(8)')
    .addColumn('locale', 'varchar(64)')
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .execute();
  // NULLs are distinct in unique indexes on both dialects, so users without a login name do not collide.
  await db.schema
    .createIndex('users_app_login_name')
    .on('users')
    .columns(['app_id', 'login_name_key'])
    .unique()
    .execute();
  await db.schema.createIndex('users_app_email').on('users').columns(['app_id', 'email_key']).unique().execute();
  await db.schema.createIndex('users_app_phone').on('users').columns(['app_id', 'phone_number']).unique().execute();
  await db.schema.createIndex('users_app_display_name').on('users').columns(['app_id', 'display_name_key']).execute();
  await db.schema.createIndex('users_app_id_order').on('users').columns(['app_id', 'id']).execute();

  await db.schema
    .createTable('tokens')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('pair_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('profile_id', 'varchar(36)')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tokens_app_user').on('tokens').columns(['app_id', 'user_id']).execute();
  await db.schema.createIndex('tokens_pair').on('tokens').column('pair_id').execute();
  await db.schema.createIndex('tokens_expiry').on('tokens').column('expires_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tokens').execute();
  await db.schema.dropTable('users').execute();
  await db.schema.dropTable('apps').execute();
}
