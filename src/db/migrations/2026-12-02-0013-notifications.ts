import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Notifications, one row per recipient. `container_id` null is an app-wide notification (shown in every container's
// list). `seq` orders them as their transactions committed: every transaction that creates notifications takes the
// app's next clock value (one row per app, locked until the commit), so a live stream that resumes after the last
// (seq, id) it delivered misses nothing that committed meanwhile.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_clocks')
    .addColumn('app_id', 'varchar(64)', (c) => c.primaryKey().references('apps.id').onDelete('cascade'))
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('container_id', 'varchar(64)')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'varchar(2000)', (c) => c.notNull())
    // JSON text of the notification's data.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addPrimaryKeyConstraint('notifications_pkey', ['app_id', 'id'])
    .addForeignKeyConstraint('notifications_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'notifications_container_fk',
      ['app_id', 'container_id'],
      'containers',
      ['app_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('notifications_user_seq_idx')
    .on('notifications')
    .columns(['app_id', 'user_id', 'seq', 'id'])
    .execute();
}
