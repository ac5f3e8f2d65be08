import { sql } from 'kysely';
import type { PersonaDatabase } from './database.ts';

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
