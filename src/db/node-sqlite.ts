import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` to the better-sqlite3-shaped interface that Kysely's SqliteDialect expects.
 * Prepared statements are cached per SQL text, because Kysely prepares on every query and compiling is the
 * largest part of a point lookup's cost.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #onError: (error: unknown) => void;

  /** `onError` is told of every statement that fails (after the error is given its constraint's name). */
  constructor(path: string, onError: (error: unknown) => void = () => {}) {
    this.#db = new DatabaseSync(path);
    this.#onError = onError;
  }

  exec(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch (error) {
      this.#onError(error);
      throw error;
    }
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      let prepared: StatementSync;
      try {
        prepared = this.#db.prepare(sql);
      } catch (error) {
        this.#onError(error);
        throw error;
      }
      statement = adaptStatement(prepared, (error) => {
        this.#nameConstraint(error);
        this.#onError(error);
      });
      // A bound keeps dynamic SQL (IN lists of varying length) from growing the cache without limit.
      if (this.#statements.size >= 500) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs a read at once, synchronously, when no transaction is open on the connection; returns undefined when one
   * is (a read then would see another request's uncommitted writes, so it must queue behind the transaction).
   */
  readNow(sql: string, parameters: ReadonlyArray<unknown>): unknown[] | undefined {
    if (this.#db.isTransaction) return undefined;
    return this.prepare(sql).all(parameters);
  }

  /**
   * SQLite names the columns of a violated unique index ("UNIQUE constraint failed: users.app_id, users.email_key"),
   * not the index. This finds the index with exactly those columns and sets `constraint` to its name, as PostgreSQL's
   * driver does, so that violations are matched by constraint name on both dialects.
   */
  #nameConstraint(error: unknown): void {
    const e = error as { errcode?: unknown; message?: unknown; constraint?: string };
    if ((e.errcode !== 2067 && e.errcode !== 1555) || typeof e.message !== 'string') return;
    const named = /UNIQUE constraint failed: index '([^']+)'/.exec(e.message);
    if (named) {
      e.constraint = named[1];
      return;
    }
    const failed = /(?:UNIQUE|PRIMARY KEY) constraint failed: (.+)$/.exec(e.message)?.[1];
    if (!failed) return;
    const qualified = failed.split(', ').map((column) => column.trim());
    const table = qualified[0]?.split('.')[0] ?? '';
    const columns = qualified.map((column) => column.slice(table.length + 1)).join(',');
    const indexes = this.#db.prepare('select name from pragma_index_list(?) where "unique" = 1').all(table);
    for (const { name } of indexes as { name: string }[]) {
      const indexed = this.#db.prepare('select name from pragma_index_info(?) order by seqno').all(name);
      if ((indexed as { name: string }[]).map((c) => c.name).join(',') === columns) {
        e.constraint = name;
        return;
      }
    }
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

function adaptStatement(statement: StatementSync, onError: (error: unknown) => void): SqliteStatement {
  const guarded =
    <R>(run: (values: SQLInputValue[]) => R) =>
    (parameters: ReadonlyArray<unknown>): R => {
      try {
        return run(toSqliteValues(parameters));
      } catch (error) {
        onError(error);
        throw error;
      }
    };
  return {
    reader: statement.columns().length > 0,
    all: guarded((values) => statement.all(...values)),
    run: guarded((values) => statement.run(...values)),
    iterate: (parameters) => statement.iterate(...toSqliteValues(parameters)),
  };
}

// node:sqlite binds neither booleans nor undefined; SQLite stores booleans as 0/1 anyway.
function toSqliteValues(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === undefined) return null;
    return value as SQLInputValue;
  });
}
