import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { InProcessEventBus, type PersonaEvent } from './bus.ts';

interface Envelope {
  /** The instance that published, which has already delivered the events to itself. */
  origin: string;
  events: PersonaEvent[];
}

/** NOTIFY's limit is 8000 bytes a payload; several events share one while they fit. */
const maxPayloadBytes = 7900;
/**
 * How old an instance's knowledge of the other instances' commits may be while it still answers from its caches: a
 * change committed (a token revoked) on one instance is seen by every other within this bound, whatever happens to
 * the LISTEN connection or the event loop. See docs/decisions/0005-unit-of-work-and-events.md.
 */
export const freshnessBoundMs = 1000;
/** How often the LISTEN connection pings itself; a few pings fit in the bound, so one slow ping costs nothing. */
const pingIntervalMs = 200;
/** A ping unanswered this long means a connection that died without a word (a dropped route). */
const pingTimeoutMs = 5_000;

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
 * Carries events between instances over PostgreSQL LISTEN/NOTIFY. Publishing is a `pg_notify` inside the writing
 * transaction (see `UnitOfWork`); listening is one dedicated connection, reconnected with backoff when lost.
 *
 * The bus is `live` only while it has heard, within `freshnessBoundMs`, a ping it sent itself: every `pingIntervalMs`
 * the LISTEN connection notifies a channel only it listens on. PostgreSQL delivers the notifications of different
 * transactions in the order they committed, so hearing a ping sent at time t means every event committed before t
 * has been heard and handled. While not live, caches answer nothing and store nothing; so an instance never answers
 * from a cache older than the bound, whether the connection is lost, silently dead, or slow, or the event loop is
 * late. A gap is signalled when the connection is lost and again once it listens anew.
 */
export class PostgresEventBus extends InProcessEventBus {
  readonly channel: string;
  /** The channel of this instance's pings, which no other session listens on. */
  readonly #pingChannel = `persona_ping_${randomBytes(16).toString('hex')}`;
  readonly #origin = randomUUID();
  readonly #config: pg.ClientConfig;
  #listener: pg.Client | undefined;
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #pinger: NodeJS.Timeout | undefined;
  /** When (`performance.now()`) the latest ping heard back was sent; -Infinity when none was since listening. */
  #heardAt = Number.NEGATIVE_INFINITY;
  #pingInFlight = false;
  #firstPing: PromiseWithResolvers<void> | undefined;
  #reconnectDelayMs = 250;
  #connectionLosses = 0;

  private constructor(config: pg.ClientConfig, channel: string) {
    super();
    // A ping is a transaction of its own that nothing needs to survive a crash: it need not wait for a disk flush.
    const options = [config.options, '-c synchronous_commit=off'].filter(Boolean).join(' ');
    this.#config = { ...config, options, application_name: 'persona-events', keepAlive: true };
    this.channel = channel;
  }

  /**
   * Resolves once the LISTEN connection is established (no event committed after it is missed) and its first ping has
   * been heard (the bus is live).
   */
  static async connect(config: pg.ClientConfig, schema: string | undefined): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(config, channelOf(schema));
    bus.#firstPing = Promise.withResolvers<void>();
    try {
      await bus.#listen();
      bus.#pinger = setInterval(() => bus.#ping(), pingIntervalMs);
      bus.#pinger.unref();
      await bus.#firstPing.promise;
    } catch (error) {
      await bus.close();
      throw error;
    } finally {
      bus.#firstPing = undefined;
    }
    return bus;
  }

  override get connectionLosses(): number {
    return this.#connectionLosses;
  }

  /** Whether this instance has heard every event committed up to `freshnessBoundMs` ago (see the class). */
  override get live(): boolean {
    return this.#listener !== undefined && performance.now() - this.#heardAt <= freshnessBoundMs;
  }

  /** The backend process id of the LISTEN connection (tests end it to simulate a lost connection). */
  get listenerPid(): number | undefined {
    return (this.#listener as { processID?: number } | undefined)?.processID;
  }

  override notifications(events: readonly PersonaEvent[]): CompiledQuery[] {
    if (events.length === 0) return [];
    return [
      CompiledQuery.raw('select pg_notify($1, payload) from unnest($2::text[]) as payload', [
        this.channel,
        this.#payloads(events),
      ]),
    ];
  }

  override payloadsOf(events: readonly PersonaEvent[]): { channel: string; payloads: string[] } | undefined {
    return events.length === 0 ? undefined : { channel: this.channel, payloads: this.#payloads(events) };
  }

  /** The events in envelopes of this instance, as many to an envelope as fit in one NOTIFY. */
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

  async #listen(): Promise<void> {
    const client = new pg.Client(this.#config);
    client.on('notification', (message) => {
      if (client !== this.#listener || !message.payload) return;
      if (message.channel === this.#pingChannel) {
        this.#heardAt = Math.max(this.#heardAt, Number(message.payload));
        this.#firstPing?.resolve();
        return;
      }
      if (message.channel !== this.channel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(message.payload) as Envelope;
      } catch {
        return;
      }
      if (envelope.origin !== this.#origin && Array.isArray(envelope.events)) this.deliver(envelope.events);
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      await client.query(`LISTEN ${this.#pingChannel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listener = client;
    this.#reconnectDelayMs = 250;
    // Anything published between losing the old connection and this LISTEN went unheard: caches filled from reads
    // that raced the reconnect must go too.
    this.signalGap();
    this.#ping();
  }

  #lost(client: pg.Client): void {
    if (this.#listener !== client) return;
    this.#listener = undefined;
    this.#heardAt = Number.NEGATIVE_INFINITY;
    this.#pingInFlight = false;
    this.#connectionLosses++;
    this.#firstPing?.reject(new Error('the LISTEN connection was lost before its first ping came back'));
    client.end().catch(() => {});
    if (this.#closed) return;
    this.signalGap();
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#listen().catch(() => {
        this.#reconnectDelayMs = Math.min(this.#reconnectDelayMs * 2, 5000);
        this.#scheduleReconnect();
      });
    }, this.#reconnectDelayMs);
    this.#reconnectTimer.unref();
  }

  /**
   * Notifies this instance's ping channel on the LISTEN connection, one ping at a time. The ping also checks the
   * connection: one that dies without a word (a dropped route) leaves it unanswered, and counts as lost.
   */
  #ping(): void {
    const client = this.#listener;
    if (!client || this.#pingInFlight) return;
    this.#pingInFlight = true;
    const timeout = setTimeout(() => this.#lost(client), pingTimeoutMs);
    timeout.unref();
    client.query('select pg_notify($1, $2)', [this.#pingChannel, String(performance.now())]).then(
      () => {
        clearTimeout(timeout);
        if (client === this.#listener) this.#pingInFlight = false;
      },
      () => {
        clearTimeout(timeout);
        this.#lost(client);
      },
    );
  }

  override async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#pinger);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => {});
    await super.close();
  }
}
