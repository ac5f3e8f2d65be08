/**
 * What a `pg_notify` in each writing transaction costs under concurrency (issue 22). PostgreSQL serializes the commits
 * of transactions that notify (a lock on the notification queue is held from before the commit record is written until
 * the commit is flushed), so concurrent notifying commits cannot share a WAL flush the way plain commits do.
 *
 *   npm run bench:notify
 *   NOTIFY_CLIENTS=10 NOTIFY_SECONDS=5 NOTIFY_ROUNDS=3 npm run bench:notify
 *
 * Each client (NOTIFY_CLIENTS, default 10: Persona's default pool) loops over transactions on its own connection, each
 * updating one random row of 50,000 in a scratch schema, the way `POST /users/me` does. Variants, run alternately for
 * NOTIFY_ROUNDS rounds of NOTIFY_SECONDS each: `plain` (begin, update, commit), `notify` (begin, update, pg_notify,
 * commit: Persona's write path before issue 22), `notify in commit` (begin, update, then `pg_notify` and `commit`
 * sent as one simple query: one round trip fewer), `notify, async commit` (as `notify`, with `synchronous_commit`
 * off for the transaction: the serialized section no longer waits for the disk; not Persona's durability), `one
 * statement` (`with written as (update … returning) select …, pg_notify(…) from written`, no `begin` or `commit`:
 * Persona's user update since issue 22). One LISTEN connection hears the notifications, as a second instance
 * would. Prints transactions per second and the load average.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';

const url = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const clients = Number(process.env.NOTIFY_CLIENTS || 10);
const seconds = Number(process.env.NOTIFY_SECONDS || 5);
const rounds = Number(process.env.NOTIFY_ROUNDS || 3);
const rows = 50_000;
const schema = `persona_notify_${randomBytes(4).toString('hex')}`;
const channel = `${schema}_events`;
const payload = JSON.stringify({
  origin: '7d3c1f0e-8a9b-4c2d-9e8f-0a1b2c3d4e5f',
  events: [{ type: 'user.changed', appId: 'a1b2c3d4', userId: '01938c4e-7b2a-7c3d-9e8f-0a1b2c3d4e5f' }],
});

type Variant = 'plain' | 'notify' | 'notify in commit' | 'notify, async commit' | 'one statement';

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function runVariant(variant: Variant, connections: pg.Client[]): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const update = `update "${schema}".users set modified_at = modified_at + 1 where id = $1`;
  const randomRow = () => 1 + Math.floor(Math.random() * rows);
  // Persona's user update since issue 22 (`UnitOfWork.writeWithEvents`): the write and its notification, no transaction.
  const oneStatement =
    `with written as (update "${schema}".users set modified_at = modified_at + 1 where id = $1 returning id) ` +
    'select written.id, (select count(pg_notify($2, p)) from unnest($3::text[]) as p) from written';
  const notifyAndCommit = `select pg_notify(${pg.escapeLiteral(channel)}, ${pg.escapeLiteral(payload)}); commit`;
  await Promise.all(
    connections.map(async (client) => {
      while (performance.now() < deadline) {
        if (variant === 'one statement') {
          await client.query({ name: 'one', text: oneStatement, values: [randomRow(), channel, [payload]] });
          done++;
          continue;
        }
        await client.query('begin');
        if (variant === 'notify, async commit') await client.query('set local synchronous_commit = off');
        await client.query({ name: 'update', text: update, values: [1 + Math.floor(Math.random() * rows)] });
        if (variant === 'notify' || variant === 'notify, async commit') {
          await client.query({ name: 'notify', text: 'select pg_notify($1, $2)', values: [channel, payload] });
          await client.query('commit');
        } else if (variant === 'notify in commit') {
          await client.query(notifyAndCommit);
        } else {
          await client.query('commit');
        }
        done++;
      }
    }),
  );
  return done / seconds;
}

async function main(): Promise<void> {
  const admin = await connect();
  const listener = await connect();
  const connections: pg.Client[] = [];
  let heard = 0;
  try {
    await admin.query(`create schema "${schema}"`);
    await admin.query(`create table "${schema}".users (id integer primary key, modified_at bigint not null)`);
    await admin.query(`insert into "${schema}".users select i, 0 from generate_series(1, ${rows}) as i`);
    await admin.query(`analyze "${schema}".users`);
    listener.on('notification', () => heard++);
    await listener.query(`listen "${channel}"`);
    for (let i = 0; i < clients; i++) connections.push(await connect());
    const { rows: settings } = await admin.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('synchronous_commit', 'commit_delay', 'wal_sync_method')",
    );
    console.log(
      `${clients} clients, ${seconds} s × ${rounds} rounds per variant; ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`,
    );
    const variants: Variant[] = ['plain', 'notify', 'notify in commit', 'notify, async commit', 'one statement'];
    const results = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    for (let round = 0; round < rounds; round++) {
      for (const variant of variants) {
        const rate = await runVariant(variant, connections);
        results.get(variant)?.push(rate);
        console.log(
          `round ${round + 1} ${variant.padEnd(16)} ${Math.round(rate)} tx/s (load ${os.loadavg()[0]?.toFixed(2)})`,
        );
      }
    }
    console.log('\nvariant          | tx/s per round | mean');
    for (const [variant, rates] of results) {
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      console.log(`${variant.padEnd(16)} | ${rates.map((r) => Math.round(r)).join(', ')} | ${Math.round(mean)}`);
    }
    console.log(`notifications heard by the listener: ${heard}`);
  } finally {
    for (const client of connections) await client.end().catch(() => {});
    await listener.end().catch(() => {});
    await admin.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

await main();
