import { sql } from 'kysely';
import type { UnitOfWork } from '../../db/unit-of-work.ts';

/** An account's PIN as stored: its hash and the state of its lock. */
export interface StoredPin {
  pinHash: string;
  failedAttempts: number;
  lockedUntil: number | null;
}

/**
 * Parental PINs. Failed attempts are counted by single conditional statements, so that attempts racing on several
 * instances are each counted once and the lock starts exactly at the threshold.
 */
export class PinsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** The account's PIN, or undefined when none is set. */
  async findPin(appId: string, userId: string): Promise<StoredPin | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('account_pins')
      .select(['pin_hash', 'failed_attempts', 'locked_until'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return (
      row && {
        pinHash: row.pin_hash,
        failedAttempts: Number(row.failed_attempts),
        lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
      }
    );
  }

  /** Sets the PIN (a new one starts with no failed attempts and no lock). */
  async setPin(appId: string, userId: string, pinHash: string, now: number): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('account_pins')
      .values({
        app_id: appId,
        user_id: userId,
        pin_hash: pinHash,
        failed_attempts: 0,
        locked_until: null,
        modified_at: now,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'user_id'])
          .doUpdateSet({ pin_hash: pinHash, failed_attempts: 0, locked_until: null, modified_at: now }),
      )
      .execute();
  }

  /**
   * Counts one failed attempt: a lock that has ended starts a new count; reaching `threshold` locks until
   * `now + lockMs`; an attempt during a lock counts without extending it. Returns the state after the attempt.
   */
  async recordFailure(
    appId: string,
    userId: string,
    now: number,
    threshold: number,
    lockMs: number,
  ): Promise<{ failedAttempts: number; lockedUntil: number | null } | undefined> {
    const ended = sql<boolean>`locked_until is not null and locked_until <= ${now}`;
    const count = sql<number>`case when ${ended} then 1 else failed_attempts + 1 end`;
    const row = await this.#unitOfWork.db
      .updateTable('account_pins')
      .set({
        failed_attempts: count,
        locked_until: sql<number | null>`case
          when locked_until is not null and locked_until > ${now} then locked_until
          when ${count} >= ${threshold} then ${now + lockMs}
          else null end`,
        modified_at: now,
      })
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .returning(['failed_attempts', 'locked_until'])
      .executeTakeFirst();
    return (
      row && {
        failedAttempts: Number(row.failed_attempts),
        lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
      }
    );
  }

  /** Clears the failed attempts after a right PIN, unless a lock started meanwhile; false when one did. */
  async recordSuccess(appId: string, userId: string, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('account_pins')
      .set({ failed_attempts: 0, locked_until: null, modified_at: now })
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Forgets the wrong attempts and ends any lock, keeping the PIN (the admin's lift). */
  async clearFailures(appId: string, userId: string, now: number): Promise<void> {
    await this.#unitOfWork.db
      .updateTable('account_pins')
      .set({ failed_attempts: 0, locked_until: null, modified_at: now })
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Removes the PIN (the admin's reset); false when none was set. */
  async deletePin(appId: string, userId: string): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .deleteFrom('account_pins')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
