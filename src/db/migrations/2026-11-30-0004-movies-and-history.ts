import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Ratings bodies with their ordered ratings, the movie catalogue (its multi-valued attributes both as a JSON document
// for answering and as rows for matching), each user's viewing history, and per-user history bookkeeping: a count and
// a version that every write of the user's history bumps, and page marks (every 100th viewing, newest first, as of a
// version) so that a deep page starts from a mark instead of skipping every row before it.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ratings_bodies')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('id', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ratings_bodies_pkey', ['app_id', 'id'])
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('body_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    // 0 is the mildest rating of the body; a threshold refuses a rating of equal or higher rank.
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ratings_pkey', ['app_id', 'body_id', 'code'])
    .addForeignKeyConstraint('ratings_body_fk', ['app_id', 'body_id'], 'ratings_bodies', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('movies')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('based_on', 'varchar(300)')
    .addColumn('poster_url', 'varchar(2000)')
    // JSON text: {genres, actors, directors, countries, technologies, versions, awards}.
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('movies_pkey', ['app_id', 'id'])
    .execute();

  // One row per attribute value (`genre`/`Horror`), for matching preferences and similar movies.
  await db.schema
    .createTable('movie_attributes')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('movie_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('value', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('movie_attributes_pkey', ['app_id', 'movie_id', 'kind', 'value'])
    .addForeignKeyConstraint('movie_attributes_movie_fk', ['app_id', 'movie_id'], 'movies', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('movie_attributes_value')
    .on('movie_attributes')
    .columns(['app_id', 'kind', 'value'])
    .execute();

  await db.schema
    .createTable('movie_ratings')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('movie_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('body_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('movie_ratings_pkey', ['app_id', 'movie_id', 'body_id'])
    .addForeignKeyConstraint('movie_ratings_movie_fk', ['app_id', 'movie_id'], 'movies', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    // A rating that movies carry cannot be removed from its body (the admin is told it is in use).
    .addForeignKeyConstraint('movie_ratings_rating_fk', ['app_id', 'body_id', 'code'], 'ratings', [
      'app_id',
      'body_id',
      'code',
    ])
    .execute();
  await db.schema
    .createIndex('movie_ratings_rating')
    .on('movie_ratings')
    .columns(['app_id', 'body_id', 'code'])
    .execute();

  await db.schema
    .createTable('viewings')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('watched_at', 'bigint', (c) => c.notNull())
    .addColumn('movie_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('technology', 'varchar(64)')
    .addColumn('version', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Newest first is the order of every read, and the key makes an ingest idempotent.
    .addPrimaryKeyConstraint('viewings_pkey', ['app_id', 'user_id', 'watched_at', 'movie_id'])
    .addForeignKeyConstraint('viewings_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    // A movie that someone watched is kept in the catalogue (the admin is told it is in use).
    .addForeignKeyConstraint('viewings_movie_fk', ['app_id', 'movie_id'], 'movies', ['app_id', 'id'])
    .execute();
  await db.schema.createIndex('viewings_movie').on('viewings').columns(['app_id', 'movie_id', 'user_id']).execute();

  await db.schema
    .createTable('history_stats')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('viewings', 'integer', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('history_stats_pkey', ['app_id', 'user_id'])
    .addForeignKeyConstraint('history_stats_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('history_marks')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    // The mark of the viewing at position ordinal × 100 of the history, newest first.
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('watched_at', 'bigint', (c) => c.notNull())
    .addColumn('movie_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('history_marks_pkey', ['app_id', 'user_id', 'version', 'ordinal'])
    .addForeignKeyConstraint('history_marks_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
}
