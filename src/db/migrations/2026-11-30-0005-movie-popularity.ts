import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Each movie's recency-weighted popularity per app, recomputed by a background job from the viewings, so that a
// recommendation request reads the most popular movies from an index instead of aggregating every viewing.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('movie_popularity')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('movie_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('movie_popularity_pkey', ['app_id', 'movie_id'])
    .addForeignKeyConstraint('movie_popularity_movie_fk', ['app_id', 'movie_id'], 'movies', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('movie_popularity_rank')
    .on('movie_popularity')
    .columns(['app_id', 'score desc'])
    .execute();
}
