/**
 * What a `pg_notify` in each writing transaction costs under concurrency (issue 22). PostgreSQL serializes the commits
 * of transactions that notify (a lock on the notification queue is held from before the commit record is written until
 * the commit is flushed), so concurrent notifying commits cannot share a WAL flush the way plain commits do.
 *
 *   npm run bench:notify
 *   NOTIFY_CLIENTS=10 NOTIFY_SECONDS=5 NOTIFY_ROUNDS=3 npm run bench:notify
 *   NOTIFY_VARIANTS="plain;notify;outbox" npm run bench:notify   (a subset, separated by semicolons)
 *
 * Each client (NOTIFY_CLIENTS, default 10: Persona's default pool) loops over transactions on its own connection, each
 * updating one random row of 50,000 in a scratch schema, the way `POST /users/me` does. Variants, run alternately for
 * NOTIFY_ROUNDS rounds of NOTIFY_SECONDS each: `plain` (begin, update, commit), `notify` (begin, update, pg_notify,
 * commit: Persona's write path before issue 22), `notify in commit` (begin, update, then `pg_notify` and `commit`
 * sent as one simple query: one round trip fewer), `notify, async commit` (as `notify`, with `synchronous_commit`
 * off for the transaction: the serialized section no longer waits for the disk; not Persona's durability), `one
 * statement` (`with written as (update … returning) select …, pg_notify(…) from written`, no `begin` or `commit`:
 * Persona's user update before the outbox), `outbox` (begin, update, insert into `event_outbox`, commit: Persona's
 * transaction since the outbox) and `outbox, one statement` (`with written as (update … returning), queued as (insert
 * into event_outbox …) select … from written`: Persona's user update since the outbox). In the outbox variants each
 * commit is followed by a hint (`pg_notify` with no payload on a connection of its own with `synchronous_commit`
 * off, at most one in flight), as `PostgresEventBus` sends. One connection hears the notifications and reads the
 * outbox every 150 ms and at each hint, as a second instance would. Prints transactions per second and the load
 * average.
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

type Variant =
  | 'plain'
  | 'notify'
  | 'notify in commit'
  | 'notify, async commit'
  | 'one statement'
  | 'outbox'
  | 'outbox, one statement';

/** The hints of one instance: at most one in flight, those asked meanwhile sent as one after it. */
function hinter(client: pg.Client): () => void {
  let inFlight = false;
  let again = false;
  const hint = (): void => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    again = false;
    client.query({ name: 'hint', text: 'select pg_notify($1, $2)', values: [channel, ''] }).then(
      () => {
        inFlight = false;
        if (again) hint();
      },
      // The connection ended with the run.
      () => {},
    );
  };
  return hint;
}

