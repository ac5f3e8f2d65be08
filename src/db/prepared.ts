import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';

const marker = '\u0000persona-parameter:';

/** Databases whose reads can run synchronously outside transactions (SQLite), by the Kysely instance over them. */
const directReaders = new WeakMap<object, DirectReader>();

type DirectReader = (sql: string, parameters: ReadonlyArray<unknown>) => unknown[] | undefined;

/** Lets prepared reads on `db` skip Kysely's connection queue when `read` can answer at once. */
export function registerDirectReader(db: object, read: DirectReader): void {
  directReaders.set(db, read);
}

/** SQL texts of prepared queries → the name PostgreSQL knows each by (see `nameOfPreparedStatement`). */
const statementNames = new Map<string, string>();

/** A named parameter of a `PreparedQuery`, standing in for its value when the query is built. */
export function parameter<T = string>(name: string): T {
  return `${marker}${name}` as T;
}

/**
 * A query built and compiled once, then run many times with new parameter values. Kysely otherwise builds and
 * compiles the same statement on every call, which costs more than a point look-up on SQLite itself. On PostgreSQL
 * it also runs as a named prepared statement, so the server parses and plans it once per connection.
 */
export class PreparedQuery<Row, Parameters extends Record<string, unknown>> {
  readonly #compiled: CompiledQuery<Row>;
  /** For each positional parameter: the name of the value to put there, or the constant compiled in. */
  readonly #slots: ({ name: string } | { constant: unknown })[];
  readonly #reads: boolean;

  constructor(query: Compilable<Row>) {
    this.#compiled = query.compile();
    this.#reads = this.#compiled.query.kind === 'SelectQueryNode';
    this.#slots = this.#compiled.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(marker)
        ? { name: value.slice(marker.length) }
        : { constant: value },
    );
    nameStatement(this.#compiled.sql);
  }

  /** The query with these values, compiled, to run as it is or to wrap (see `UnitOfWork.writeWithEvents`). */
  bind(values: Parameters): CompiledQuery<Row> {
    const parameters = this.#slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
    return { ...this.#compiled, parameters };
  }

  /** Runs the query with these values on `db` (which may be a transaction); returns the rows. */
  async execute(db: QueryExecutor, values: Parameters): Promise<Row[]> {
    const parameters = this.#slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
    // On SQLite a read outside any transaction needs no connection queue and no promise chain.
    const rows = this.#reads ? directReaders.get(db)?.(this.#compiled.sql, parameters) : undefined;
    if (rows) return rows as Row[];
    const result = await db.executeQuery<Row>({ ...this.#compiled, parameters });
    return result.rows;
  }

  /** Runs a write with these values; returns how many rows it changed. */
  async run(db: QueryExecutor, values: Parameters): Promise<bigint> {
    const parameters = this.#slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
    const result = await db.executeQuery<Row>({ ...this.#compiled, parameters });
    return result.numAffectedRows ?? 0n;
  }
}

/** A Kysely instance or transaction, as far as running a compiled query goes. */
interface QueryExecutor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** Gives SQL run many times a statement name, so that PostgreSQL parses and plans it once per connection. */
export function nameStatement(sql: string): void {
  if (!statementNames.has(sql)) {
    statementNames.set(sql, `persona_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
  }
}

/** The statement name of SQL compiled by a `PreparedQuery`, or undefined for any other SQL. */
export function nameOfPreparedStatement(sql: string): string | undefined {
  return statementNames.get(sql);
}
