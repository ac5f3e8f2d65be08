import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Abuse resistance and accountability: failed credential checks counted per subject (so that throttling holds across
// instances and restarts), fixed-window counters for the rate limits of anonymous calls, and the audit log. Apps that
// exist keep the password minimum they were created under (4 characters); new apps get the new default.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credential_failures')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject', 'varchar(600)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'bigint')
    .addColumn('locked_until', 'bigint')
    .addColumn('succeeded_at', 'bigint')
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_failures_pkey', ['app_id', 'scope', 'subject'])
    .execute();
  await db.schema
    .createIndex('credential_failures_modified_idx')
    .on('credential_failures')
    .columns(['app_id', 'modified_at'])
    .execute();

  await db.schema
    .createTable('rate_limit_counters')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('bucket', 'varchar(200)', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_counters_pkey', ['app_id', 'bucket', 'window_start'])
    .execute();
  await db.schema
    .createIndex('rate_limit_counters_window_idx')
    .on('rate_limit_counters')
    .columns(['app_id', 'window_start'])
    .execute();

  // No foreign key to users: the record of a deleted user's deletion outlives the user.
  await db.schema
    .createTable('audit_events')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)')
    .addColumn('actor_address', 'varchar(64)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)')
    .addColumn('details', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_events_pkey', ['app_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_user_idx')
    .on('audit_events')
    .columns(['app_id', 'user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_action_idx')
    .on('audit_events')
    .columns(['app_id', 'action', 'id'])
    .execute();

  const apps = await db.selectFrom('apps').select(['id', 'settings']).execute();
  for (const app of apps) {
    const settings = JSON.parse(app.settings as string) as Record<string, unknown>;
    if (settings.passwordMinLength !== undefined) continue;
    await db
      .updateTable('apps')
      .set({ settings: JSON.stringify({ ...settings, passwordMinLength: 4 }) })
      .where('id', '=', app.id)
      .execute();
  }
}
