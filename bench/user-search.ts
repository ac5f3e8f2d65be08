/**
 * The admin's user search (`GET /admin/v1/users?query=`) on a large app, in-process: `npm run bench:search`. Fills a
 * fresh database with SEARCH_USERS users (300,000; nine in ten in the searched app), then times `listUsers` (a page of
 * 50) for prefixes that match nobody, a handful, about 1/256, 1/16 and every user, and prints the plan of the page
 * query for two of them (`EXPLAIN ANALYZE` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite).
 *
 * Settings: SEARCH_DATABASE=postgres (a fresh schema of BENCH_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/test; a temporary SQLite file otherwise), SEARCH_USERS, SEARCH_INDEXES=0 (drops the
 * search indexes of migration 0010 first: the plans before it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { UsersRepository } from '../src/core/identity/users.repository.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { InProcessEventBus } from '../src/events/bus.ts';

const postgres = process.env.SEARCH_DATABASE === 'postgres';
const userCount = Number(process.env.SEARCH_USERS ?? 300_000);
const withIndexes = process.env.SEARCH_INDEXES !== '0';
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_search_${randomBytes(4).toString('hex')}`;
const directory = postgres ? undefined : mkdtempSync(join(os.tmpdir(), 'persona-search-'));

const queries: CompiledQuery[] = [];
const database = openDatabase({
  url: postgres ? postgresUrl : `sqlite:${join(directory as string, 'search.db')}`,
  schema: postgres ? schema : undefined,
  statementTimeoutMs: 600_000,
  onQuery: (_durationMs, query) => {
    queries.push(query);
  },
});

try {
  await migrateToLatest(database);
  const { db } = database;
  const now = Date.now();
  for (const id of ['app1', 'app2']) {
    await db
      .insertInto('apps')
      .values({
        id,
        name: id,
        app_key_hash: 'k',
        client_id: id,
        client_secret_hash: 's',
        settings: '{}',
        created_at: now,
      })
      .execute();
  }
  // Login names all start with `user`; emails and display names with eight pseudo-random hex digits; a third have a
  // phone number. The same rows on both dialects.
  const started = performance.now();
  if (postgres) {
    await sql`insert into users (id, app_id, login_name, login_name_key, email_address, email_key, phone_number,
        display_name, display_name_key, created_at, modified_at)
      select lpad(to_hex(i), 8, '0') || '-0000-7000-8000-000000000000', case when i % 10 = 0 then 'app2' else 'app1' end,
        'User' || h || i, 'user' || h || i, h || '.' || i || '@example.com', h || '.' || i || '@example.com',
        case when i % 3 = 0 then '+1555' || lpad(i::text, 7, '0') end, upper(d) || ' ' || i, d || ' ' || i, ${now}, ${now}
      from (select i, lpad(to_hex((i::bigint * 2654435761) % 4294967296), 8, '0') as h,
                   lpad(to_hex((i::bigint * 40503 + 7) % 4294967296), 8, '0') as d
            from generate_series(1, ${userCount}) as i) as s`.execute(db);
    await sql`analyze users`.execute(db);
  } else {
    await sql`insert into users (id, app_id, login_name, login_name_key, email_address, email_key, phone_number,
        display_name, display_name_key, custom_fields, created_at, modified_at)
      with recursive s(i) as (select 1 union all select i + 1 from s where i < ${userCount}),
        hashed as (select i, printf('%08x', (i * 2654435761) % 4294967296) as h,
                          printf('%08x', (i * 40503 + 7) % 4294967296) as d from s)
      select printf('%08x', i) || '-0000-7000-8000-000000000000', case when i % 10 = 0 then 'app2' else 'app1' end,
        'User' || h || i, 'user' || h || i, h || '.' || i || '@example.com', h || '.' || i || '@example.com',
        case when i % 3 = 0 then '+1555' || printf('%07d', i) end, upper(d) || ' ' || i, d || ' ' || i, '{}', ${now}, ${now}
      from hashed`.execute(db);
  }
  console.log(
    `${postgres ? 'PostgreSQL' : 'SQLite'}: ${userCount} users in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (!withIndexes) {
    for (const index of ['login_name', 'email', 'phone', 'display_name']) {
      await sql`drop index ${sql.id(`users_search_${index}`)}`.execute(db);
    }
    console.log('search indexes dropped (the plans before migration 0010)');
  }

  const bus = new InProcessEventBus();
  database.unitOfWork.useBus(bus);
  const users = new UsersRepository(database.unitOfWork, bus, { maxBytes: 0, ttlMs: 0 });
  const prefixes = [
    ['zzz', 'nobody'],
    ['abcd', 'a handful'],
    ['ab', 'about 1/256'],
    ['a', 'about 1/16'],
    ['user', 'every user'],
  ] as const;
  for (const [query, share] of prefixes) {
    const runs: number[] = [];
    let found = 0;
    for (let i = 0; i < 11; i++) {
      const start = performance.now();
      found = (await users.listUsers('app1', { query, limit: 50 })).length;
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    console.log(
      `query=${query.padEnd(5)} (${share.padEnd(11)}) ${String(found).padStart(2)} found, median ${runs[5]?.toFixed(2)} ms`,
    );
  }

  for (const query of ['abcd', 'a']) {
    queries.length = 0;
    await users.listUsers('app1', { query, limit: 50 });
    const ran = [...queries];
    const page = ran.at(-1) as CompiledQuery;
    console.log(`\nplan of the ${postgres ? 'page query' : 'queries'}, query=${query}:`);
    if (postgres) {
      const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        const { rows } = await client.query(`explain (analyze, costs off) ${page.sql}`, [...page.parameters]);
        for (const row of rows) console.log(`  ${row['QUERY PLAN']}`);
      } finally {
        await client.end();
      }
    } else {
      for (const query of ran) {
        const { rows } = await db.executeQuery(
          CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
        );
        console.log(`  ${rows.map((row) => (row as { detail: string }).detail).join(' | ')}`);
      }
    }
  }
} finally {
  if (postgres) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
  await database.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
}
