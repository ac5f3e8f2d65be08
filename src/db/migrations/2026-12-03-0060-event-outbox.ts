import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// The outbox that carries events between instances sharing PostgreSQL (docs/decisions/0005-unit-of-work-and-events.md):
// a writing transaction inserts its events here instead of notifying, and every instance reads what committed since
// its last read, by transaction id. `xid` is the inserting transaction's (a savepoint's rows take the top transaction's
// id), compared with each reader's snapshot. SQLite has one instance and its events never leave the process: no table.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema
    .createTable('event_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('xid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('event_outbox_xid').on('event_outbox').column('xid').execute();
}