/** Reads the outbox as `PostgresEventBus` does: by snapshot, every 150 ms and at each hint, one read at a time. */
function outboxReader(client: pg.Client): { rowsRead: () => number; stop: () => void } {
  let xmax = '0';
  let xip: string[] = [];
  let rowsRead = 0;
  let inFlight = false;
  let again = false;
  let stopped = false;
  const read = (): void => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    again = false;
    client
      .query<{ snapshot: string; payloads: string[] }>({
        name: 'read',
        text:
          'select pg_current_snapshot()::text as snapshot, array(select payload from event_outbox ' +
          'where xid >= $1::xid8 or xid = any($2::xid8[]) order by id) as payloads',
        values: [xmax, xip],
      })
      .then(
        ({ rows }) => {
          const [, max = '0', list = ''] = (rows[0]?.snapshot ?? '').split(':');
          xmax = max;
          xip = list === '' ? [] : list.split(',');
          rowsRead += rows[0]?.payloads.length ?? 0;
          inFlight = false;
          if (again) read();
        },
        () => {},
      );
  };
  // A hint, not a notification carrying events (those of the `notify` variants).
  client.on('notification', (message) => {
    if (message.payload === '') read();
  });
  const timer = setInterval(read, 150);
  return {
    rowsRead: () => rowsRead,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function runVariant(variant: Variant, connections: pg.Client[], hint: () => void): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const update = `update "${schema}".users set modified_at = modified_at + 1 where id = $1`;
  const randomRow = () => 1 + Math.floor(Math.random() * rows);
  // Persona's user update since issue 22 (`UnitOfWork.writeWithEvents`): the write and its notification, no transaction.
  const oneStatement =
    `with written as (update "${schema}".users set modified_at = modified_at + 1 where id = $1 returning id) ` +
    'select written.id, (select count(pg_notify($2, p)) from unnest($3::text[]) as p) from written';
  const notifyAndCommit = `select pg_notify(${pg.escapeLiteral(channel)}, ${pg.escapeLiteral(payload)}); commit`;
  // Persona's user update since the outbox (`UnitOfWork.writeWithEvents`).
  const outboxStatement =
    `with written as (update "${schema}".users set modified_at = modified_at + 1 where id = $1 returning id), ` +
    `queued as (insert into "${schema}".event_outbox (payload) select unnest($2::text[]) ` +
    'where exists (select from written)) select written.id from written';
  const queue = `insert into "${schema}".event_outbox (payload) select unnest($1::text[])`;
  await Promise.all(
    connections.map(async (client) => {
      while (performance.now() < deadline) {
        if (variant === 'one statement') {
          await client.query({ name: 'one', text: oneStatement, values: [randomRow(), channel, [payload]] });
          done++;
          continue;
        }
        if (variant === 'outbox, one statement') {
          await client.query({ name: 'outbox one', text: outboxStatement, values: [randomRow(), [payload]] });
          hint();
          done++;
          continue;
        }
        if (variant === 'outbox') {
          await client.query('begin');
          await client.query({ name: 'update', text: update, values: [randomRow()] });
          await client.query({ name: 'queue', text: queue, values: [[payload]] });
          await client.query('commit');
          hint();
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
  const hints = await connect();
  const connections: pg.Client[] = [];
  let heard = 0;
  let reader: ReturnType<typeof outboxReader> | undefined;
  try {
    await admin.query(`create schema "${schema}"`);
    await admin.query(`create table "${schema}".users (id integer primary key, modified_at bigint not null)`);
    await admin.query(`insert into "${schema}".users select i, 0 from generate_series(1, ${rows}) as i`);
    await admin.query(`analyze "${schema}".users`);
    await admin.query(
      `create table "${schema}".event_outbox (id bigint primary key generated always as identity, ` +
        'xid xid8 not null default pg_current_xact_id(), payload text not null, ' +
        'created_at timestamptz not null default now())',
    );
    await admin.query(`create index on "${schema}".event_outbox (xid)`);
    listener.on('notification', (message) => {
      if (message.payload) heard++;
    });
    await listener.query(`set search_path = "${schema}"`);
    await listener.query('set synchronous_commit = off');
    await listener.query(`listen "${channel}"`);
    await hints.query('set synchronous_commit = off');
    reader = outboxReader(listener);
    const hint = hinter(hints);
    for (let i = 0; i < clients; i++) connections.push(await connect());
    const { rows: settings } = await admin.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('synchronous_commit', 'commit_delay', 'wal_sync_method')",
    );
    console.log(
      `${clients} clients, ${seconds} s × ${rounds} rounds per variant; ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`,
    );
    const variants: Variant[] = (process.env.NOTIFY_VARIANTS?.split(';') as Variant[] | undefined) ?? [
      'plain',
      'notify',
      'notify in commit',
      'notify, async commit',
      'one statement',
      'outbox',
      'outbox, one statement',
    ];
    const results = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    for (let round = 0; round < rounds; round++) {
      for (const variant of variants) {
        const rate = await runVariant(variant, connections, hint);
        results.get(variant)?.push(rate);
        console.log(
          `round ${round + 1} ${variant.padEnd(21)} ${Math.round(rate)} tx/s (load ${os.loadavg()[0]?.toFixed(2)})`,
        );
      }
    }
    console.log('\nvariant               | tx/s per round | mean');
    for (const [variant, rates] of results) {
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      console.log(`${variant.padEnd(21)} | ${rates.map((r) => Math.round(r)).join(', ')} | ${Math.round(mean)}`);
    }
    console.log(`notifications heard by the listener: ${heard}; outbox rows read: ${reader.rowsRead()}`);
  } finally {
    reader?.stop();
    await hints.end().catch(() => {});
    for (const client of connections) await client.end().catch(() => {});
    await listener.end().catch(() => {});
    await admin.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

await main();
