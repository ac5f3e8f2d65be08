import { type AliasedRawBuilder, type Selectable, sql } from 'kysely';
import { CoalescedReads } from '../../db/coalesced-reads.ts';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { TokensTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EventBus } from '../../events/bus.ts';
import type { NewToken, TokenRecord } from './identity.types.ts';
import { joinedUserColumns, type UsersRepository, userOfJoined } from './users.repository.ts';

const tokenColumns = [
  'id',
  'app_id',
  'user_id',
  'kind',
  'pair_id',
  'profile_id',
  'credentials_version',
  'expires_at',
  'created_at',
] as const;

type TokenRow = Pick<Selectable<TokensTable>, (typeof tokenColumns)[number]>;

/**
 * What a token's read needs of the households' profiles to bring the profile a token is bound to along in the same
 * statement (households owns both): the columns to select from `profiles as p`, and the cache that keeps the profile.
 */
export interface JoinedProfiles {
  readonly columns: readonly AliasedRawBuilder<unknown, string>[];
  cacheMark(): number;
  offerJoined(appId: string, row: Record<string, unknown>, mark: number): void;
}

/** How a cache miss reads its token: alone, or coalesced with the misses of the same turn (PostgreSQL). */
export interface TokenReadOptions {
  users?: UsersRepository;
  profiles?: JoinedProfiles;
  /**
   * Reads that miss the cache in the same turn of the event loop share one statement, up to this many tokens; 0
   * reads each alone. Worth it where a statement is a round trip, not where it is a call (SQLite).
   */
  coalesceUpTo?: number;
}

/**
 * Access and refresh tokens, found by their app and the hash of their secret. Look-ups go through a per-instance cache
 * that every instance empties of tokens that end (the deletions here publish `tokens.ended` in their unit of work).
 */
export class TokensRepository {
  readonly #unitOfWork: UnitOfWork;
  readonly #cache: RowCache<TokenRecord>;
  readonly #findByHash;
  /** The token with its user and its profile, in one statement, when their caches are there to keep them. */
  readonly #findJoined;
  readonly #coalesced: CoalescedReads<Record<string, unknown>> | undefined;
  readonly #users: UsersRepository | undefined;
  readonly #profiles: JoinedProfiles | undefined;

