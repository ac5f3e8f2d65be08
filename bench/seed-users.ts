/**
 * The bulk loader of the many-user benchmarks: users and an access token for each, written straight into the database
 * in batches of 1,000 (each batch one transaction), not signed up over HTTP (two argon2 hashes apiece). About 85 µs a
 * user on SQLite and 250 µs on PostgreSQL on the benchmark's machine: a million users in minutes.
 */
import { randomBytes } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { Passwords } from '../src/core/identity/passwords.ts';
import { hashSecret } from '../src/core/secrets.ts';
import { openDatabase } from '../src/db/database.ts';
import type { Database as Tables } from '../src/db/schema.ts';

/**
 * Writes `count` users of the app and an access token for each straight into the database (signing each up over HTTP
 * would cost two argon2 hashes apiece); returns the tokens. The users look like the single-user case's.
 */
export async function seedUsers(
  env: Record<string, string>,
  appId: string,
  count: number,
): Promise<{ token: string; userId: string }[]> {
  process.stdout.write(`seeding ${count} users… `);
  const started = performance.now();
  const database = openDatabase({ url: env.DATABASE_URL as string, schema: env.DATABASE_SCHEMA });
  const passwordHash = await new Passwords({ concurrency: 1, queueLength: 0 }).hash(
    `pw-${randomBytes(8).toString('hex')}`,
  );
  const now = Date.now();
  const tokens: { token: string; userId: string }[] = [];
  try {
    for (let start = 0; start < count; start += 1000) {
      const users: Insertable<Tables['users']>[] = [];
      const rows: Insertable<Tables['tokens']>[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const id = uuidv7();
        const loginName = `many-${i}-${randomBytes(3).toString('hex')}`;
        users.push({
          id,
          app_id: appId,
          login_name: loginName,
          login_name_key: loginName,
          email_address: `${loginName}@example.com`,
          email_key: `${loginName}@example.com`,
          email_verified: false,
          phone_verified: false,
          display_name: `Bench User ${i}`,
          display_name_key: `bench user ${i}`,
          custom_fields: JSON.stringify({ nick: 'a', level: 1 }),
          password_hash: passwordHash,
          disabled: false,
          created_at: now,
          modified_at: now,
        });
        const secret = randomBytes(32).toString('base64url');
        tokens.push({ token: `${appId}.${secret}`, userId: id });
        rows.push({
          id: uuidv7(),
          app_id: appId,
          user_id: id,
          kind: 'access' as const,
          token_hash: hashSecret(secret),
          pair_id: uuidv7(),
          profile_id: null,
          expires_at: now + 24 * 3_600_000,
          created_at: now,
        });
      }
      await database.unitOfWork.run(async () => {
        await database.db.insertInto('users').values(users).execute();
        await database.db.insertInto('tokens').values(rows).execute();
      });
      // Statistics, as autovacuum would gather them on a live database: without them PostgreSQL plans the foreign-key
      // checks of the next batches (and the server's look-ups) for empty tables, as sequential scans.
      if (start === 0 || start + 1000 >= count) await sql`analyze`.execute(database.db);
    }
  } finally {
    await database.close();
  }
  console.log(`done in ${Math.round(performance.now() - started)} ms`);
  return tokens;
}
