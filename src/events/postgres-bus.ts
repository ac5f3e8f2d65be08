import { createHash, randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { InProcessEventBus, type PersonaEvent } from './bus.ts';

interface Envelope {
  /** The instance that published, which has already delivered the events to itself. */
  origin: string;
  events: PersonaEvent[];
}

/** Several events share one outbox row while it stays this small (the size NOTIFY once capped it at). */
const maxPayloadBytes = 7900;
/**
 * How old an instance's knowledge of the other instances' commits may be while it still answers from its caches: a
 * change committed (a token revoked) on one instance is seen by every other within this bound, whatever happens to
 * the bus's connection or the event loop. See docs/decisions/0005-unit-of-work-and-events.md.
 */
export const freshnessBoundMs = 1000;

/** How many outbox rows one delete of the retention takes at most. */
const pruneBatch = 1000;

/** How the bus reads the outbox; tests shorten the retention. */
export interface OutboxOptions {
  /** How often the outbox is read when no hint came: a few reads fit in `freshnessBoundMs`, so one slow read costs nothing. */
  pollIntervalMs?: number;
  /** A read unanswered this long means a connection that died without a word (a dropped route): it counts as lost. */
  pollTimeoutMs?: number;
  /**
   * How long a committed event stays in the outbox. An instance that was disconnected for less than half of it reads on
   * from where it stopped once it reconnects; one away longer starts from the present.
   */
  retentionMs?: number;
}

/**
 * The channel of a deployment: one per schema, so that deployments (and test runs) sharing a database never hear
 * each other. Long schema names are hashed to stay within PostgreSQL's 63-byte identifiers.
 */
export function channelOf(schema: string | undefined): string {
  const name = `persona_events_${schema ?? 'default'}`;
  return name.length <= 63
    ? name
    : `persona_events_${createHash('sha256')
        .update(schema ?? '')
        .digest('hex')
        .slice(0, 32)}`;
}

/**
 * Which transactions' outbox rows an instance has not read yet: those that had not ended when its latest read took
 * its snapshot, i.e. every transaction id at or above the snapshot's `xmax`, and those in progress below it (`xip`).
 * Every other transaction had committed (its rows were read) or rolled back (it has none).
 */
interface Cursor {
  xmax: string;
  xip: string[];
}

/** Parses `pg_snapshot`'s text form, `xmin:xmax:xip,xip,…`. */
function snapshotOf(text: string): { xmin: string; cursor: Cursor } {
  const [xmin = '0', xmax = '0', xip = ''] = text.split(':');
  return { xmin, cursor: { xmax, xip: xip === '' ? [] : xip.split(',') } };
}

/**
 * The rows of the transactions the cursor has not read, and the snapshot they were read in: one statement, so the
 * rows and the snapshot that says which transactions had ended are the same snapshot.
 */
const readOutbox =
  'select pg_current_snapshot()::text as snapshot, array(select payload from event_outbox ' +
  'where xid >= $1::xid8 or xid = any($2::xid8[]) order by id) as payloads';

/**
 * Carries events between instances sharing PostgreSQL through the `event_outbox` table. Publishing is an insert in
 * the writing transaction (see `UnitOfWork`): inserts of concurrent transactions do not wait for each other, where
 * a `pg_notify` in each transaction made their commits flush one at a time (docs/benchmarks.md, issue 22). Each
 * instance reads the outbox on one connection of its own, every `pollIntervalMs` and at once when another instance
 * hints that it committed events (a `pg_notify` with no payload, sent after the commit, outside the transaction).
 *
 * A read fetches the rows of the transactions its cursor had not read, and moves the cursor to its own snapshot, so
 * a transaction that commits after others that began later (a long one) is read whenever it commits, and no row is
 * read twice. The bus is `live` only while its latest successful read was sent within `freshnessBoundMs`: a read
 * sent at time t sees every transaction committed before t, so every event committed before t has been handled.
 * While not live, caches answer nothing and store nothing; so an instance never answers from a cache older than the
 * bound, whether the connection is lost, silently dead, or slow, or the event loop is late. A gap is signalled when
 * the connection is lost and again once it is back.
 */
export class PostgresEventBus extends InProcessEventBus {
  readonly channel: string;
  readonly #origin = randomUUID();
  readonly #config: pg.ClientConfig;
  readonly #pollIntervalMs: number;
  readonly #pollTimeoutMs: number;
  readonly #retentionMs: number;
  #client: pg.Client | undefined;
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #poller: NodeJS.Timeout | undefined;
  #cursor: Cursor | undefined;
  /** When (`performance.now()`) the read that set the cursor was sent. */
  #cursorAt = Number.NEGATIVE_INFINITY;
  /** When the latest successful read was sent; -Infinity when none was since connecting. */
  #freshAt = Number.NEGATIVE_INFINITY;
  #polling = false;
  /** A hint came while a read was in flight, whose snapshot may predate the hinted commit: read again after it. */
  #pollAgain = false;
  #hinting = false;
  #hintAgain = false;
  /**
   * Snapshot horizons sampled as reads go (`xmin`: every transaction below it had ended), oldest first, at most one
   * per `retentionMs / 4`: rows below the horizon of a sample older than the retention ended before then, and go.
   */
  readonly #horizons: { at: number; xmin: string }[] = [];
  /** Rows below this transaction id are to be deleted; undefined when none are left. */
  #pruneBelow: string | undefined;
  #pruning = false;
  #firstPoll: PromiseWithResolvers<void> | undefined;
  #reconnectDelayMs = 250;
  #connectionLosses = 0;

  private constructor(config: pg.ClientConfig, channel: string, options: OutboxOptions) {
    super();
    // The bus writes nothing a crash must keep (a hint, a pruning of old rows): no transaction of it waits for a flush.
    const settings = [config.options, '-c synchronous_commit=off'].filter(Boolean).join(' ');
    this.#config = { ...config, options: settings, application_name: 'persona-events', keepAlive: true };
    this.channel = channel;
    this.#pollIntervalMs = options.pollIntervalMs ?? 150;
    this.#pollTimeoutMs = options.pollTimeoutMs ?? 5_000;
    this.#retentionMs = options.retentionMs ?? 10 * 60_000;
  }

  /**
   * Resolves once the bus's connection is established (no event committed after it is missed) and its first read of
   * the outbox has returned (the bus is live).
   */
  static async connect(
    config: pg.ClientConfig,
    schema: string | undefined,
    options: OutboxOptions = {},
  ): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(config, channelOf(schema), options);
    bus.#firstPoll = Promise.withResolvers<void>();
    try {
      await bus.#connect();
      bus.#poller = setInterval(() => bus.#poll(), bus.#pollIntervalMs);
      bus.#poller.unref();
      await bus.#firstPoll.promise;
    } catch (error) {
      await bus.close();
      throw error;
    } finally {
      bus.#firstPoll = undefined;
    }
    return bus;
  }

  override get connectionLosses(): number {
    return this.#connectionLosses;
  }

  /** Whether this instance has handled every event committed up to `freshnessBoundMs` ago (see the class). */
  override get live(): boolean {
    return this.#client !== undefined && performance.now() - this.#freshAt <= freshnessBoundMs;
  }

  /** The backend process id of the bus's connection (tests end it to simulate a lost connection). */
  get listenerPid(): number | undefined {
    return (this.#client as { processID?: number } | undefined)?.processID;
  }

  override notifications(events: readonly PersonaEvent[]): CompiledQuery[] {
    if (events.length === 0) return [];
    return [
      CompiledQuery.raw('insert into event_outbox (payload) select unnest($1::text[])', [this.#payloads(events)]),
    ];
  }

  override payloadsOf(events: readonly PersonaEvent[]): string[] | undefined {
    return events.length === 0 ? undefined : this.#payloads(events);
  }

  /** Hands the events to this instance's handlers, and hints the other instances to read the outbox now. */
  override published(events: readonly PersonaEvent[]): void {
    super.published(events);
    if (events.length > 0) this.#hint();
  }

  /** The events in envelopes of this instance, as many to an envelope as fit in `maxPayloadBytes`. */
  #payloads(events: readonly PersonaEvent[]): string[] {
    const payloads: string[] = [];
    let batch: PersonaEvent[] = [];
    const flush = () => {
      if (batch.length > 0) payloads.push(JSON.stringify({ origin: this.#origin, events: batch } satisfies Envelope));
      batch = [];
    };
    for (const event of events) {
      const candidate = JSON.stringify({ origin: this.#origin, events: [...batch, event] });
      if (Buffer.byteLength(candidate) > maxPayloadBytes) flush();
      batch.push(event);
    }
    flush();
    return payloads;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.#config);
    client.on('notification', (message) => {
      // A hint of this instance's own commit: its events were delivered here already.
      if (client !== this.#client || message.processId === this.listenerPid) return;
      this.#poll(true);
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      // Back within half the retention, the rows not read yet are all still there: reading on from the cursor loses
      // none. Otherwise (or at start) the present is where reading starts.
      if (!this.#cursor || performance.now() - this.#cursorAt > this.#retentionMs / 2) {
        const { rows } = await client.query<{ snapshot: string }>('select pg_current_snapshot()::text as snapshot');
        this.#cursor = snapshotOf(rows[0]?.snapshot ?? '').cursor;
        this.#cursorAt = performance.now();
      }
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#reconnectDelayMs = 250;
    // Caches filled from reads that raced the reconnect must go, and events skipped by starting from the present too.
    this.signalGap();
    this.#poll();
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#freshAt = Number.NEGATIVE_INFINITY;
    this.#polling = false;
    this.#pollAgain = false;
    this.#hinting = false;
    this.#hintAgain = false;
    this.#pruning = false;
    this.#connectionLosses++;
    this.#firstPoll?.reject(new Error('the event bus lost its connection before its first read of the outbox'));
    client.end().catch(() => {});
    if (this.#closed) return;
    this.signalGap();
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#connect().catch(() => {
        this.#reconnectDelayMs = Math.min(this.#reconnectDelayMs * 2, 5000);
        this.#scheduleReconnect();
      });
    }, this.#reconnectDelayMs);
    this.#reconnectTimer.unref();
  }

  /**
   * Reads the outbox rows the cursor has not read, one read at a time; `hinted` when another instance said it
   * committed events, which a read already in flight may have missed. A read unanswered within `pollTimeoutMs` means
   * a connection that died without a word (a dropped route), and counts as lost.
   */
  #poll(hinted = false): void {
    const client = this.#client;
    const cursor = this.#cursor;
    if (!client || !cursor) return;
    if (this.#polling) {
      if (hinted) this.#pollAgain = true;
      return;
    }
    this.#polling = true;
    this.#pollAgain = false;
    const sentAt = performance.now();
    // Reads held up longer than that (a stalled event loop) may find rows they had not read pruned by another instance.
    if (sentAt - this.#cursorAt > this.#retentionMs / 2) this.signalGap();
    const timeout = setTimeout(() => this.#lost(client), this.#pollTimeoutMs);
    timeout.unref();
    client
      // Not a named (prepared) statement: PostgreSQL would come to plan it once for any cursor, and a plan for
      // "xid >= some value" scans the table, where this one's values match the few rows at its end.
      .query<{ snapshot: string; payloads: string[] }>(readOutbox, [cursor.xmax, cursor.xip])
      .then(
        ({ rows }) => {
          clearTimeout(timeout);
          if (client !== this.#client) return;
          const { xmin, cursor: next } = snapshotOf(rows[0]?.snapshot ?? '');
          this.#cursor = next;
          this.#cursorAt = sentAt;
          for (const payload of rows[0]?.payloads ?? []) this.#handle(payload);
          this.#freshAt = Math.max(this.#freshAt, sentAt);
          this.#firstPoll?.resolve();
          this.#noteHorizon(sentAt, xmin);
          this.#polling = false;
          if (this.#pollAgain) this.#poll();
        },
        () => {
          clearTimeout(timeout);
          this.#lost(client);
        },
      );
  }

  #handle(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.origin !== this.#origin && Array.isArray(envelope.events)) this.deliver(envelope.events);
  }

  /**
   * Samples a read's horizon, and deletes the rows of transactions that ended before the newest sample older than the
   * retention, `pruneBatch` rows after each read until none is left: a read waits for the statement before it on the
   * connection, so no delete may take long. Every instance prunes: concurrent deletes of the same rows are harmless.
   */
  #noteHorizon(at: number, xmin: string): void {
    const last = this.#horizons.at(-1);
    if (!last || at - last.at >= this.#retentionMs / 4) this.#horizons.push({ at, xmin });
    while ((this.#horizons[0]?.at ?? Number.POSITIVE_INFINITY) <= at - this.#retentionMs) {
      this.#pruneBelow = this.#horizons.shift()?.xmin;
    }
    const client = this.#client;
    const below = this.#pruneBelow;
    if (below === undefined || !client || this.#pruning) return;
    this.#pruning = true;
    client
      .query(
        'delete from event_outbox where id = any(array(select id from event_outbox where xid < $1::xid8 limit $2))',
        [below, pruneBatch],
      )
      .then(
        ({ rowCount }) => {
          if (client !== this.#client) return;
          this.#pruning = false;
          if ((rowCount ?? 0) < pruneBatch && this.#pruneBelow === below) this.#pruneBelow = undefined;
        },
        () => this.#lost(client),
      );
  }

  /**
   * Tells the other instances that events committed, so that they read the outbox now rather than at their next
   * poll. One hint at a time: those asked meanwhile are sent as one once it is back.
   */
  #hint(): void {
    const client = this.#client;
    if (!client) return;
    if (this.#hinting) {
      this.#hintAgain = true;
      return;
    }
    this.#hinting = true;
    this.#hintAgain = false;
    client.query({ name: 'persona_hint', text: 'select pg_notify($1, $2)', values: [this.channel, ''] }).then(
      () => {
        if (client !== this.#client) return;
        this.#hinting = false;
        if (this.#hintAgain) this.#hint();
      },
      () => this.#lost(client),
    );
  }

  override async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#poller);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
    await super.close();
  }
}
