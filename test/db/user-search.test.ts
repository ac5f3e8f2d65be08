import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { UsersRepository } from '../../src/core/identity/users.repository.ts';
import { openDatabase, type PersonaDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { InProcessEventBus } from '../../src/events/bus.ts';
import { testDatabases } from '../helpers/databases.ts';

const appId = 'search-app';
/** Users of the app: 1,500 whose login names start with `walker` (a prefix most of them share), and 1,500 others. */
const userCount = 3000;

interface Seeded {
  id: string;
  fields: string[];
}

/** The user's searched fields as the admin sees them (the repository keeps lower-case keys of the first two). */
function fieldsOf(i: number): { login: string; email: string | null; phone: string | null; display: string | null } {
  const n = String(i).padStart(4, '0');
  return {
    login: i % 2 === 0 ? `Walker${n}` : `user${n}`,
    email: i % 3 === 0 ? `Mail.${n}@Example.org` : null,
    phone: i % 5 === 0 ? `+1555${n}` : null,
    display: i % 7 === 0 ? `Zoë ${n}%_` : null,
  };
}

for (const database of testDatabases) {
  describe(`the admin's user search on ${database.name}`, { skip: database.skip }, () => {
    let persona: PersonaDatabase;
    let drop: () => Promise<void>;
    let users: UsersRepository;
    let seeded: Seeded[];
    const queries: CompiledQuery[] = [];

    before(async () => {
      const target = database.create();
      persona = openDatabase({
        url: target.url,
        schema: target.schema,
        onQuery: (_durationMs, query) => {
          queries.push(query);
        },
      });
      drop = async () => {
        await persona.close();
        await target.drop();
      };
      await migrateToLatest(persona);
      const { db } = persona;
      const now = Date.now();
      await db
        .insertInto('apps')
        .values({
          id: appId,
          name: appId,
          app_key_hash: 'k',
          client_id: appId,
          client_secret_hash: 's',
          settings: '{}',
          created_at: now,
        })
        .execute();
      seeded = [];
      const rows = Array.from({ length: userCount }, (_, i) => {
        const { login, email, phone, display } = fieldsOf(i);
        const id = `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;
        seeded.push({
          id,
          fields: [login, email, phone, display].filter((f) => f !== null).map((f) => f.toLowerCase()),
        });
        return {
          id,
          app_id: appId,
          login_name: login,
          login_name_key: login.toLowerCase(),
          email_address: email,
          email_key: email?.toLowerCase() ?? null,
          phone_number: phone,
          display_name: display,
          display_name_key: display?.toLowerCase() ?? null,
          custom_fields: '{}',
          email_verified: false,
          phone_verified: false,
          disabled: false,
          created_at: now,
          modified_at: now,
        };
      });
      for (let start = 0; start < rows.length; start += 500) {
        await db
          .insertInto('users')
          .values(rows.slice(start, start + 500))
          .execute();
      }
      // As autovacuum would after such an import; the planner chooses by these statistics.
      if (database.name === 'postgres') await sql`analyze users`.execute(db);
      const bus = new InProcessEventBus();
      persona.unitOfWork.useBus(bus);
      users = new UsersRepository(persona.unitOfWork, bus, { maxBytes: 0, ttlMs: 0 });
    });
    after(() => drop());

    /** Every page of a search, in order, as ids. */
    async function searchAll(query: string, limit: number): Promise<string[]> {
      const found: string[] = [];
      for (;;) {
        const page = await users.listUsers(appId, { query, afterId: found.at(-1), limit });
        found.push(...page.map((user) => user.id));
        if (page.length < limit) return found;
      }
    }

    it('finds a case-insensitive prefix of any searched field, in creation order, page by page', async () => {
      for (const [query, limit] of [
        ['WALKER', 200],
        ['walker01', 7],
        ['mail.00', 10],
        ['+15550', 25],
        ['zoë 00', 3],
        ['ZOË 0007%_', 5],
        ['u', 500],
        ['%', 10],
        ['_', 10],
        ['nobody', 10],
      ] as const) {
        const expected = seeded
          .filter((user) => user.fields.some((field) => field.startsWith(query.toLowerCase())))
          .map((user) => user.id);
        assert.deepEqual(await searchAll(query, limit), expected, `query ${query}`);
      }
    });

    /** The plans of the queries of one search, with the values it ran them with. */
    async function plansOfSearch(query: string): Promise<string[]> {
      queries.length = 0;
      await users.listUsers(appId, { query, limit: 20 });
      const ran = [...queries];
      assert.ok(ran.length > 0);
      const plans: string[] = [];
      if (database.name === 'postgres') {
        const client = new pg.Client({
          connectionString: (persona.postgres as pg.ClientConfig).connectionString,
          options: (persona.postgres as pg.ClientConfig).options,
        });
        await client.connect();
        try {
          for (const search of ran) {
            const { rows } = await client.query(`explain ${search.sql}`, [...search.parameters]);
            plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
          }
        } finally {
          await client.end();
        }
        return plans;
      }
      for (const search of ran) {
        const { rows } = await persona.db.executeQuery(
          CompiledQuery.raw(`explain query plan ${search.sql}`, [...search.parameters]),
        );
        plans.push(rows.map((row) => (row as { detail: string }).detail).join('\n'));
      }
      return plans;
    }

    /** A plan line that reads every user of the app, or of the table. */
    const walksUsers = /Seq Scan on users|Index Scan using users_(pkey|app_id_unique)|SCAN users|\(app_id=\?\)$/m;

    it('reads a prefix that few users have through the search indexes, not every user of the app', async () => {
      const plans = await plansOfSearch('mail.000');
      const all = plans.join('\n');
      for (const column of ['login_name', 'email', 'phone', 'display_name']) {
        assert.match(all, new RegExp(`users_search_${column}`), all);
      }
      assert.doesNotMatch(all, walksUsers, all);
    });

    it('walks the users in creation order for a prefix most of them have, instead of sorting every match', async () => {
      const plans = await plansOfSearch('walker');
      const page = plans.at(-1) ?? '';
      assert.doesNotMatch(page, /users_search_|TEMP B-TREE|Sort/, page);
    });
  });
}
