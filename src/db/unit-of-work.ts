import type { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection, type Driver, type Kysely, type TransactionSettings } from 'kysely';
import type { EventBus, PersonaEvent } from '../events/bus.ts';
import { nameStatement } from './prepared.ts';
import type { Database } from './schema.ts';

/**
 * One `UnitOfWork.run` as every query inside it finds it: the transaction itself, or a unit nested in another (a
 * savepoint of the same transaction).
 */
export interface AmbientTransaction {
  readonly connection: DatabaseConnection;
  /** The unit this one is nested in; undefined for the transaction itself. */
  readonly parent: AmbientTransaction | undefined;
  /**
   * Queries that hold the connection now, of this unit and of the units nested in it: the unit does not end (roll
   * back, commit, release the connection) until they have given it back.
   */
  borrows: number;
  /** Called when `borrows` falls to 0: the unit waiting to end, or a nested unit waiting to take its savepoint. */
  readonly drained: (() => void)[];
  /** False once the unit has ended or is ending: a query issued then fails rather than run outside it. */
  open: boolean;
  /**
   * Settles when the unit nested in this one that runs now ends. Nested units of one parent run one at a time, and
   * the parent's own queries wait for them: a rollback to a savepoint undoes everything written since it was taken,
   * so nothing but the nested unit may write meanwhile.
   */
  nested: Promise<void> | undefined;
  /** The events this unit published; a nested unit hands them to its parent when it succeeds. */
  readonly events: PersonaEvent[];
  /** The events as JSON, so that one published twice goes out once. */
  readonly eventKeys: Set<string>;
  /** The transaction only: how many savepoints its nested units have taken, to name the next one. */
  savepoints: number;
  /** The transaction only: why it may not commit (a nested unit's writes could not be rolled back). */
  broken: unknown;
}

function newUnit(connection: DatabaseConnection, parent: AmbientTransaction | undefined): AmbientTransaction {
  return {
    connection,
    parent,
    borrows: 0,
    drained: [],
    open: true,
    nested: undefined,
    events: [],
    eventKeys: new Set(),
    savepoints: 0,
    broken: undefined,
  };
}

function rootOf(unit: AmbientTransaction): AmbientTransaction {
  let root = unit;
  while (root.parent) root = root.parent;
  return root;
}

/** Whether the unit and every unit it is nested in are still open, so that a query may join it. */
function isOpen(unit: AmbientTransaction): boolean {
  for (let u: AmbientTransaction | undefined = unit; u; u = u.parent) if (!u.open) return false;
  return true;
}

function endedError(): Error {
  return new Error(
    'A query was issued after its unit of work ended (a branch the work did not wait for); it was not run',
  );
}

function borrow(unit: AmbientTransaction): void {
  for (let u: AmbientTransaction | undefined = unit; u; u = u.parent) u.borrows++;
}

function giveBack(unit: AmbientTransaction): void {
  for (let u: AmbientTransaction | undefined = unit; u; u = u.parent) {
    u.borrows--;
    if (u.borrows === 0) for (const drained of u.drained.splice(0)) drained();
  }
}

/** Waits until no query holds the unit's connection. */
async function drain(unit: AmbientTransaction): Promise<void> {
  while (unit.borrows > 0) await new Promise<void>((resolve) => unit.drained.push(resolve));
}

/** Waits until no query holds the unit's connection, then closes it in the same step: later queries fail. */
async function close(unit: AmbientTransaction): Promise<void> {
  await drain(unit);
  unit.open = false;
}

/**
 * Lends the unit's connection to one of its queries once no unit nested in it runs (checked and borrowed in one
 * step); throws when the unit has ended.
 */
async function lend(unit: AmbientTransaction): Promise<void> {
  for (;;) {
    if (!isOpen(unit)) throw endedError();
    if (unit.nested === undefined) {
      borrow(unit);
      return;
    }
    await unit.nested;
  }
}

/**
 * Makes a unit nested in `parent` the one that runs now, once no other does (checked and claimed in one step);
 * returns what to call when it ends. Throws when the parent has ended.
 */
