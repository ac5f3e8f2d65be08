import { createHash, randomUUID } from 'node:crypto';
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
const heartbeatMs = 10_000;
const heartbeatTimeoutMs = 5_000;

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
 * transaction (see `UnitOfWork`); listening is one dedicated connection, checked by a heartbeat and reconnected with
 * backoff when lost. While it is down the bus is not `live`, and a gap is signalled both when it is lost and once it
 * listens again, so no cache keeps or gains anything that an unheard event might have invalidated.
 */
export class PostgresEventBus extends InProcessEventBus {
  readonly channel: string;
  readonly #origin = randomUUID();
  readonly #config: pg.ClientConfig;
  #listener: pg.Client | undefined;
  #live = false;
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #reconnectDelayMs = 250;
  #connectionLosses = 0;

  private constructor(config: pg.ClientConfig, channel: string) {
    super();
    this.#config = { ...config, application_name: 'persona-events', keepAlive: true };
    this.channel = channel;
  }

  /** Resolves once the LISTEN connection is established, so no event committed after it is missed. */
  static async connect(config: pg.ClientConfig, schema: string | undefined): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(config, channelOf(schema));
    await bus.#listen();
    bus.#heartbeat = setInterval(() => bus.#checkListener(), heartbeatMs);
    bus.#heartbeat.unref();
    return bus;
  }

  override get connectionLosses(): number {
    return this.#connectionLosses;
  }

  override get live(): boolean {
    return this.#live;
  }

  /** The backend process id of the LISTEN connection (tests end it to simulate a lost connection). */
  get listenerPid(): number | undefined {
    return (this.#listener as { processID?: number } | undefined)?.processID;
  }

  override notifications(events: readonly PersonaEvent[]): CompiledQuery[] {
    if (events.length === 0) return [];
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
    return [
      CompiledQuery.raw('select pg_notify($1, payload) from unnest($2::text[]) as payload', [this.channel, payloads]),
    ];
  }

  async #listen(): Promise<void> {
    const client = new pg.Client(this.#config);
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload || client !== this.#listener) return;
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
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    this.#listener = client;
    this.#live = true;
    this.#reconnectDelayMs = 250;
    // Anything published between losing the old connection and this LISTEN went unheard: caches filled from reads
    // that raced the reconnect must go too.
    this.signalGap();
  }

  #lost(client: pg.Client): void {
    if (this.#listener !== client) return;
    this.#listener = undefined;
    this.#live = false;
    this.#connectionLosses++;
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

  /** A connection can die without a word (a dropped route): a query that gets no answer counts as lost. */
  #checkListener(): void {
    const client = this.#listener;
    if (!client) return;
    const timeout = setTimeout(() => this.#lost(client), heartbeatTimeoutMs);
    client.query('select 1').then(
      () => clearTimeout(timeout),
      () => {
        clearTimeout(timeout);
        this.#lost(client);
      },
    );
  }

  override async close(): Promise<void> {
    this.#closed = true;
    this.#live = false;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#heartbeat);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => {});
    await super.close();
  }
}
