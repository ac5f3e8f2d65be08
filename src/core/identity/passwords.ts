import { argon2, argon2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { CoreError } from '../errors.ts';

const argon2Async = promisify(argon2);

/**
 * argon2id at OWASP's first recommended setting (m=19 MiB, t=2, p=1). `crypto.argon2` runs on libuv's thread
 * pool, so hashing never blocks the event loop.
 */
const parameters = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;
const phcPrefix = `$argon2id$v=19$m=${parameters.memory},t=${parameters.passes},p=${parameters.parallelism}$`;

/** Checks of addresses that logged in to the account before may wait in a queue of their own, this long at most. */
const firstQueueLength = 16;

export interface HashingOptions {
  /** Hashes computed at once. */
  concurrency: number;
  /** Hashes that may wait for their turn; past it a hash is refused at once. */
  queueLength: number;
}

/** The refusal of a hash past the budget: 503 in every face, to be sent again. */
export function hashingBudgetFull(): CoreError {
  return new CoreError('unavailable', 'Too many passwords are being checked at once; try again in a moment');
}

/**
 * The process's passwords (and PINs): argon2id hashes in PHC strings, computed within a bounded hashing budget. At
 * most `concurrency` hashes run at once and `queueLength` wait; past that a hash is refused at once (`unavailable`, 503
 * in every face) instead of queueing behind a flood of log-ins, so that the rest of the service keeps its CPU. Checks
 * of addresses that logged in to the account before wait in a queue of their own and go before every stranger's: a
 * flood of guesses from unknown addresses fills the ordinary queue, not that one, so the owner still gets in.
 *
 * One instance per core (it is the CPU's budget), built with the core and owned by it.
 */
export class Passwords {
  readonly #concurrency: number;
  readonly #queueLength: number;
  #running = 0;
  #computed = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #waitingFirst: (() => void)[] = [];
  /**
   * The hash of a random password, checked against when no user matches, so that an unknown name costs what a known
   * one does. Computed here, once, outside the budget: it can never be missing or have failed when it is needed (a
   * decoy that failed to compute would answer unknown names differently from known ones).
   */
  readonly #decoyHash: string;

  constructor(options: HashingOptions) {
    this.#concurrency = Math.max(1, options.concurrency);
    this.#queueLength = Math.max(0, options.queueLength);
    const nonce = randomBytes(16);
    this.#decoyHash = phcOf(nonce, argon2Sync('argon2id', { message: randomBytes(16), nonce, ...parameters }));
  }

  /** Password hashes computing now, and waiting for their turn (for the metrics). */
  get inFlight(): number {
    return this.#running + this.#waiting.length + this.#waitingFirst.length;
  }

  /** Password hashes waiting for their turn (for the metrics). */
  get queued(): number {
    return this.#waiting.length + this.#waitingFirst.length;
  }

  /** Hashes computed since this budget was made (throttled log-ins must not add to it). */
  get computed(): number {
    return this.#computed;
  }

  /** True when a stranger's password check would be refused now (every slot taken, the queue full). */
  get saturated(): boolean {
    return this.#running >= this.#concurrency && this.#waiting.length >= this.#queueLength;
  }

  /** Hashes a password into a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`); `unavailable` past the budget. */
  async hash(password: string): Promise<string> {
    const nonce = randomBytes(16);
    return phcOf(nonce, await this.#argon2(false, { message: password, nonce, ...parameters }));
  }

  /**
   * True when the password matches the PHC string; false for a mismatch or an unreadable hash. `null` checks against
   * the decoy (and is always false), so that a missing user costs a hash too. `first`: the check comes from an address
   * known to the account and waits before strangers' checks.
   */
  async verify(password: string, phc: string | null, options: { first?: boolean } = {}): Promise<boolean> {
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(phc ?? this.#decoyHash);
    if (!match) return false;
    const [, memory, passes, parallelism, salt, expected] = match as unknown as string[];
    const expectedHash = Buffer.from(expected as string, 'base64url');
    const hash = await this.#argon2(options.first === true, {
      message: password,
      nonce: Buffer.from(salt as string, 'base64url'),
      memory: Number(memory),
      passes: Number(passes),
      parallelism: Number(parallelism),
      tagLength: expectedHash.length,
    });
    return timingSafeEqual(hash, expectedHash) && phc !== null;
  }

  /** True when the PHC string was made with other parameters than today's: the next log-in stores a new hash. */
  needsRehash(phc: string): boolean {
    return !phc.startsWith(phcPrefix);
  }

  async #argon2(first: boolean, options: Parameters<typeof argon2Async>[1]): Promise<Buffer> {
    if (this.#running >= this.#concurrency) {
      const queue = first ? this.#waitingFirst : this.#waiting;
      if (queue.length >= (first ? firstQueueLength : this.#queueLength)) throw hashingBudgetFull();
      // The slot is handed over by the hash that ends, so `running` stays counted.
      await new Promise<void>((resolve) => queue.push(resolve));
    } else {
      this.#running++;
    }
    try {
      this.#computed++;
      return await argon2Async('argon2id', options);
    } finally {
      const next = this.#waitingFirst.shift() ?? this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

function phcOf(nonce: Buffer, hash: Buffer): string {
  return `${phcPrefix}${nonce.toString('base64url')}$${hash.toString('base64url')}`;
}
