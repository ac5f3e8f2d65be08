import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { Referral } from './social.types.ts';

/** Who referred whom, per app: at most one referrer per user (the user is the key). */
export class ReferralsRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /** Records that `referrerId` referred `userId`, unless the user has a referrer; returns whether it was recorded. */
  async insertReferral(appId: string, userId: string, referrerId: string, now: number): Promise<boolean> {
    const inserted = await this.#unitOfWork.db
      .insertInto('referrals')
      .values({ app_id: appId, user_id: userId, referrer_id: referrerId, created_at: now })
      .onConflict((conflict) => conflict.columns(['app_id', 'user_id']).doNothing())
      .returning('user_id')
      .execute();
    return inserted.length > 0;
  }

  /** Who referred the user, if anyone did. */
  async referrerOf(appId: string, userId: string): Promise<string | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('referrals')
      .select('referrer_id')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.referrer_id;
  }

  /** The users `referrerId` referred, newest first, `limit` after skipping `offset`. */
  async listReferred(appId: string, referrerId: string, options: { offset: number; limit: number }) {
    const rows = await this.#unitOfWork.db
      .selectFrom('referrals')
      .innerJoin('users', (join) =>
        join.onRef('users.app_id', '=', 'referrals.app_id').onRef('users.id', '=', 'referrals.user_id'),
      )
      .select(['referrals.user_id', 'users.handle', 'users.display_name', 'referrals.created_at'])
      .where('referrals.app_id', '=', appId)
      .where('referrals.referrer_id', '=', referrerId)
      .orderBy('referrals.created_at', 'desc')
      .orderBy('referrals.user_id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(
      (row): Referral => ({
        userId: row.user_id,
        handle: row.handle,
        displayName: row.display_name,
        joinedAt: Number(row.created_at),
      }),
    );
  }

  /** How many users `referrerId` referred. */
  async countReferred(appId: string, referrerId: string): Promise<number> {
    const row = await this.#unitOfWork.db
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('app_id', '=', appId)
      .where('referrer_id', '=', referrerId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
