import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Driver, Kysely, TransactionSettings } from 'kysely';
import type { EventBus, PersonaEvent } from '../events/bus.ts';
import type { Database } from './schema.ts';

/** The transaction of one `UnitOfWork.run`, as every query inside it finds it. */
export interface AmbientTransaction {
  readonly connection: DatabaseConnection;
  /** Queries of this unit that currently hold the connection (they must not release it). */
  borrows: number;
  open: boolean;
  readonly events: PersonaEvent[];
  /** The events as JSON, so that one published twice goes out once. */
  readonly eventKeys: Set<string>;
}

/**
 * A Kysely driver that hands every query issued inside `UnitOfWork.run` the unit's own connection, whichever Kysely
 * instance or repository issued it. So a query inside a unit of work sees the unit's writes and can never wait for the
 * connection its own transaction holds (on SQLite, with one connection, that wait never ended). Outside a unit it
 * behaves like the driver it wraps; when `exclusive` (SQLite), it also serialises connection use itself, because the
 * adapter it is paired with tells Kysely not to.
 */
export class AmbientTransactionDriver implements Driver {
  readonly #base: Driver;
  readonly #ambient: AsyncLocalStorage<AmbientTransaction>;
  readonly #mutex: Mutex | undefined;
  #initialized: Promise<void> | undefined;

  constructor(base: Driver, ambient: AsyncLocalStorage<AmbientTransaction>, options: { exclusive: boolean }) {
    this.#base = base;
    this.#ambient = ambient;
    this.#mutex = options.exclusive ? new Mutex() : undefined;
  }

  /** Initialises the wrapped driver once, whether Kysely or the unit of work gets a connection first. */
  init(): Promise<void> {
    this.#initialized ??= this.#base.init().catch((error: unknown) => {
      this.#initialized = undefined;
      throw error;
    });
    return this.#initialized;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const unit = this.#ambient.getStore();
    if (unit?.open) {
      unit.borrows++;
      return unit.connection;
    }
    return this.acquireOwnConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const unit = this.#ambient.getStore();
    if (unit && unit.connection === connection && unit.borrows > 0) {
      unit.borrows--;
      return;
    }
    await this.releaseOwnConnection(connection);
  }

  /** A connection of the wrapped driver, not the ambient one: for the unit of work itself. */
  async acquireOwnConnection(): Promise<DatabaseConnection> {
    await this.init();
    await this.#mutex?.lock();
    try {
      return await this.#base.acquireConnection();
    } catch (error) {
      this.#mutex?.unlock();
      throw error;
    }
  }

  async releaseOwnConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#base.releaseConnection(connection);
    } finally {
      this.#mutex?.unlock();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const unit = this.#ambient.getStore();
    if (unit?.open && unit.connection === connection) {
      throw new Error('A transaction was started inside a unit of work; run the work in UnitOfWork.run instead');
    }
    return this.#base.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#base.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#base.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.#base.destroy();
  }
}

/**
 * Runs work atomically: every repository call inside `run` joins one transaction, on either dialect, and the events
 * the work publishes leave with it. On PostgreSQL they are sent by `pg_notify` inside the transaction, so other
 * instances hear of a change exactly when it commits and never of one that rolled back; on both dialects they reach
 * this instance's handlers after the commit. A failed publish fails the transaction: there is never a committed
 * write that other instances were not told about.
 */
export class UnitOfWork {
  /** The database, for repositories: inside `run` every query on it uses the unit's transaction. */
  readonly db: Kysely<Database>;
  readonly #driver: AmbientTransactionDriver;
  /**
   * Whether reads can lock rows until the unit commits (`select … for update`, PostgreSQL). Without it (SQLite) a unit
   * holds the database's only connection, so no other write can come between its read and its write anyway.
   */
  readonly locksRows: boolean;
  readonly #ambient: AsyncLocalStorage<AmbientTransaction>;
  #bus: EventBus | undefined;

  constructor(
    db: Kysely<Database>,
    driver: AmbientTransactionDriver,
    ambient: AsyncLocalStorage<AmbientTransaction>,
    options: { locksRows: boolean },
  ) {
    this.db = db;
    this.#driver = driver;
    this.#ambient = ambient;
    this.locksRows = options.locksRows;
  }

  /** Connects the bus that carries published events; until then events are checked and dropped. */
  useBus(bus: EventBus): void {
    this.#bus = bus;
  }

  /** True inside `run`: reads see uncommitted writes, so caches must neither answer nor be filled. */
  get inTransaction(): boolean {
    return this.#ambient.getStore()?.open === true;
  }

  /**
   * Runs `work` in a transaction, committing when it resolves and rolling back when it throws. A `run` inside another
   * joins the outer transaction. Resolves after the commit, once this instance's handlers have had the events.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const connection = await this.#driver.acquireOwnConnection();
    const unit: AmbientTransaction = { connection, borrows: 0, open: true, events: [], eventKeys: new Set() };
    let result: T;
    try {
      await this.#driver.beginTransaction(connection, {});
      result = await this.#ambient.run(unit, work);
      for (const statement of this.#bus?.notifications(unit.events) ?? []) await connection.executeQuery(statement);
      unit.open = false;
      await this.#driver.commitTransaction(connection);
    } catch (error) {
      unit.open = false;
      // A rollback on a broken connection fails too; the driver then discards the connection.
      await this.#driver.rollbackTransaction(connection).catch(() => {});
      throw error;
    } finally {
      unit.open = false;
      await this.#driver.releaseOwnConnection(connection);
    }
    if (unit.events.length > 0) this.#bus?.deliver(unit.events);
    return result;
  }

  /**
   * Publishes an event as part of the current unit of work: it goes out if and when the unit commits. Outside a unit
   * it is a programming error, because the write it describes could not be atomic with it.
   */
  publish(event: PersonaEvent): void {
    const unit = this.#ambient.getStore();
    if (!unit?.open) throw new Error(`Event ${event.type} published outside a unit of work`);
    const key = JSON.stringify(event);
    if (unit.eventKeys.has(key)) return;
    this.#bus?.checkPublishable(event);
    unit.eventKeys.add(key);
    unit.events.push(event);
  }

  /**
   * Runs `work` over `items` in chunks of `size`, each chunk its own unit of work, so that a long import never holds
   * one transaction (on SQLite, the only connection) for long: other requests run between chunks. A failure stops at
   * the failing chunk; the chunks before it stay committed, so imports that use this must be idempotent.
   */
  async runInChunks<T>(items: readonly T[], size: number, work: (chunk: readonly T[]) => Promise<void>): Promise<void> {
    for (let start = 0; start < items.length; start += size) {
      await this.run(() => work(items.slice(start, start + size)));
      // Let queued requests have the connection before the next chunk takes it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/** A FIFO lock: SQLite has one connection, and everything outside a unit of work takes turns on it. */
class Mutex {
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#locked = false;
  }
}
