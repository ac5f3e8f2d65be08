import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no application imports, the database seen as untyped.
//
// The first catalogues and what users store against them: preference options and each user's values, school and
// study-level options and each user's student information per academic year. Every table is keyed by app first, and
// every reference names the app, so no row can point into another app. `name_key` holds the name folded for search
// (lower case, accents removed), computed by the application so that both dialects search alike.

// biome-ignore lint/suspicious/noExplicitAny: a frozen migration must not depend on the current schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('preference_options')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('category', 'varchar(40)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('attribute', 'varchar(200)')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('preference_options_pkey', ['app_id', 'id'])
    .addUniqueConstraint('preference_options_label_unique', ['app_id', 'category', 'label'])
    .execute();
  await db.schema
    .createIndex('preference_options_order')
    .on('preference_options')
    .columns(['app_id', 'category', 'position', 'label'])
    .execute();

  await db.schema
    .createTable('user_preferences')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('option_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('value', 'boolean', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_preferences_pkey', ['app_id', 'user_id', 'option_id'])
    .addForeignKeyConstraint('user_preferences_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'user_preferences_option_fk',
      ['app_id', 'option_id'],
      'preference_options',
      ['app_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // Deleting an option removes every user's value for it: the foreign key needs this index not to scan.
  await db.schema
    .createIndex('user_preferences_option')
    .on('user_preferences')
    .columns(['app_id', 'option_id'])
    .execute();

  for (const table of ['schools', 'study_levels']) {
    await db.schema
      .createTable(table)
      .addColumn('app_id', 'varchar(64)', (c) => c.notNull().references('apps.id').onDelete('cascade'))
      .addColumn('id', 'varchar(64)', (c) => c.notNull())
      .addColumn('name', 'varchar(300)', (c) => c.notNull())
      .addColumn('name_key', 'varchar(300)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('modified_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pkey`, ['app_id', 'id'])
      .execute();
    await db.schema.createIndex(`${table}_order`).on(table).columns(['app_id', 'name_key', 'id']).execute();
  }

  await db.schema
    .createTable('student_information')
    .addColumn('app_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('id', 'varchar(36)', (c) => c.notNull())
    .addColumn('school_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('study_level_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('academic_year', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_year', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('student_information_pkey', ['app_id', 'user_id', 'year'])
    .addForeignKeyConstraint('student_information_user_fk', ['app_id', 'user_id'], 'users', ['app_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    // A school or study level that a student names cannot be deleted (the admin is told it is in use).
    .addForeignKeyConstraint('student_information_school_fk', ['app_id', 'school_id'], 'schools', ['app_id', 'id'])
    .addForeignKeyConstraint('student_information_study_level_fk', ['app_id', 'study_level_id'], 'study_levels', [
      'app_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('student_information_school')
    .on('student_information')
    .columns(['app_id', 'school_id'])
    .execute();
  await db.schema
    .createIndex('student_information_study_level')
    .on('student_information')
    .columns(['app_id', 'study_level_id'])
    .execute();
}
