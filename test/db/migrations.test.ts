import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';
import { isForeignKeyViolation } from '../../src/db/errors.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import { testDatabases } from '../helpers/databases.ts';

for (const database of testDatabases) {
  describe(`migration 0002 (tenancy and jobs) on ${database.name}`, { skip: database.skip }, () => {
    it('keeps every user of a foundation database, continues internal ids above theirs, and enforces tenancy', async () => {
      const target = database.create();
      const opened = openDatabase({ url: target.url, schema: target.schema });
      try {
        await migrateTo(opened, '2026-11-24-0001-foundation');
        // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration
        const db = opened.db as unknown as Kysely<any>;
        const now = Date.now();
        for (const app of ['old-a', 'old-b']) {
          await db
            .insertInto('apps')
            .values({
              id: app,
              name: app,
              app_key_hash: 'k',
              client_id: `c-${app}`,
              client_secret_hash: 's',
              settings: '{}',
              created_at: now,
            })
            .execute();
        }
        const before = [
          {
            id: '01900000-0000-7000-8000-000000000001',
            app_id: 'old-a',
            internal_id: 281_000_000_000_001,
            login_name: 'ann',
            login_name_key: 'ann',
          },
          {
            id: '01900000-0000-7000-8000-000000000002',
            app_id: 'old-b',
            internal_id: 17,
            login_name: 'bob',
            login_name_key: 'bob',
          },
        ];
        for (const user of before) {
          await db
            .insertInto('users')
            .values({
              ...user,
              custom_fields: '{"level":3}',
              email_verified: false,
              phone_verified: false,
              disabled: false,
              created_at: now,
              modified_at: now,
            })
            .execute();
        }
        await db
          .insertInto('tokens')
          .values({
            id: 't1',
            app_id: 'old-a',
            user_id: before[0]?.id,
            kind: 'access',
            token_hash: 'h',
            pair_id: 'p',
            expires_at: now + 1000,
            created_at: now,
          })
          .execute();

        await migrateToLatest(opened);

        const users = await db
          .selectFrom('users')
          .select(['id', 'app_id', 'internal_id', 'login_name', 'custom_fields'])
          .orderBy('id')
          .execute();
        assert.deepEqual(
          users.map((u) => [u.id, u.app_id, Number(u.internal_id), u.login_name, u.custom_fields]),
          before.map((u) => [u.id, u.app_id, u.internal_id, u.login_name, '{"level":3}']),
        );
        assert.equal((await db.selectFrom('tokens').select('id').execute()).length, 0, 'old-format tokens are gone');
        const added = await db
          .insertInto('users')
          .values({
            id: '01900000-0000-7000-8000-000000000003',
            app_id: 'old-b',
            login_name: 'cy',
            login_name_key: 'cy',
            custom_fields: '{}',
            email_verified: false,
            phone_verified: false,
            disabled: false,
            created_at: now,
            modified_at: now,
          })
          .returning('internal_id')
          .executeTakeFirstOrThrow();
        assert.ok(
          Number(added.internal_id) > 281_000_000_000_001,
          `the next id continues above the largest: ${added.internal_id}`,
        );
        const crossApp = await db
          .insertInto('tokens')
          .values({
            id: 't2',
            app_id: 'old-b',
            user_id: before[0]?.id,
            kind: 'access',
            token_hash: 'h2',
            pair_id: 'p2',
            expires_at: now,
            created_at: now,
          })
          .execute()
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        assert.ok(isForeignKeyViolation(crossApp), 'a token of old-b cannot point at a user of old-a');
        await sql`select 1 from jobs`.execute(db);
      } finally {
        await opened.close();
        await target.drop();
      }
    });
  });
}

