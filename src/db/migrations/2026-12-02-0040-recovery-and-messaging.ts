import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Account recovery and address verification: the codes sent to users (only their hashes), the messages that carry
// them (the outbox: waiting for delivery, sent, failed, or held when no transport is configured), and the apps' own
// templates of those messages per kind and locale. Codes and messages go with their user (cascade).

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recovery_codes')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('address', 'varchar(400)', (c) => c.notNull())
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('pin_hash', 'varchar(64)')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addPrimaryKeyConstraint('recovery_codes_pkey', ['app_id', 'id'])
    .addForeignKeyConstraint('recovery_codes_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('recovery_codes_user_idx')
    .on('recovery_codes')
    .columns(['app_id', 'user_id', 'purpose', 'created_at'])
    .execute();
  await db.schema
    .createIndex('recovery_codes_expiry_idx')
    .on('recovery_codes')
    .columns(['app_id', 'expires_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(400)', (c) => c.notNull())
    .addColumn('locale', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('text_body', 'text')
    .addColumn('html_body', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('messages_pkey', ['app_id', 'id'])
    .addForeignKeyConstraint('messages_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('messages_user_idx').on('messages').columns(['app_id', 'user_id', 'id']).execute();
  await db.schema.createIndex('messages_created_idx').on('messages').columns(['app_id', 'created_at']).execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('locale', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pkey', ['app_id', 'kind', 'locale'])
    .execute();
}
