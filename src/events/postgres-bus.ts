import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { InProcessEventBus, type PersonaEvent } from './bus.ts';

const channel = 'persona_events';

interface Envelope {
  origin: string;
  event: PersonaEvent;
}

/**
 * Carries events between instances over PostgreSQL LISTEN/NOTIFY on one dedicated connection. Events from this
 * instance are delivered locally at once and skipped when they come back from the server.
 */
export class PostgresEventBus extends InProcessEventBus {
  readonly #origin = randomUUID();
  readonly #config: pg.ClientConfig;
  #listener: pg.Client | undefined;
  #publisher: pg.Pool;
  #closed = false;
  #reconnectTimer: NodeJS.Timeout | undefined;

  private constructor(config: pg.ClientConfig) {
    super();
    this.#config = config;
    this.#publisher = new pg.Pool({ ...config, max: 2 });
    this.#publisher.on('error', () => {});
  }

  /** Resolves once the LISTEN connection is established, so no event published after it is missed. */
  static async connect(config: pg.ClientConfig): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(config);
    await bus.#listen();
    return bus;
  }

  async #listen(): Promise<void> {
    const client = new pg.Client(this.#config);
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      const envelope = JSON.parse(message.payload) as Envelope;
      if (envelope.origin !== this.#origin) this.deliver(envelope.event);
    });
    const lost = () => {
      if (this.#listener !== client) return;
      this.#listener = undefined;
      this.#scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    this.#listener = client;
  }

  #scheduleReconnect(): void {
    if (this.#closed) return;
    // Whatever was published while we were away is lost: tell the caches to forget everything.
    this.signalGap();
    this.#reconnectTimer = setTimeout(() => {
      this.#listen().catch(() => this.#scheduleReconnect());
    }, 500);
  }

  override async publish(event: PersonaEvent): Promise<void> {
    this.deliver(event);
    const envelope: Envelope = { origin: this.#origin, event };
    await this.#publisher.query('select pg_notify($1, $2)', [channel, JSON.stringify(envelope)]);
  }

  override async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    await this.#listener?.end().catch(() => {});
    await this.#publisher.end().catch(() => {});
    await super.close();
  }
}
