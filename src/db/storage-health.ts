import { randomBytes, randomUUID } from 'node:crypto';
import { type StorageFault, stopsWrites, storageFaultOf, storageFaults } from './errors.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** While a fault is remembered, the database is asked to take a probe write at most this often, whoever asks. */
const probeIntervalMs = 1000;

/**
 * What this instance knows of its database's ability to store anything (see docs/decisions/0011-storage-faults.md).
 * The drivers tell it of every statement that failed; a storage fault is counted, and one that stops writes (disk
 * full, read-only, I/O error, damage) is remembered until a probe write succeeds. Readiness asks it; nothing else
 * writes because of it, and while no fault is remembered it costs nothing.
 */
export class StorageHealth {
  readonly #probe: () => Promise<void>;
  readonly #counts = Object.fromEntries(storageFaults.map((fault) => [fault, 0])) as Record<StorageFault, number>;
  #fault: StorageFault | undefined;
  #probedAt = Number.NEGATIVE_INFINITY;
  #probing: Promise<void> | undefined;

  /** `probe` writes and deletes a row in one transaction, and throws the database's error when it cannot. */
  constructor(probe: () => Promise<void>) {
    this.#probe = probe;
  }

  /** Told of every statement that failed; anything but a storage fault is ignored. */
  note(error: unknown): void {
    const fault = storageFaultOf(error);
    if (!fault) return;
    this.#counts[fault]++;
    if (stopsWrites(fault)) this.#fault = fault;
  }

  /** Statements that failed for each storage fault since start (probes included). */
  get faults(): Readonly<Record<StorageFault, number>> {
    return this.#counts;
  }

  /** Checks that the database takes a write now; throws the database's error when it does not. */
  probe(): Promise<void> {
    return this.#probe();
  }

  /**
   * Why the database cannot take a write, or undefined when it can. Undefined at once while no write has failed for a
   * storage fault since the last successful probe; otherwise a probe write is made (at most one a second, shared by
   * concurrent callers) and decides: it forgets the fault when it succeeds. Answers within `timeoutMs`, with the
   * remembered fault when the probe is slower.
   */
  async writeFault(timeoutMs: number): Promise<StorageFault | undefined> {
    if (this.#fault === undefined) return undefined;
    if (this.#probing === undefined && performance.now() - this.#probedAt >= probeIntervalMs) {
      this.#probedAt = performance.now();
      this.#probing = this.#probe()
        .then(
          () => {
            this.#fault = undefined;
          },
          (error: unknown) => this.note(error),
        )
        .finally(() => {
          this.#probing = undefined;
        });
    }
    const probing = this.#probing;
    if (probing !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([probing, timedOut]);
      clearTimeout(timer);
    }
    return this.#fault;
  }
}

/**
 * The probe: a row of the `storage_probe` table written and deleted in one unit of work. Its 8 KB of random text are
 * more than a page of SQLite and more than PostgreSQL compresses away, so that it needs new space as a user's write
 * would; it leaves nothing behind and touches no app's data.
 */
export function probeWrite(unitOfWork: UnitOfWork): Promise<void> {
  const id = randomUUID();
  return unitOfWork.run(async () => {
    const padding = randomBytes(6144).toString('base64');
    await unitOfWork.db.insertInto('storage_probe').values({ id, written_at: Date.now(), padding }).execute();
    await unitOfWork.db.deleteFrom('storage_probe').where('id', '=', id).execute();
  });
}
