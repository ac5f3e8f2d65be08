import { basename, dirname } from 'node:path';
import { sql } from 'kysely';
import type { PersonaDatabase } from './database.ts';
import { storageFaultOf } from './errors.ts';

/** Start-up cannot go on: the message is one line, names the setting at fault, and says what would fix it. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The database URL with any password replaced, fit for a log line. */
export function redactedDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable)';
  }
}

/** PostgreSQL errors that waiting will not mend: the message to show for each. */
const fatalCodes: Record<string, (url: URL) => string> = {
  '3D000': (url) =>
    `database "${url.pathname.slice(1)}" does not exist: create it, or fix the database in DATABASE_URL`,
  '28000': (url) =>
    `role "${decodeURIComponent(url.username)}" cannot log in: create it, or fix the user in DATABASE_URL`,
  '28P01': (url) => `the password of "${decodeURIComponent(url.username)}" was refused: fix it in DATABASE_URL`,
};

/**
 * Waits until the database answers, for at most `maxWaitMs`: a PostgreSQL that is starting or not reachable yet is
 * asked again with growing pauses, each logged; a missing database, role or password ends the wait at once. Throws a
 * `StartupError` saying what is wrong.
 */
export async function waitForDatabase(
  database: PersonaDatabase,
  url: string,
  options: { maxWaitMs: number; pingTimeoutMs: number; log: (message: string) => void },
): Promise<void> {
  const deadline = Date.now() + options.maxWaitMs;
  let pause = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      await probe(database, options.pingTimeoutMs);
      return;
    } catch (error) {
      const e = error as { code?: string; message?: string };
      const where = describeTarget(url);
      const fatal = e.code ? fatalCodes[e.code] : undefined;
      if (fatal) throw new StartupError(`DATABASE_URL: ${fatal(new URL(url))}`);
      if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
        throw new StartupError(`DATABASE_URL: the host of ${where} is not known: fix the host`);
      }
      const reason = (e.message ?? String(error)).split('\n')[0];
      if (Date.now() + pause > deadline) {
        throw new StartupError(
          `DATABASE_URL: ${where} did not answer within ${Math.round(options.maxWaitMs / 1000)} s (${reason}): start ` +
            'PostgreSQL or fix the URL; DATABASE_STARTUP_WAIT_SECONDS sets how long to wait',
        );
      }
      options.log(`waiting for ${where} (attempt ${attempt}: ${reason})`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 2000);
    }
  }
}

/**
 * Checks that the database takes a write (a probe row written and deleted), so that an instance that could not store
 * anything (a read-only file or folder, a read-only PostgreSQL session or role, a full disk) does not start and say
 * it is ready. Throws a `StartupError` saying what is wrong and how to fix it.
 */
export async function checkWritable(database: PersonaDatabase, url: string): Promise<void> {
  try {
    await database.storage.probe();
  } catch (error) {
    const reason = firstLine(error);
    throw (
      explainStorageFault(error, url) ??
      new StartupError(
        `DATABASE_URL${url.startsWith('sqlite:') ? `=${url}` : ''}: the database did not take a test write ` +
          `(${reason}): check that the user running Persona may write it`,
      )
    );
  }
}

/**
 * The start-up error for a database that cannot store anything, naming the problem and its fix on one line; undefined
 * for any other error. SQLite's file or folder read-only, damaged, on a full disk; PostgreSQL read-only (a hot
 * standby, `default_transaction_read_only`), a role without the privileges to write, a full disk.
 */
export function explainStorageFault(error: unknown, url: string): StartupError | undefined {
  if (error instanceof StartupError) return undefined;
  const fault = storageFaultOf(error);
  const reason = firstLine(error);
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    const setting = `DATABASE_URL=${url}`;
    const errcode = (error as { errcode?: unknown }).errcode;
    // SQLITE_READONLY_DIRECTORY: the folder cannot take the -wal and -shm files that WAL mode keeps beside the file.
    if (errcode === 1544 || (typeof errcode === 'number' && (errcode & 0xff) === 14)) {
      return new StartupError(
        `${setting}: the folder ${dirname(path)} is not writable, and SQLite keeps ${basename(path)}-wal and ` +
          `${basename(path)}-shm beside the database (${reason}): make the folder writable by the user running Persona`,
      );
    }
    switch (fault) {
      case 'read_only':
        return new StartupError(
          `${setting}: the database file is read-only (${reason}): make it writable by the user running Persona ` +
            '(its owner and mode, chattr -i, or a read-write mount)',
        );
      case 'disk_full':
        return new StartupError(`${setting}: the disk is full (${reason}): free space on it, or move the database`);
      case 'corrupt':
        return new StartupError(
          `${setting}: the file is damaged or not a database (${reason}): restore it from a backup, or point ` +
            'DATABASE_URL at the right file',
        );
      case 'io_error':
        return new StartupError(
          `${setting}: the database's files cannot be read or written (${reason}): check the disk and its file system`,
        );
      case 'insufficient_resources':
        return new StartupError(`${setting}: SQLite ran out of memory (${reason}): give the process more memory`);
      default:
        return undefined;
    }
  }
  const where = describeTarget(url);
  const name = roleOf(url);
  const role = name ? `role "${name}"` : 'the role of DATABASE_URL';
  // insufficient_privilege: the role may read but not write (or create) what Persona needs.
  if ((error as { code?: unknown }).code === '42501') {
    return new StartupError(
      `DATABASE_URL: ${role} may not write to ${where} (${reason}): grant it the privileges Persona needs ` +
        '(create on the database or the schema, insert, update and delete on its tables), or connect as their owner',
    );
  }
  switch (fault) {
    case 'read_only':
      return new StartupError(
        `DATABASE_URL: ${where} takes no writes from ${role} (${reason}): point DATABASE_URL at the primary, not ` +
          'a standby, or turn default_transaction_read_only off for the role and the database ' +
          `(alter role ${name ?? '…'} reset default_transaction_read_only)`,
      );
    case 'disk_full':
      return new StartupError(`DATABASE_URL: ${where} has no disk space left (${reason}): free space on its server`);
    case 'corrupt':
    case 'io_error':
      return new StartupError(
        `DATABASE_URL: ${where} cannot read or write its files (${reason}): check the database server's disk and logs`,
      );
    default:
      return undefined;
  }
}

function firstLine(error: unknown): string {
  return ((error as { message?: string }).message ?? String(error)).split('\n')[0] ?? '';
}

function roleOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).username) || undefined;
  } catch {
    return undefined;
  }
}

function describeTarget(url: string): string {
  if (url.startsWith('sqlite:')) return url;
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** One `select 1`, failing with the database's own error, or with a timeout when it does not answer in time. */
async function probe(database: PersonaDatabase, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(database.db), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
