import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { PersonaDatabase } from './database.ts';
import * as foundation from './migrations/2026-11-24-0001-foundation.ts';
import * as tenancyAndJobs from './migrations/2026-11-25-0002-tenancy-and-jobs.ts';
import * as preferencesAndStudents from './migrations/2026-11-30-0003-preferences-and-students.ts';
import * as moviesAndHistory from './migrations/2026-11-30-0004-movies-and-history.ts';
import * as moviePopularity from './migrations/2026-11-30-0005-movie-popularity.ts';
import * as icons from './migrations/2026-11-30-0006-icons.ts';
import * as profiles from './migrations/2026-11-30-0007-profiles.ts';
import * as accountPins from './migrations/2026-11-30-0008-account-pins.ts';
import * as abuseResistance from './migrations/2026-11-30-0009-abuse-resistance.ts';
import * as pairAccountsAndUserSearch from './migrations/2026-12-02-0010-pair-accounts-and-user-search.ts';
import * as publicProfile from './migrations/2026-12-02-0011-public-profile.ts';
import * as containersAndReferrals from './migrations/2026-12-02-0012-containers-and-referrals.ts';
import * as notifications from './migrations/2026-12-02-0013-notifications.ts';
import * as storageProbe from './migrations/2026-12-02-0014-storage-probe.ts';
import * as credentialVersions from './migrations/2026-12-02-0019-credential-versions.ts';
import * as recommendationModels from './migrations/2026-12-02-0030-recommendation-models.ts';
import * as recoveryAndMessaging from './migrations/2026-12-02-0040-recovery-and-messaging.ts';
import * as activityIndexes from './migrations/2026-12-03-0050-activity-indexes.ts';
import * as eventOutbox from './migrations/2026-12-03-0060-event-outbox.ts';

// Listed by hand rather than read from the folder, so the migrations ship inside whatever bundles the code.
const migrations: Record<string, Migration> = {
  '2026-11-24-0001-foundation': foundation,
  '2026-11-25-0002-tenancy-and-jobs': tenancyAndJobs,
  '2026-11-30-0003-preferences-and-students': preferencesAndStudents,
  '2026-11-30-0004-movies-and-history': moviesAndHistory,
  '2026-11-30-0005-movie-popularity': moviePopularity,
  '2026-11-30-0006-icons': icons,
  '2026-11-30-0007-profiles': profiles,
  '2026-11-30-0008-account-pins': accountPins,
  '2026-11-30-0009-abuse-resistance': abuseResistance,
  '2026-12-02-0010-pair-accounts-and-user-search': pairAccountsAndUserSearch,
  '2026-12-02-0011-public-profile': publicProfile,
  '2026-12-02-0012-containers-and-referrals': containersAndReferrals,
  '2026-12-02-0013-notifications': notifications,
  '2026-12-02-0014-storage-probe': storageProbe,
  '2026-12-02-0019-credential-versions': credentialVersions,
  '2026-12-02-0030-recommendation-models': recommendationModels,
  '2026-12-02-0040-recovery-and-messaging': recoveryAndMessaging,
  '2026-12-03-0050-activity-indexes': activityIndexes,
  '2026-12-03-0060-event-outbox': eventOutbox,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema to the newest migration; returns the names of those it applied (none when it was up to date).
 * Throws when one fails, leaving that migration unapplied.
 */
export async function migrateToLatest(database: PersonaDatabase): Promise<string[]> {
  const { error, results } = await withSchemaRaceRetried(async () => (await migratorOf(database)).migrateToLatest());
  if (error) throw error;
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Brings the schema to the named migration (tests of a migration start from the one before it). */
export async function migrateTo(database: PersonaDatabase, name: string): Promise<void> {
  if (!(name in migrations)) throw new Error(`no migration is named ${name}`);
  const { error } = await withSchemaRaceRetried(async () => (await migratorOf(database)).migrateTo(name));
  if (error) throw error;
}

/**
 * Kysely's migrator looks for its tables by listing the tables of every schema of the database; a schema that another
 * client drops during that listing fails it with `invalid_schema_name` (3F000), or with `undefined_table` (42P01) when
 * the listing meets a table of that schema as it goes, though it has nothing to do with ours (both seen when several
 * Persona schemas share one database and one is dropped). The migrations of one call run in one transaction, so such a
 * failure changed nothing and the migration is asked again, a few times; a migration that really names a missing table
 * fails the same way each time and its error is thrown after the last.
 */
async function withSchemaRaceRetried<T extends { error?: unknown }>(migrate: () => Promise<T>): Promise<T> {
  const raced = (error: unknown) => {
    const code = (error as { code?: string } | undefined)?.code;
    return code === '3F000' || code === '42P01';
  };
  for (let attempt = 1; ; attempt++) {
    let outcome: T;
    try {
      outcome = await migrate();
    } catch (error) {
      if (!raced(error) || attempt >= 5) throw error;
      outcome = { error } as T;
    }
    if (!raced(outcome.error) || attempt >= 5) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

async function migratorOf(database: PersonaDatabase): Promise<Migrator> {
  if (database.schema) await sql`create schema if not exists ${sql.id(database.schema)}`.execute(database.db);
  // Kysely's bookkeeping tables live in the same schema, so several Persona schemas can share one database.
  return new Migrator({ db: database.db, provider, migrationTableSchema: database.schema });
}