for (const database of testDatabases) {
  describe(`migration 0007 (profiles) on ${database.name}`, { skip: database.skip }, () => {
    it('gives every account that exists already its default profile, named as sign-up names it', async () => {
      const target = database.create();
      const opened = openDatabase({ url: target.url, schema: target.schema });
      try {
        await migrateTo(opened, '2026-11-30-0006-icons');
        // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration
        const db = opened.db as unknown as Kysely<any>;
        const now = Date.now();
        await db
          .insertInto('apps')
          .values({
            id: 'old',
            name: 'old',
            app_key_hash: 'k',
            client_id: 'c',
            client_secret_hash: 's',
            settings: '{}',
            created_at: now,
          })
          .execute();
        const users = Array.from({ length: 1203 }, (_, i) => ({
          id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          app_id: 'old',
          login_name: `user${i}`,
          login_name_key: `user${i}`,
          display_name: i % 2 === 0 ? `Display ${i}` : null,
          custom_fields: '{}',
          email_verified: false,
          phone_verified: false,
          disabled: false,
          created_at: now,
          modified_at: now,
        }));
        for (let start = 0; start < users.length; start += 400) {
          await db
            .insertInto('users')
            .values(users.slice(start, start + 400))
            .execute();
        }
        await migrateToLatest(opened);
        const profiles = await opened.db
          .selectFrom('profiles')
          .select(['user_id', 'name', 'is_default'])
          .orderBy('user_id')
          .execute();
        assert.equal(profiles.length, users.length);
        assert.deepEqual(
          { ...profiles[0], is_default: Boolean(profiles[0]?.is_default) },
          { user_id: users[0]?.id, name: 'Display 0', is_default: true },
        );
        assert.equal(profiles[1]?.name, 'user1');
      } finally {
        await opened.close();
        await target.drop();
      }
    });
  });
}

for (const database of testDatabases) {
  describe(`migration 0010 (pair accounts and user search) on ${database.name}`, { skip: database.skip }, () => {
    it('gives every pair record its account, taken from the subject up to its last bar', async () => {
      const target = database.create();
      const opened = openDatabase({ url: target.url, schema: target.schema });
      try {
        await migrateTo(opened, '2026-11-30-0009-abuse-resistance');
        // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration
        const db = opened.db as unknown as Kysely<any>;
        const now = Date.now();
        await db
          .insertInto('apps')
          .values({
            id: 'old',
            name: 'old',
            app_key_hash: 'k',
            client_id: 'c',
            client_secret_hash: 's',
            settings: '{}',
            created_at: now,
          })
          .execute();
        const records = [
          ['pair', 'user:01900000-0000-7000-8000-000000000001|198.51.100.7'],
          ['pair', 'user:01900000-0000-7000-8000-000000000001|2001:db8::1'],
          ['pair', 'loginName:a|b|203.0.113.9'],
          ['account', 'user:01900000-0000-7000-8000-000000000001'],
          ['address', '198.51.100.7'],
        ];
        await db
          .insertInto('credential_failures')
          .values(
            records.map(([scope, subject]) => ({
              app_id: 'old',
              scope,
              subject,
              failures: 0,
              succeeded_at: scope === 'pair' ? now : null,
              modified_at: now,
            })),
          )
          .execute();
        await migrateToLatest(opened);
        const rows = await opened.db
          .selectFrom('credential_failures')
          .select(['scope', 'subject', 'pair_account'])
          .orderBy('subject')
          .execute();
        assert.deepEqual(
          new Map(rows.map((row) => [row.subject, row.pair_account])),
          new Map([
            ['user:01900000-0000-7000-8000-000000000001|198.51.100.7', 'user:01900000-0000-7000-8000-000000000001'],
            ['user:01900000-0000-7000-8000-000000000001|2001:db8::1', 'user:01900000-0000-7000-8000-000000000001'],
            ['loginName:a|b|203.0.113.9', 'loginName:a|b'],
            ['user:01900000-0000-7000-8000-000000000001', null],
            ['198.51.100.7', null],
          ]),
        );
      } finally {
        await opened.close();
        await target.drop();
      }
    });
  });
}
