import type { RecoveryCodesTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Channel } from '../messaging/messaging.types.ts';
import type { CodePurpose, RecoveryCode } from './recovery.types.ts';

/**
 * The codes sent to users, by app in every method. Only hashes are stored. A code is spent by one conditional
 * update (`used_at is null`), so of two uses at once exactly one wins; its wrong attempts are counted the same way.
 */
export class RecoveryRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  async insertCode(code: RecoveryCode): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('recovery_codes')
      .values({
        app_id: code.appId,
        id: code.id,
        user_id: code.userId,
        purpose: code.purpose,
        channel: code.channel,
        address: code.address,
        secret_hash: code.secretHash,
        pin_hash: code.pinHash,
        attempts: code.attempts,
        expires_at: code.expiresAt,
        created_at: code.createdAt,
        used_at: code.usedAt,
      })
      .execute();
  }

  /** The code of this id, live or not; undefined when the app has none. */
  async findCode(appId: string, codeId: string): Promise<RecoveryCode | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('recovery_codes')
      .selectAll()
      .where('app_id', '=', appId)
      .where('id', '=', codeId)
      .executeTakeFirst();
    return row && toCode(row);
  }

  /** The user's newest code of this purpose that is neither used nor expired; undefined when there is none. */
  async findLiveCode(
    appId: string,
    userId: string,
    purpose: CodePurpose,
    now: number,
  ): Promise<RecoveryCode | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('recovery_codes')
      .selectAll()
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toCode(row);
  }

  /**
   * Counts one attempt at a live code, if it has attempts left; false when it has none (or is used or expired), and
   * then it may no longer be tried.
   */
  async countAttempt(appId: string, codeId: string, maxAttempts: number, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('recovery_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('app_id', '=', appId)
      .where('id', '=', codeId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Spends a live code; false when it was used (by a concurrent call too) or has expired. */
  async spendCode(appId: string, codeId: string, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('recovery_codes')
      .set({ used_at: now })
      .where('app_id', '=', appId)
      .where('id', '=', codeId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Ends every live code of the user of this purpose (a newer one replaces them, or the purpose was fulfilled). */
  async endLiveCodes(appId: string, userId: string, purpose: CodePurpose, now: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .updateTable('recovery_codes')
      .set({ used_at: now })
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes up to `batch` codes of the app that expired before `before`; returns how many. */
  async deleteExpiredCodes(appId: string, before: number, batch: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('recovery_codes')
      .where('app_id', '=', appId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('recovery_codes')
          .select('id')
          .where('app_id', '=', appId)
          .where('expires_at', '<', before)
          .limit(batch),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toCode(row: RecoveryCodesTable): RecoveryCode {
  return {
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    purpose: row.purpose as CodePurpose,
    channel: row.channel as Channel,
    address: row.address,
    secretHash: row.secret_hash,
    pinHash: row.pin_hash,
    attempts: row.attempts,
    expiresAt: Number(row.expires_at),
    createdAt: Number(row.created_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
  };
}
