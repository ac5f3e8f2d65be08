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

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = adaptStatement(this.#db.prepare(sql));
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

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }
}

function adaptStatement(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...toSqliteValues(parameters)),
    run: (parameters) => statement.run(...toSqliteValues(parameters)),
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
