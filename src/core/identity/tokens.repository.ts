import type { Kysely } from 'kysely';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import type { Database, TokensTable } from '../../db/schema.ts';
import type { Executor } from './users.repository.ts';

export type TokenRow = Pick<
  TokensTable,
  'id' | 'app_id' | 'user_id' | 'kind' | 'pair_id' | 'profile_id' | 'expires_at'
>;

const tokenColumns = ['id', 'app_id', 'user_id', 'kind', 'pair_id', 'profile_id', 'expires_at'] as const;

/** Access and refresh tokens, found only by the hash of their secret. */
export class TokensRepository {
  private readonly db: Kysely<Database>;

  readonly #findByHash;

  constructor(db: Kysely<Database>) {
    this.db = db;
    this.#findByHash = new PreparedQuery(
      db.selectFrom('tokens').select(tokenColumns).where('token_hash', '=', parameter('tokenHash')),
    );
  }

  async insertTokens(rows: TokensTable[], executor: Executor = this.db): Promise<void> {
    await executor.insertInto('tokens').values(rows).execute();
  }

  async findByHash(tokenHash: string): Promise<TokenRow | undefined> {
    const [row] = await this.#findByHash.execute(this.db, { tokenHash });
    return row;
  }

  /**
   * Atomically takes a live refresh token out of the store, with the access token of its pair, so that it can be
   * used once only even under concurrent refreshes. Returns the refresh row, or undefined when it was not there.
   */
  async consumeRefreshToken(
    tokenHash: string,
    now: number,
    executor: Executor,
  ): Promise<{ refresh: TokenRow; endedAccessHashes: string[] } | undefined> {
    const row = await executor
      .deleteFrom('tokens')
      .where('token_hash', '=', tokenHash)
      .where('kind', '=', 'refresh')
      .where('expires_at', '>', now)
      .returning(tokenColumns)
      .executeTakeFirst();
    if (!row) return undefined;
    const ended = await executor
      .deleteFrom('tokens')
      .where('pair_id', '=', row.pair_id)
      .returning('token_hash')
      .execute();
    return { refresh: row, endedAccessHashes: ended.map((r) => r.token_hash) };
  }

  async deleteTokensOfUser(appId: string, userId: string, executor: Executor = this.db): Promise<number> {
    const result = await executor
      .deleteFrom('tokens')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpiredTokensOfUser(appId: string, userId: string, now: number): Promise<void> {
    await this.db
      .deleteFrom('tokens')
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .where('expires_at', '<=', now)
      .execute();
  }

  /**
   * Deletes up to `batch` expired tokens of any app; returns how many. The one method here not scoped to an app: it
   * is maintenance, and it never reads what it deletes.
   */
  async deleteExpiredTokens(now: number, batch: number): Promise<number> {
    const result = await this.db
      .deleteFrom('tokens')
      .where('id', 'in', (eb) => eb.selectFrom('tokens').select('id').where('expires_at', '<=', now).limit(batch))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Metadata of a user's live tokens (never their hashes), for exports. */
  async listTokensOfUser(appId: string, userId: string) {
    return this.db
      .selectFrom('tokens')
      .select(['id', 'kind', 'profile_id', 'created_at', 'expires_at'])
      .where('app_id', '=', appId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }
}
