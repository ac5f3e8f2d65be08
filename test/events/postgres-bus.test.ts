import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openDatabase, type PersonaDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { PersonaEvent } from '../../src/events/bus.ts';
import { type OutboxOptions, PostgresEventBus } from '../../src/events/postgres-bus.ts';
import { testDatabases } from '../helpers/databases.ts';
import { eventually } from '../helpers/persona.ts';

const postgres = testDatabases.find((d) => d.name === 'postgres');
assert.ok(postgres);

const changed = (userId: string): PersonaEvent => ({ type: 'user.changed', appId: 'app', userId });
/** An envelope as another instance writes it. */
const envelope = (...events: PersonaEvent[]) => JSON.stringify({ origin: 'another-instance', events });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the outbox event bus on PostgreSQL', { skip: postgres.skip }, () => {
  let target: ReturnType<NonNullable<typeof postgres>['create']>;
  let database: PersonaDatabase;
  const opened: { end(): Promise<void> }[] = [];

  before(async () => {
    target = postgres.create();
    database = openDatabase({ url: target.url, ...(target.schema ? { schema: target.schema } : {}) });
    await migrateToLatest(database);
  });
  after(async () => {
    for (const closable of opened) await closable.end().catch(() => {});
    await database?.close();
    await target?.drop();
  });

  /** A bus on the test's schema, and the user ids of the events it delivered, in order. */
  async function listening(options: OutboxOptions = {}): Promise<{ bus: PostgresEventBus; heard: string[] }> {
    const bus = await PostgresEventBus.connect(database.postgres as pg.ClientConfig, target.schema, options);
    opened.push({ end: () => bus.close() });
    const heard: string[] = [];
    bus.subscribe((event) => {
      if (event.type === 'user.changed') heard.push(event.userId);
    });
    return { bus, heard };
  }

  /** A session of a writer, outside Persona: its transactions are opened and committed by hand. */
  async function session(): Promise<pg.Client> {
    const client = new pg.Client(database.postgres as pg.ClientConfig);
    await client.connect();
    opened.push(client);
    return client;
  }

  async function begunWithXid(client: pg.Client): Promise<bigint> {
    await client.query('begin');
    const { rows } = await client.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
    return BigInt(rows[0]?.xid ?? '0');
  }

  const insert = (client: pg.Client, ...events: PersonaEvent[]) =>
    client.query('insert into event_outbox (payload) values ($1)', [envelope(...events)]);

  it('delivers the events of a transaction that commits after one that began later', async () => {
    const { heard } = await listening();
    const [early, late] = [await session(), await session()];
    const earlyXid = await begunWithXid(early);
    const lateXid = await begunWithXid(late);
    assert.ok(earlyXid < lateXid);
    await insert(late, changed('late'));
    await late.query('commit');
    await eventually(() => heard.includes('late'), 5000);
    // Several reads go by while the early transaction is still open, each with a cursor past the late one's id.
    await sleep(500);
    await insert(early, changed('early'));
    await early.query('commit');
    await eventually(() => heard.includes('early'), 5000);
    assert.deepEqual(heard, ['late', 'early'], 'each event once');
  });

  it('loses no event and repeats none while a transaction stays open across many reads', async () => {
    const { heard } = await listening();
    const [open, writer] = [await session(), await session()];
    await begunWithXid(open);
    await insert(open, changed('open-1'));
    const expected: string[] = [];
    for (let i = 0; i < 20; i++) {
      await writer.query('begin');
      await insert(writer, changed(`w${i}`));
      await writer.query('commit');
      expected.push(`w${i}`);
      await sleep(25);
    }
    await eventually(() => heard.length >= expected.length, 5000);
    await sleep(400);
    assert.deepEqual(heard, expected, 'the open transaction is not heard of, and nothing is heard twice');
    await insert(open, changed('open-2'));
    await open.query('commit');
    await eventually(() => heard.includes('open-2'), 5000);
    await sleep(400);
    assert.deepEqual(heard, [...expected, 'open-1', 'open-2']);
  });

  it('is live only while its reads of the outbox return, though its connection stays up', async () => {
    const { bus } = await listening();
    assert.ok(bus.live);
    const losses = bus.connectionLosses;
    const locker = await session();
    // Reads of the outbox wait for the lock; nothing else is wrong with the connection.
    await locker.query('begin');
    await locker.query('lock table event_outbox in access exclusive mode');
    const lockedAt = performance.now();
    await eventually(() => !bus.live, 3000);
    const stale = performance.now() - lockedAt;
    assert.ok(stale <= 1000 + 300, `not live within the bound (${Math.round(stale)} ms)`);
    await locker.query('rollback');
    await eventually(() => bus.live, 3000);
    assert.equal(bus.connectionLosses, losses, 'the connection was never lost');
  });

  it('signals a gap when its connection is lost, and once back still delivers what committed meanwhile', async () => {
    const { bus, heard } = await listening();
    let gaps = 0;
    bus.onGap(() => gaps++);
    const [killer, writer] = [await session(), await session()];
    const losses = bus.connectionLosses;
    await killer.query('select pg_terminate_backend($1)', [bus.listenerPid]);
    await eventually(() => bus.connectionLosses > losses, 5000);
    assert.equal(bus.live, false);
    await insert(writer, changed('while-away'));
    await eventually(() => bus.live, 15_000);
    await eventually(() => heard.includes('while-away'), 5000);
    assert.ok(gaps >= 2, 'a gap at the loss and another once back: caches filled meanwhile go');
  });

  it('deletes the rows of transactions that ended longer ago than the retention, once every reader had them', async () => {
    const { heard } = await listening({ retentionMs: 1000 });
    const writer = await session();
    const { rows } = await writer.query<{ id: string }>('insert into event_outbox (payload) values ($1) returning id', [
      envelope(changed('kept-then-pruned')),
    ]);
    const id = rows[0]?.id;
    await eventually(() => heard.includes('kept-then-pruned'), 5000);
    const count = async () =>
      Number((await writer.query('select count(*) as n from event_outbox where id = $1', [id])).rows[0]?.n);
    assert.equal(await count(), 1, 'read, but not yet older than the retention');
    await eventually(async () => (await count()) === 0, 15_000);
  });
});