async function claimTurn(parent: AmbientTransaction): Promise<() => void> {
  for (;;) {
    if (!isOpen(parent)) throw endedError();
    if (parent.nested === undefined) break;
    await parent.nested;
  }
  let ended: () => void = () => {};
  parent.nested = new Promise<void>((resolve) => {
    ended = resolve;
  });
  return () => {
    parent.nested = undefined;
    ended();
  };
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

  /**
   * Inside a unit of work, lends the unit's connection (the unit waits for it to come back before it ends); a query
   * issued in a unit that has ended fails, so that no branch the work left running can write outside its transaction.
   */
  async acquireConnection(): Promise<DatabaseConnection> {
    const unit = this.#ambient.getStore();
    if (unit) {
      if (unit.nested === undefined && isOpen(unit)) borrow(unit);
      else await lend(unit);
      return unit.connection;
    }
    return this.acquireOwnConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const unit = this.#ambient.getStore();
    if (unit && unit.connection === connection && unit.borrows > 0) {
      giveBack(unit);
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
    if (unit && unit.connection === connection) {
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
 * the work publishes leave with it. On PostgreSQL they are inserted into the outbox inside the transaction, so other
 * instances read of a change once it commits and never of one that rolled back; on both dialects they reach
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
  /**
   * Whether the query planner estimates from statistics how many rows a condition matches, a `LIKE 'prefix%'`
   * included, and chooses between an index and a walk in order by it (PostgreSQL). Without it (SQLite, built without
   * STAT4) a repository that can count first chooses for it.
   */
  readonly plansFromStatistics: boolean;
  readonly #ambient: AsyncLocalStorage<AmbientTransaction>;
  #bus: EventBus | undefined;

  constructor(
    db: Kysely<Database>,
    driver: AmbientTransactionDriver,
    ambient: AsyncLocalStorage<AmbientTransaction>,
    options: { locksRows: boolean; plansFromStatistics: boolean },
  ) {
    this.db = db;
    this.#driver = driver;
    this.#ambient = ambient;
    this.locksRows = options.locksRows;
    this.plansFromStatistics = options.plansFromStatistics;
  }

  /** Connects the bus that carries published events; until then events are checked and dropped. */
  useBus(bus: EventBus): void {
    this.#bus = bus;
  }

  /** True inside `run`: reads see uncommitted writes, so caches must neither answer nor be filled. */
  get inTransaction(): boolean {
    const unit = this.#ambient.getStore();
    return unit !== undefined && isOpen(unit);
  }

  /**
   * Runs `work` in a transaction, committing when it resolves and rolling back when it throws; resolves after the
   * commit, once this instance's handlers have had the events. Either way it first waits for every query the work
   * started to give the connection back (a branch of a `Promise.all` still running when another failed), and a query
   * issued after that fails instead of running outside the transaction.
   *
   * A `run` inside another is a savepoint of the same transaction: when its work throws, its own writes are rolled
   * back and its events dropped, and the outer work may catch the error and go on (on PostgreSQL the transaction
   * would otherwise stay aborted); when it succeeds, its writes and events become the outer unit's.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.#ambient.getStore();
    if (outer) {
      // A unit begun by a branch that outlived its unit would commit on its own what the caller saw roll back.
      if (!isOpen(outer)) throw endedError();
      return this.#runNested(outer, work);
    }
    const connection = await this.#driver.acquireOwnConnection();
    const unit = newUnit(connection, undefined);
    let result: T;
    try {
      await this.#driver.beginTransaction(connection, {});
      try {
        result = await this.#ambient.run(unit, work);
      } finally {
        await close(unit);
      }
      if (unit.broken !== undefined) throw unit.broken;
      for (const statement of this.#bus?.notifications(unit.events) ?? []) await connection.executeQuery(statement);
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
    if (unit.events.length > 0) this.#bus?.published(unit.events);
    return result;
  }

  /**
   * Runs work that is a single statement and the events it publishes (a repository's one write): outside a unit, as
   * `run`; inside one, in that unit itself, without the savepoint a nested `run` takes (on PostgreSQL two round trips
   * of every such write). A statement fails whole, so there is nothing of its own to roll back. On SQLite the unit goes
   * on as before it; on PostgreSQL the failure aborts the transaction, and a caller that catches it and goes on fails
   * loudly: at its next statement, at the release of its savepoint, or at the commit (answered `ROLLBACK`, which the
   * driver turns into an error).
   */
  async runStatement<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.#ambient.getStore();
    if (!outer) return this.run(work);
    if (!isOpen(outer)) throw endedError();
    return work();
  }

  /**
   * Runs one write statement that returns the rows it wrote (`update … returning`), and publishes `events` when it
   * wrote any. Inside a unit of work, as part of it (`runStatement`). Outside, as a transaction of its own with no
   * `begin` and `commit`: on PostgreSQL the events' insert into the outbox is part of the statement (`with written as
   * (…), queued as (insert into event_outbox …) select … from written`), so the write and its events commit together,
   * or neither, in one round trip where `run` takes four (`begin`, the write, the insert, `commit`); on SQLite the
   * statement commits alone. This instance's handlers get the events once it has.
   */
  async writeWithEvents<R>(query: CompiledQuery<R>, events: readonly PersonaEvent[]): Promise<R[]> {
    if (this.#ambient.getStore()) {
      return this.runStatement(async () => {
        const { rows } = await this.db.executeQuery(query);
        if (rows.length > 0) for (const event of events) this.publish(event);
        return rows;
      });
    }
    for (const event of events) this.#bus?.checkPublishable(event);
    const payloads = this.#bus?.payloadsOf(events);
    let statement = query;
    if (payloads) {
      // A data-modifying CTE runs whether or not the query reads it; it inserts only when a row was written.
      const sql =
        `with written as (${query.sql}), queued as (insert into event_outbox (payload) ` +
        `select unnest($${query.parameters.length + 1}::text[]) where exists (select from written)) ` +
        'select written.* from written';
      nameStatement(sql);
      statement = { ...query, sql, parameters: [...query.parameters, payloads] };
    }
    const { rows } = await this.db.executeQuery(statement);
    if (rows.length > 0 && events.length > 0) this.#bus?.published(events);
    return rows;
  }

  async #runNested<T>(parent: AmbientTransaction, work: () => Promise<T>): Promise<T> {
    const ended = await claimTurn(parent);
    try {
      // A query of the parent lent the connection just before may not have reached the database yet: it must not
      // fall inside the savepoint.
      await drain(parent);
      return await this.#runInSavepoint(parent, work);
    } finally {
      ended();
    }
  }

  async #runInSavepoint<T>(parent: AmbientTransaction, work: () => Promise<T>): Promise<T> {
    const root = rootOf(parent);
    const savepoint = `persona_unit_${++root.savepoints}`;
    await this.#execute(parent, `savepoint ${savepoint}`);
    const unit = newUnit(parent.connection, parent);
    let result: T;
    try {
      try {
        result = await this.#ambient.run(unit, work);
      } finally {
        await close(unit);
      }
    } catch (error) {
      try {
        await this.#execute(parent, `rollback to savepoint ${savepoint}`);
        await this.#execute(parent, `release savepoint ${savepoint}`);
      } catch (rollbackError) {
        // The nested writes may still be there: the transaction must not commit them.
        root.broken ??= rollbackError;
      }
      throw error;
    }
    try {
      await this.#execute(parent, `release savepoint ${savepoint}`);
    } catch (error) {
      root.broken ??= error;
      throw error;
    }
    for (const event of unit.events) addEvent(parent, event, JSON.stringify(event));
    return result;
  }

  /**
   * Runs a statement of a nested unit (its savepoint) on the parent's connection, borrowed as a query of the parent
   * would be but without waiting for its turn: the nested unit that issues it has the turn.
   */
  async #execute(unit: AmbientTransaction, statement: string): Promise<void> {
    if (!isOpen(unit)) throw endedError();
    borrow(unit);
    try {
      await unit.connection.executeQuery(CompiledQuery.raw(statement));
    } finally {
      giveBack(unit);
    }
  }

  /**
   * Publishes an event as part of the current unit of work: it goes out if and when the unit commits (and, in a
   * nested unit, only if that unit succeeds). Outside a unit it is a programming error, because the write it
   * describes could not be atomic with it.
   */
  publish(event: PersonaEvent): void {
    const unit = this.#ambient.getStore();
    if (!unit || !isOpen(unit)) throw new Error(`Event ${event.type} published outside a unit of work`);
    const key = JSON.stringify(event);
    if (unit.eventKeys.has(key)) return;
    this.#bus?.checkPublishable(event);
    addEvent(unit, event, key);
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

function addEvent(unit: AmbientTransaction, event: PersonaEvent, key: string): void {
  if (unit.eventKeys.has(key)) return;
  unit.eventKeys.add(key);
  unit.events.push(event);
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