  /**
   * With `users`, a token read on a miss of this cache brings its user along in the same statement (one round trip
   * where a request that authenticates and then reads its user took two), and the users' cache keeps it; with
   * `profiles` as well, the profile the token is bound to (a log-in's token is bound to the account's default
   * profile), which the profiles' cache keeps.
   */
  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings, reads: TokenReadOptions = {}) {
    this.#unitOfWork = unitOfWork;
    this.#users = reads.users;
    this.#profiles = reads.users ? reads.profiles : undefined;
    this.#cache = new RowCache<TokenRecord>(
      {
        ...cache,
        // Measured: about 800 bytes of heap an entry, key and tags (counted by the cache) included.
        sizeOf: () => 450,
        // Filed by owner (to end a user's or the app admin's tokens at once) and by id (to end single tokens).
        tagsOf: (token) => [ownerTag(token.appId, token.userId), idTag(token.appId, token.id)],
        invalidatedBy: (event) => {
          if (event.type !== 'tokens.ended') return undefined;
          if (event.tokenIds) return { tags: event.tokenIds.map((id) => idTag(event.appId, id)) };
          return { tags: [ownerTag(event.appId, event.userId)] };
        },
      },
      bus,
      unitOfWork,
    );
    this.#findByHash = new PreparedQuery(
      unitOfWork.db
        .selectFrom('tokens')
        .select(tokenColumns)
        .where('app_id', '=', parameter('appId'))
        .where('token_hash', '=', parameter('tokenHash')),
    );
    const joined = unitOfWork.db
      .selectFrom('tokens as t')
      .leftJoin('users as u', (join) => join.onRef('u.app_id', '=', 't.app_id').onRef('u.id', '=', 't.user_id'))
      .leftJoin('profiles as p', (join) => join.onRef('p.app_id', '=', 't.app_id').onRef('p.id', '=', 't.profile_id'))
      .select(tokenColumns.map((column) => `t.${column}` as const))
      .select(joinedUserColumns)
      .select(this.#profiles?.columns ?? [])
      .select('t.token_hash')
      .where('t.app_id', '=', parameter('appId'));
    this.#findJoined = new PreparedQuery(joined.where('t.token_hash', '=', parameter('tokenHash')));
    const coalesceUpTo = reads.coalesceUpTo ?? 0;
    if (this.#users && coalesceUpTo > 1) {
      // One statement per size, a power of two (`in ($2, $3)`, `in ($2 … $5)`, …), the keys padded with the first:
      // its generic plan then costs what a custom plan of the same size does, so PostgreSQL keeps the generic plan
      // of each named statement instead of planning every batch again (`= any($2)` looks like ten rows to a generic
      // plan and one to a custom one, and was re-planned each time: ~0.4 ms of PostgreSQL's CPU a batch).
      const bySize = new Map<number, ReturnType<typeof findTokensIn>>();
      const findTokensIn = (size: number) =>
        new PreparedQuery(
          joined.where(
            't.token_hash',
            'in',
            Array.from({ length: size }, (_, i) => parameter(`hash${i}`)),
          ),
        );
      this.#coalesced = new CoalescedReads(
        async (appId, tokenHashes) => {
          const first = tokenHashes[0] ?? '';
          let rows: { token_hash: string }[];
          if (tokenHashes.length === 1) {
            rows = await this.#findJoined.execute(this.#unitOfWork.db, { appId, tokenHash: first });
          } else {
            const size = 2 ** Math.ceil(Math.log2(tokenHashes.length));
            let query = bySize.get(size);
            if (!query) {
              query = findTokensIn(size);
              bySize.set(size, query);
            }
            const values: Record<string, string> = { appId };
            for (let i = 0; i < size; i++) values[`hash${i}`] = tokenHashes[i] ?? first;
            rows = await query.execute(this.#unitOfWork.db, values);
          }
          return new Map(rows.map((row) => [row.token_hash, row as Record<string, unknown>]));
        },
        { maxKeys: coalesceUpTo },
      );
    }
  }

  get cacheStats() {
    return this.#cache.stats;
  }

  async insertTokens(tokens: NewToken[]): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('tokens')
      .values(
        tokens.map((t) => ({
          id: t.id,
          app_id: t.appId,
          user_id: t.userId,
          kind: t.kind,
          token_hash: t.tokenHash,
          pair_id: t.pairId,
          profile_id: t.profileId,
          credentials_version: t.credentialsVersion,
          expires_at: t.expiresAt,
          created_at: t.createdAt,
        })),
      )
      .execute();
  }

  /** The token of the app with this hash, live or expired; undefined when there is none (unknown or ended). */
  async findByHash(appId: string, tokenHash: string): Promise<TokenRecord | undefined> {
    return this.#cache.read(`${appId}/${tokenHash}`, async () => {
      const users = this.#users;
      if (!users) {
        const [row] = await this.#findByHash.execute(this.#unitOfWork.db, { appId, tokenHash });
        return row && toRecord(row);
      }
      const userMark = users.cacheMark();
      const profileMark = this.#profiles?.cacheMark() ?? 0;
      // Inside a unit of work the read is the unit's own (it may see the unit's writes): never shared.
      const row =
        this.#coalesced && !this.#unitOfWork.inTransaction
          ? await this.#coalesced.load(appId, tokenHash)
          : (await this.#findJoined.execute(this.#unitOfWork.db, { appId, tokenHash }))[0];
      if (!row) return undefined;
      const user = userOfJoined(row);
      if (user) users.offerUser(user, userMark);
      this.#profiles?.offerJoined(appId, row, profileMark);
      return toRecord(row as TokenRow);
    });
  }

  /**
   * Atomically takes a live refresh token of the app out of the store, with every other token of its pair, so that it
   * can be used once only even under concurrent refreshes. Returns the refresh token, `expired` when it exists but
   * has expired, or undefined when there is no such token.
   */
  async consumeRefreshToken(
    appId: string,
    tokenHash: string,
    now: number,
  ): Promise<TokenRecord | 'expired' | undefined> {
    return this.#unitOfWork.run(async () => {
      const row = await this.#unitOfWork.db
        .deleteFrom('tokens')
        .where('app_id', '=', appId)
        .where('token_hash', '=', tokenHash)
        .where('kind', '=', 'refresh')
        .where('expires_at', '>', now)
        .returning(tokenColumns)
        .executeTakeFirst();
      if (!row) return (await this.#findRefreshRow(appId, tokenHash)) ? 'expired' : undefined;
      const pair = await this.#unitOfWork.db
        .deleteFrom('tokens')
        .where('app_id', '=', appId)
        .where('pair_id', '=', row.pair_id)
        .returning('id')
        .execute();
      const tokenIds = [row.id, ...pair.map((t) => t.id)];
      this.#unitOfWork.publish({ type: 'tokens.ended', appId, userId: row.user_id, tokenIds });
      return toRecord(row);
    });
  }

  /** A refresh token of the app, live or expired, without using it up; undefined when there is none. */
  /** Whether the token is still stored (not revoked, refreshed away or swept), read from the database. */
  async exists(appId: string, tokenId: string): Promise<boolean> {
    const row = await this.#unitOfWork.db
      .selectFrom('tokens')
      .select('id')
      .where('app_id', '=', appId)
      .where('id', '=', tokenId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async findRefreshToken(appId: string, tokenHash: string): Promise<TokenRecord | undefined> {
    const row = await this.#findRefreshRow(appId, tokenHash);
    return row && toRecord(row);
  }

  /** The token of the app with this id, read from the database; undefined when it has ended. */
  async findById(appId: string, tokenId: string): Promise<TokenRecord | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('tokens')
      .select(tokenColumns)
      .where('app_id', '=', appId)
      .where('id', '=', tokenId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Ends the tokens of one pair (a session): its access tokens and its refresh token (`userId` null: an admin's). */
  async deletePair(appId: string, userId: string | null, pairId: string): Promise<void> {
    await this.#unitOfWork.run(async () => {
      const rows = await this.#unitOfWork.db
        .deleteFrom('tokens')
        .where('app_id', '=', appId)
        .where('pair_id', '=', pairId)
        .returning('id')
        .execute();
      if (rows.length > 0) {
        this.#unitOfWork.publish({ type: 'tokens.ended', appId, userId, tokenIds: rows.map((row) => row.id) });
      }
    });
  }

  /** Ends every token of a user; returns how many there were. */
  async deleteTokensOfUser(appId: string, userId: string): Promise<number> {
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom('tokens')
        .where('app_id', '=', appId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      this.#unitOfWork.publish({ type: 'tokens.ended', appId, userId });
      return Number(result.numDeletedRows);
    });
  }

  /** Ends every admin token of the app (its client secret changed); returns how many there were. */
  async deleteAdminTokensOfApp(appId: string): Promise<number> {
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .deleteFrom('tokens')
        .where('app_id', '=', appId)
        .where('user_id', 'is', null)
        .executeTakeFirst();
      this.#unitOfWork.publish({ type: 'tokens.ended', appId, userId: null });
      return Number(result.numDeletedRows);
    });
  }

  /** Ends every token bound to a profile (the profile is being deleted); returns how many there were. */
  async deleteTokensOfProfile(appId: string, userId: string, profileId: string): Promise<number> {
    return this.#unitOfWork.run(async () => {
      const rows = await this.#unitOfWork.db
        .deleteFrom('tokens')
        .where('app_id', '=', appId)
        .where('user_id', '=', userId)
        .where('profile_id', '=', profileId)
        .returning('id')
        .execute();
      if (rows.length > 0) {
        this.#unitOfWork.publish({ type: 'tokens.ended', appId, userId, tokenIds: rows.map((row) => row.id) });
      }
      return rows.length;
    });
  }

  /** Deletes a user's tokens that expired before `before` (no event: an expired token is refused anyway). */
  async deleteExpiredTokensOfUser(appId: string, userId: string, before: number): Promise<void> {
    await this.#unitOfWork.db
      .deleteFrom('tokens')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('expires_at', '<=', before)
      .execute();
  }

  /** Deletes up to `batch` tokens of the app that expired before `before`; returns how many. */
  async deleteExpiredTokens(appId: string, before: number, batch: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('tokens')
      .where('app_id', '=', appId)
      .where('id', 'in', (eb) =>
        eb.selectFrom('tokens').select('id').where('app_id', '=', appId).where('expires_at', '<=', before).limit(batch),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** A user's tokens (never their hashes), for exports. */
  async listTokensOfUser(appId: string, userId: string): Promise<TokenRecord[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('tokens')
      .select(tokenColumns)
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map(toRecord);
  }

  #findRefreshRow(appId: string, tokenHash: string) {
    return this.#unitOfWork.db
      .selectFrom('tokens')
      .select(tokenColumns)
      .where('app_id', '=', appId)
      .where('token_hash', '=', tokenHash)
      .where('kind', '=', 'refresh')
      .executeTakeFirst();
  }

  /**
   * How many distinct users of the app got a token (a log-in, a sign-up, a refresh) on each UTC day from `since`, by
   * day number. Only stored tokens count: ended and swept ones are gone, so a day older than the refresh-token
   * lifetime is undercounted.
   */
  async activeUsersPerDay(appId: string, since: number): Promise<Map<number, number>> {
    const day = sql<number>`created_at / 86400000`;
    const rows = await this.#unitOfWork.db
      .selectFrom('tokens')
      .select([day.as('day'), (eb) => eb.fn.count<number>('user_id').distinct().as('count')])
      .where('app_id', '=', appId)
      .where('user_id', 'is not', null)
      .where('created_at', '>=', since)
      .groupBy(day)
      .execute();
    return new Map(rows.map((row) => [Number(row.day), Number(row.count)]));
  }
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    kind: row.kind,
    pairId: row.pair_id,
    profileId: row.profile_id,
    credentialsVersion: row.credentials_version,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

function ownerTag(appId: string, userId: string | null): string {
  return userId === null ? `admins:${appId}` : `user:${appId}/${userId}`;
}

function idTag(appId: string, tokenId: string): string {
  return `token:${appId}/${tokenId}`;
}
