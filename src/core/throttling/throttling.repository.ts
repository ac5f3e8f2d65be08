import { sql } from 'kysely';
import type { UnitOfWork } from '../../db/unit-of-work.ts';

/** What a throttled subject is: one account from one address, one account from anywhere, one address. */
export type FailureScope = 'pair' | 'account' | 'address';

/** A record of an account, as the admin reads it: the pair's address, or none for the account's own record. */
export interface AccountFailureRecord extends FailureRecord {
  scope: 'pair' | 'account';
  address: string | null;
}

export interface FailureRecord {
  failures: number;
  lastFailureAt: number | null;
  lockedUntil: number | null;
  succeededAt: number | null;
}

/**
 * Failed credential checks and rate-limit windows, counted by single statements (or under a row lock), so that checks
 * racing on several instances are each counted once.
 */
export class ThrottlingRepository {
  readonly #unitOfWork: UnitOfWork;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
  }

  /**
   * The pair's record, created empty when missing and locked until the unit of work ends (PostgreSQL; on SQLite the
   * unit holds the only connection), so that concurrent checks of one pair are decided one after another.
   */
  async lockPair(appId: string, account: string, address: string, now: number): Promise<FailureRecord> {
    const { db } = this.#unitOfWork;
    const subject = pairSubject(account, address);
    await db
      .insertInto('credential_failures')
      .values({ app_id: appId, scope: 'pair', subject, pair_account: account, failures: 0, modified_at: now })
      .onConflict((conflict) => conflict.columns(['app_id', 'scope', 'subject']).doNothing())
      .execute();
    let select = db
      .selectFrom('credential_failures')
      .select(['failures', 'last_failure_at', 'locked_until', 'succeeded_at'])
      .where('app_id', '=', appId)
      .where('scope', '=', 'pair')
      .where('subject', '=', subject);
    if (this.#unitOfWork.locksRows) select = select.forUpdate();
    return toRecord(await select.executeTakeFirstOrThrow());
  }

  async find(appId: string, scope: FailureScope, subject: string): Promise<FailureRecord | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('credential_failures')
      .select(['failures', 'last_failure_at', 'locked_until', 'succeeded_at'])
      .where('app_id', '=', appId)
      .where('scope', '=', scope)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /**
   * The account's records, the account's own and its pairs' (one per address it was tried from), the most recently
   * failed first, at most `limit`.
   */
  async recordsOfAccount(appId: string, account: string, limit: number): Promise<AccountFailureRecord[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('credential_failures')
      .select(['scope', 'subject', 'failures', 'last_failure_at', 'locked_until', 'succeeded_at'])
      .where('app_id', '=', appId)
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'pair'), eb('pair_account', '=', account)]),
          eb.and([eb('scope', '=', 'account'), eb('subject', '=', account)]),
        ]),
      )
      .orderBy('last_failure_at', 'desc')
      .orderBy('subject')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      ...toRecord(row),
      scope: row.scope === 'account' ? 'account' : 'pair',
      address: row.scope === 'pair' ? row.subject.slice(account.length + 1) : null,
    }));
  }

  /**
   * Clears the failures and locks of the account's own record and of its pairs (the addresses they were tried from
   * stay known); returns how many records held a lock at `now`.
   */
  async clearAccount(appId: string, account: string, now: number): Promise<number> {
    const locked = await this.#unitOfWork.db
      .selectFrom('credential_failures')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('app_id', '=', appId)
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'pair'), eb('pair_account', '=', account)]),
          eb.and([eb('scope', '=', 'account'), eb('subject', '=', account)]),
        ]),
      )
      .where('locked_until', '>', now)
      .executeTakeFirstOrThrow();
    await this.#unitOfWork.db
      .updateTable('credential_failures')
      .set({ failures: 0, last_failure_at: null, locked_until: null, modified_at: now })
      .where('app_id', '=', appId)
      .where((eb) =>
        eb.or([
          eb.and([eb('scope', '=', 'pair'), eb('pair_account', '=', account)]),
          eb.and([eb('scope', '=', 'account'), eb('subject', '=', account)]),
        ]),
      )
      .execute();
    return Number(locked.count);
  }

  /** The addresses that logged in to the account since `since` (its pairs with a success), at most `limit`. */
  async knownAddresses(appId: string, account: string, since: number, limit: number): Promise<string[]> {
    // By equality on the pair's account: a range of subjects would depend on the database's collation.
    const rows = await this.#unitOfWork.db
      .selectFrom('credential_failures')
      .select('subject')
      .where('app_id', '=', appId)
      .where('pair_account', '=', account)
      .where('scope', '=', 'pair')
      .where('succeeded_at', '>', since)
      .limit(limit)
      .execute();
    return rows.map((row) => row.subject.slice(account.length + 1));
  }

  /** Sets the pair's record (under the lock of `lockPair`). */
  async updatePair(appId: string, subject: string, record: FailureRecord, now: number): Promise<void> {
    await this.#unitOfWork.db
      .updateTable('credential_failures')
      .set({
        failures: record.failures,
        last_failure_at: record.lastFailureAt,
        locked_until: record.lockedUntil,
        succeeded_at: record.succeededAt,
        modified_at: now,
      })
      .where('app_id', '=', appId)
      .where('scope', '=', 'pair')
      .where('subject', '=', subject)
      .execute();
  }

  /**
   * Locks the pair until `until` if it has `threshold` failures or more and is not locked already; true when this call
   * started the lock.
   */
  async lockPairAt(appId: string, subject: string, threshold: number, until: number, now: number): Promise<boolean> {
    const result = await this.#unitOfWork.db
      .updateTable('credential_failures')
      .set({ locked_until: until, modified_at: now })
      .where('app_id', '=', appId)
      .where('scope', '=', 'pair')
      .where('subject', '=', subject)
      .where('failures', '>=', threshold)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Counts one failure of an account or address in one statement: failures older than `memoryMs` and a lock that has
   * ended start a new count; reaching `threshold` locks until `now + lockMs`; a failure during a lock counts without
   * extending it. Returns the state after the failure.
   */
  async countFailure(
    appId: string,
    scope: Exclude<FailureScope, 'pair'>,
    subject: string,
    options: { now: number; threshold: number; lockMs: number; memoryMs: number },
  ): Promise<FailureRecord> {
    const { now, threshold, lockMs, memoryMs } = options;
    const stale = sql<boolean>`(credential_failures.last_failure_at is null
      or credential_failures.last_failure_at <= ${now - memoryMs}
      or (credential_failures.locked_until is not null and credential_failures.locked_until <= ${now}))`;
    const count = sql<number>`case when ${stale} then 1 else credential_failures.failures + 1 end`;
    const row = await this.#unitOfWork.db
      .insertInto('credential_failures')
      .values({
        app_id: appId,
        scope,
        subject,
        failures: 1,
        last_failure_at: now,
        locked_until: threshold === 1 ? now + lockMs : null,
        modified_at: now,
      })
      .onConflict((conflict) =>
        conflict.columns(['app_id', 'scope', 'subject']).doUpdateSet({
          failures: count,
          last_failure_at: now,
          locked_until: sql<number | null>`case
            when credential_failures.locked_until is not null and credential_failures.locked_until > ${now}
              then credential_failures.locked_until
            when ${count} >= ${threshold} then ${now + lockMs}
            else null end`,
          modified_at: now,
        }),
      )
      .returning(['failures', 'last_failure_at', 'locked_until', 'succeeded_at'])
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /**
   * Deletes the app's records that no longer count: failures last touched before `forgetBefore` of subjects that never
   * succeeded, and known addresses whose last success was before `knownBefore`. Returns how many.
   */
  async deleteStale(appId: string, forgetBefore: number, knownBefore: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('credential_failures')
      .where('app_id', '=', appId)
      .where('modified_at', '<', forgetBefore)
      .where((eb) => eb.or([eb('succeeded_at', 'is', null), eb('succeeded_at', '<', knownBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Counts `calls` calls in a fixed window; returns the window's count after them. */
  async countCalls(appId: string, bucket: string, windowStart: number, calls: number): Promise<number> {
    const row = await this.#unitOfWork.db
      .insertInto('rate_limit_counters')
      .values({ app_id: appId, bucket, window_start: windowStart, count: calls })
      .onConflict((conflict) =>
        conflict
          .columns(['app_id', 'bucket', 'window_start'])
          .doUpdateSet({ count: sql<number>`rate_limit_counters.count + ${calls}` }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Deletes the app's rate-limit windows that ended before `before`; returns how many. */
  async deleteEndedWindows(appId: string, before: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('rate_limit_counters')
      .where('app_id', '=', appId)
      .where('window_start', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** The subject of a pair's record: its account and address. An address holds no `|`, an account may. */
export function pairSubject(account: string, address: string): string {
  return `${account}|${address}`;
}

function toRecord(row: {
  failures: number;
  last_failure_at: number | null;
  locked_until: number | null;
  succeeded_at: number | null;
}): FailureRecord {
  const optional = (value: number | null) => (value === null ? null : Number(value));
  return {
    failures: Number(row.failures),
    lastFailureAt: optional(row.last_failure_at),
    lockedUntil: optional(row.locked_until),
    succeededAt: optional(row.succeeded_at),
  };
}
