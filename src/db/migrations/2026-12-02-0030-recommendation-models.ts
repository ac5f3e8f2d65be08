import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// Trained recommender models, versioned per app: a row of what each version is (algorithm, parameters, size, training
// time, the metrics of its evaluation, the history it saw) and its bytes in parts of at most a megabyte, so that no
// statement carries a whole model. Every instance serves its app's newest version. The popularity table of the
// baseline recommender goes: popularity is part of each model now.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('recommendation_models')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'varchar(32)', (c) => c.notNull())
    // JSON text: the training settings, as shown to the admin.
    .addColumn('parameters', 'text', (c) => c.notNull())
    // JSON text: the offline metrics of the evaluation run with the training; null when there were too few users.
    .addColumn('metrics', 'text')
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('users', 'integer', (c) => c.notNull())
    .addColumn('interactions', 'integer', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('training_ms', 'integer', (c) => c.notNull())
    .addColumn('evaluation_ms', 'integer', (c) => c.notNull())
    // What the history looked like when training read it, to tell whether it changed since.
    .addColumn('history_fingerprint', 'varchar(100)', (c) => c.notNull())
    .addColumn('trained_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('recommendation_models_pkey', ['app_id', 'version'])
    .execute();

  await db.schema
    .createTable('recommendation_model_parts')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('recommendation_model_parts_pkey', ['app_id', 'version', 'part'])
    .addForeignKeyConstraint(
      'recommendation_model_parts_model_fk',
      ['app_id', 'version'],
      'recommendation_models',
      ['app_id', 'version'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema.dropTable('movie_popularity').execute();
}
