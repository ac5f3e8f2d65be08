import type { UnitOfWork } from './unit-of-work.ts';
/**
 * The one place that knows how each driver reports failures. PostgreSQL's driver names a violated constraint in
 * `constraint`; `node-sqlite.ts` sets the same property for SQLite, so both dialects are matched by constraint name
 * (never by the message or `detail`, which hold user values).
 */

/** The name of the unique constraint or index an error violated, or undefined when it is another error. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  const e = error as { code?: unknown; errcode?: unknown; constraint?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  // PostgreSQL: SQLSTATE 23505. node:sqlite: SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555).
  const unique = e.code === '23505' || e.errcode === 2067 || e.errcode === 1555;
  return unique && typeof e.constraint === 'string' ? e.constraint : undefined;
}

/** True for a foreign-key violation on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown } | null;
  // PostgreSQL: SQLSTATE 23503. node:sqlite: SQLITE_CONSTRAINT_FOREIGNKEY (787).
  return typeof e === 'object' && e !== null && (e.code === '23503' || e.errcode === 787);
}

// SQLSTATE classes and codes that mean "the database is not there right now": connection exceptions (08), operator
// intervention (57: admin shutdown, crash shutdown, cannot connect now, query cancelled by statement_timeout) and
// too many connections (53300).
const unavailableStates = /^(08|57)|^53300$/;
const unavailableMessages =
  /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout|the database system is (starting up|shutting down)/i;
const unavailableErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * True when the database could not be reached, lost the connection or did not answer in time: the request failed
 * for a reason of the moment (503), not because of what it asked. SQLite's "busy" counts too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown; cause?: unknown } | null;
  if (typeof e !== 'object' || e === null) return false;
  if (typeof e.code === 'string' && (unavailableStates.test(e.code) || unavailableErrnos.has(e.code))) return true;
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.
  if (typeof e.errcode === 'number' && ((e.errcode & 0xff) === 5 || (e.errcode & 0xff) === 6)) return true;
  if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}

/**
 * Why the database's storage failed a statement: its disk is full, it takes no writes (a read-only file, folder or
 * session: a PostgreSQL hot standby, `default_transaction_read_only`), it cannot read or write its files, its file is
 * damaged or not a database, or the server is short of memory or other resources. Each is answered `unavailable`
 * (503) with this cause in every face (docs/errors.md).
 */
export const storageFaults = ['disk_full', 'read_only', 'io_error', 'corrupt', 'insufficient_resources'] as const;
export type StorageFault = (typeof storageFaults)[number];

// SQLite primary result codes (the low byte of an extended code): SQLITE_NOMEM 7, SQLITE_READONLY 8 (its extended
// codes include READONLY_DIRECTORY, READONLY_CANTINIT…), SQLITE_IOERR 10, SQLITE_CORRUPT 11, SQLITE_FULL 13,
// SQLITE_CANTOPEN 14 (a journal or WAL file that cannot be created or opened), SQLITE_NOTADB 26.
const sqliteFaults: Record<number, StorageFault> = {
  7: 'insufficient_resources',
  8: 'read_only',
  10: 'io_error',
  11: 'corrupt',
  13: 'disk_full',
  14: 'io_error',
  26: 'corrupt',
};

// PostgreSQL SQLSTATEs: disk_full, read_only_sql_transaction (a hot standby, or default_transaction_read_only),
// io_error, data_corrupted and index_corrupted, and the rest of class 53 (insufficient resources) but
// too_many_connections, which is a connection that could not be had (`isDatabaseUnavailable`).
const postgresFaults: Record<string, StorageFault> = {
  '53100': 'disk_full',
  '25006': 'read_only',
  '58030': 'io_error',
  XX001: 'corrupt',
  XX002: 'corrupt',
  '53000': 'insufficient_resources',
  '53200': 'insufficient_resources',
  '53400': 'insufficient_resources',
};

/** The storage fault an error of either driver reports, or undefined for any other error. */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  const e = error as { code?: unknown; errcode?: unknown; cause?: unknown } | null;
  if (typeof e !== 'object' || e === null) return undefined;
  if (typeof e.errcode === 'number') {
    const fault = sqliteFaults[e.errcode & 0xff];
    if (fault) return fault;
  }
  if (typeof e.code === 'string' && Object.hasOwn(postgresFaults, e.code)) return postgresFaults[e.code];
  return e.cause !== undefined && e.cause !== error ? storageFaultOf(e.cause) : undefined;
}

/** True for the faults that stop writes until someone acts (everything but a shortage of resources). */
export function stopsWrites(fault: StorageFault): boolean {
  return fault !== 'insufficient_resources';
}

/** What deleting a catalogue row came to: gone, not there, or kept because other rows refer to it. */
export type DeleteOutcome = 'deleted' | 'missing' | 'in-use';

/**
 * Runs a delete that answers whether it removed a row, and turns a foreign-key refusal (other rows still name it)
 * into `in-use`, on both dialects.
 */
export async function deleteUnlessReferenced(remove: () => Promise<boolean>): Promise<DeleteOutcome> {
  try {
    return (await remove()) ? 'deleted' : 'missing';
  } catch (error) {
    if (isForeignKeyViolation(error)) return 'in-use';
    throw error;
  }
}

/**
 * A delete of `deleteUnlessReferenced` and the record of it (the audit log) in one unit of work: both or neither. A
 * refused delete rolls the unit back, because on PostgreSQL the failed statement has ended the transaction.
 */
export async function deleteInUnit(
  unitOfWork: UnitOfWork,
  remove: () => Promise<DeleteOutcome>,
  record: () => Promise<void>,
): Promise<DeleteOutcome> {
  const refused = new Error('the delete was refused');
  try {
    return await unitOfWork.run(async () => {
      const outcome = await remove();
      if (outcome === 'in-use') throw refused;
      if (outcome === 'deleted') await record();
      return outcome;
    });
  } catch (error) {
    if (error === refused) return 'in-use';
    throw error;
  }
}
