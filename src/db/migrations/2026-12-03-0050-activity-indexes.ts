import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// The console's activity per day (sign-ups, and users who got a token) reads one app's rows of the last days: without
// these it walked every user and token of the app, and on SQLite a query blocks the event loop while it runs. The token
// index carries `user_id` so the distinct count is read from the index alone.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_app_created').on('users').columns(['app_id', 'created_at']).execute();
  await db.schema.createIndex('tokens_app_created').on('tokens').columns(['app_id', 'created_at', 'user_id']).execute();
}
