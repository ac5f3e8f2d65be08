import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// A table of no app and no user, where Persona checks that the database can take a write (at start-up, and while a
// storage fault is remembered): a row is written and deleted in one transaction, so the table is empty at rest.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('storage_probe')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('written_at', 'bigint', (c) => c.notNull())
    .addColumn('padding', 'text', (c) => c.notNull())
    .execute();
}
