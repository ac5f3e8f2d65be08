import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { CoreError } from '../errors.ts';

const argon2Async = promisify(argon2);

/**
 * argon2id at OWASP's first recommended setting (m=19 MiB, t=2, p=1). `crypto.argon2` runs on libuv's thread
 * pool, so hashing never blocks the event loop.
 */
const parameters = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

/**
 * The hashing budget of this process: at most `concurrency` hashes at once, at most `queueLength` waiting; past that a
 * hash is refused at once (`unavailable`, 503 in every face) instead of queueing behind a flood of log-ins, so that
 * the rest of the service keeps its CPU. Every hash of the process shares it (it is the CPU's budget).
 */
const budget = { concurrency: 1, queueLength: 32 };
let running = 0;
let computed = 0;
const waiting: (() => void)[] = [];
/**
 * Checks of addresses that logged in to the account before wait here, and go before every stranger's: a flood of
 * guesses from unknown addresses fills the ordinary queue, not this one, so the owner still gets in.
 */
const waitingFirst: (() => void)[] = [];
const firstQueueLength = 16;

/** Sets the hashing budget (from the configuration, at start). */
export function configureHashing(options: { concurrency: number; queueLength: number }): void {
  budget.concurrency = Math.max(1, options.concurrency);
  budget.queueLength = Math.max(0, options.queueLength);
}

/** Password hashes computing now, and waiting for their turn (for the metrics). */
export function passwordHashesInFlight(): number {
  return running + waiting.length + waitingFirst.length;
}

export function passwordHashesQueued(): number {
  return waiting.length + waitingFirst.length;
}

/** The refusal of a hash past the budget: 503 in every face, to be sent again. */
export function hashingBudgetFull(): CoreError {
  return new CoreError('unavailable', 'Too many passwords are being checked at once; try again in a moment');
}

/** True when a stranger's password check would be refused now (every slot taken, the queue full). */
export function hashingSaturated(): boolean {
  return running >= budget.concurrency && waiting.length >= budget.queueLength;
}

/** Hashes computed since the process started (throttled log-ins must not add to it). */
export function passwordHashesComputed(): number {
  return computed;
}

async function argon2Counted(first: boolean, ...args: Parameters<typeof argon2Async>): Promise<Buffer> {
  if (running >= budget.concurrency) {
    const queue = first ? waitingFirst : waiting;
    if (queue.length >= (first ? firstQueueLength : budget.queueLength)) {
      throw hashingBudgetFull();
    }
    // The slot is handed over by the hash that ends, so `running` stays counted.
    await new Promise<void>((resolve) => queue.push(resolve));
  } else {
    running++;
  }
  try {
    computed++;
    return await argon2Async(...args);
  } finally {
    const next = waitingFirst.shift() ?? waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Hashes a password into a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const hash = await argon2Counted(false, 'argon2id', { message: password, nonce, ...parameters });
  return `$argon2id$v=19$m=${parameters.memory},t=${parameters.passes},p=${parameters.parallelism}$${nonce.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * True when the password matches the PHC string; false for a mismatch or an unreadable hash. `first`: the check
 * comes from an address known to the account and waits before strangers' checks.
 */
export async function verifyPassword(
  password: string,
  phc: string,
  options: { first?: boolean } = {},
): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(phc);
  if (!match) return false;
  const [, memory, passes, parallelism, salt, expected] = match as unknown as string[];
  const expectedHash = Buffer.from(expected as string, 'base64url');
  const hash = await argon2Counted(options.first === true, 'argon2id', {
    message: password,
    nonce: Buffer.from(salt as string, 'base64url'),
    memory: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
    tagLength: expectedHash.length,
  });
  return timingSafeEqual(hash, expectedHash);
}

/** True when the PHC string was made with other parameters than today's: the next log-in stores a new hash. */
export function needsRehash(phc: string): boolean {
  return !phc.startsWith(`$argon2id$v=19$m=${parameters.memory},t=${parameters.passes},p=${parameters.parallelism}$`);
}

/** Hash of a random password, verified against when no user matches so that both answers take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}
