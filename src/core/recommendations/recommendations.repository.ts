import { sql } from 'kysely';
import { violatedUniqueConstraint } from '../../db/errors.ts';
import { PreparedQuery, parameter } from '../../db/prepared.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AttributeRef, StoredModelInfo, StoredModelRow } from './recommendations.types.ts';

/** A viewing as training reads it. */
export interface TrainingViewing {
  userId: string;
  movieId: string;
  watchedAt: number;
}

/**
 * What recommendations read (a read model over the movies, history and preferences tables) and the trained models
 * they own, each version a row of what it is and its bytes in parts.
 */
export class RecommendationsRepository {
  readonly #unitOfWork: UnitOfWork;
  /** Compiled once: it runs on every recommendation request. */
  readonly #selectSignals: PreparedQuery<{ value: string; preference: number | string }, Record<string, string>>;

  constructor(unitOfWork: UnitOfWork) {
    this.#unitOfWork = unitOfWork;
    const db = unitOfWork.db;
    this.#selectSignals = new PreparedQuery(
      db
        .selectFrom('viewings')
        .select(['movie_id as value', sql<number>`0`.as('preference')])
        .where('app_id', '=', parameter('appId'))
        .where('user_id', '=', parameter('userId'))
        .unionAll(
          db
            .selectFrom('user_preferences')
            .innerJoin('preference_options', (join) =>
              join
                .onRef('preference_options.app_id', '=', 'user_preferences.app_id')
                .onRef('preference_options.id', '=', 'user_preferences.option_id'),
            )
            .select([
              (eb) => eb.fn.coalesce('preference_options.attribute', eb.val('')).as('value'),
              sql<number>`1`.as('preference'),
            ])
            .where('user_preferences.app_id', '=', parameter('appId'))
            .where('user_preferences.user_id', '=', parameter('userId'))
            .where('user_preferences.value', '=', true)
            .where('preference_options.attribute', 'is not', null),
        ),
    );
  }

  /**
   * What the app's history looks like, in a few bytes: its viewings and the sum of every user's history version
   * (bumped by every write of a history, deletions included). Equal fingerprints mean nothing was written between.
   */
  async historyFingerprint(appId: string): Promise<string> {
    const row = await this.#unitOfWork.db
      .selectFrom('history_stats')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number | string>('viewings'), eb.lit(0)).as('viewings'),
        eb.fn.coalesce(eb.fn.sum<number | string>('version'), eb.lit(0)).as('versions'),
        eb.fn.countAll<number | string>().as('users'),
      ])
      .where('app_id', '=', appId)
      .executeTakeFirst();
    return `${Number(row?.viewings ?? 0)}:${Number(row?.versions ?? 0)}:${Number(row?.users ?? 0)}`;
  }

  /** Up to `limit` viewings of the app in key order (user, time, movie), after `after` when given. */
  async viewingsPage(appId: string, after: TrainingViewing | undefined, limit: number): Promise<TrainingViewing[]> {
    let select = this.#unitOfWork.db
      .selectFrom('viewings')
      .select(['user_id', 'watched_at', 'movie_id'])
      .where('app_id', '=', appId);
    if (after) {
      select = select.where((eb) =>
        eb(
          eb.refTuple('user_id', 'watched_at', 'movie_id'),
          '>',
          eb.tuple(after.userId, after.watchedAt, after.movieId),
        ),
      );
    }
    const rows = await select.orderBy('user_id').orderBy('watched_at').orderBy('movie_id').limit(limit).execute();
    return rows.map((row) => ({ userId: row.user_id, movieId: row.movie_id, watchedAt: Number(row.watched_at) }));
  }

  /**
   * What a request ranks one user by, in one statement (one round trip to PostgreSQL): the movies the user watched and
   * the `attribute`s of the preference options the user set to true (`genre:Horror`). Both are read at every request,
   * never cached, so a history or preference write shows at the next request on every instance. The viewings are
   * read along the primary key (app, user, time): a GROUP BY movie let SQLite walk the app's movie index instead,
   * every viewing of the app (5 ms at 20,000 viewings).
   */
  async userSignals(appId: string, userId: string): Promise<{ watched: string[]; liked: string[] }> {
    const rows = await this.#selectSignals.execute(this.#unitOfWork.db, { appId, userId });
    const watched = new Set<string>();
    const liked = new Set<string>();
    for (const row of rows) {
      if (Number(row.preference) === 0) watched.add(row.value);
      else {
        // `kind:value`; an attribute without a kind names nothing.
        const at = row.value.indexOf(':');
        if (at > 0) liked.add(row.value);
      }
    }
    return { watched: [...watched], liked: [...liked] };
  }

  /** Every movie of the app (id and title) in id order. */
  async catalogueMovies(appId: string): Promise<{ id: string; title: string }[]> {
    return this.#unitOfWork.db
      .selectFrom('movies')
      .select(['id', 'title'])
      .where('app_id', '=', appId)
      .orderBy('id')
      .execute();
  }

  /** Every attribute row of the app's movies (`genre`/`Horror` of a movie). */
  async catalogueAttributes(appId: string): Promise<(AttributeRef & { movieId: string })[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('movie_attributes')
      .select(['movie_id', 'kind', 'value'])
      .where('app_id', '=', appId)
      .execute();
    return rows.map((row) => ({ movieId: row.movie_id, kind: row.kind, value: row.value }));
  }

  /** Every rating of the app's movies: the code each body gave each movie. */
  async catalogueRatings(appId: string): Promise<{ movieId: string; bodyId: string; code: string }[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('movie_ratings')
      .select(['movie_id', 'body_id', 'code'])
      .where('app_id', '=', appId)
      .execute();
    return rows.map((row) => ({ movieId: row.movie_id, bodyId: row.body_id, code: row.code }));
  }

  /** Each rating of each body of the app with its rank (0 the mildest). */
  async catalogueRanks(appId: string): Promise<{ bodyId: string; code: string; rank: number }[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('ratings')
      .select(['body_id', 'code', 'rank'])
      .where('app_id', '=', appId)
      .execute();
    return rows.map((row) => ({ bodyId: row.body_id, code: row.code, rank: Number(row.rank) }));
  }

  /**
   * Stores a model as the app's next version, its bytes in `parts` (call inside a unit of work); returns the
   * version, or undefined when another training stored the same version first (the caller tries again).
   */
  async insertModel(
    appId: string,
    model: Omit<StoredModelRow, 'version' | 'parts'>,
    parts: readonly Uint8Array[],
  ): Promise<number | undefined> {
    const db = this.#unitOfWork.db;
    const newest = await this.newestVersion(appId);
    const version = (newest ?? 0) + 1;
    try {
      await db
        .insertInto('recommendation_models')
        .values({
          app_id: appId,
          version,
          algorithm: model.algorithm,
          parameters: JSON.stringify(model.parameters),
          metrics: model.metrics === null ? null : JSON.stringify(model.metrics),
          items: model.items,
          users: model.users,
          interactions: model.interactions,
          entries: model.entries,
          size_bytes: model.sizeBytes,
          parts: parts.length,
          training_ms: model.trainingMs,
          evaluation_ms: model.evaluationMs,
          history_fingerprint: model.historyFingerprint,
          trained_at: model.trainedAt,
        })
        .execute();
    } catch (error) {
      if (violatedUniqueConstraint(error) !== undefined) return undefined;
      throw error;
    }
    for (const [part, data] of parts.entries()) {
      await db.insertInto('recommendation_model_parts').values({ app_id: appId, version, part, data }).execute();
    }
    this.#unitOfWork.publish({ type: 'model.trained', appId, version });
    return version;
  }

  /** The app's newest model version, or undefined when it has none. */
  async newestVersion(appId: string): Promise<number | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('recommendation_models')
      .select('version')
      .where('app_id', '=', appId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.version);
  }

  /** What the app's newest model is (without its bytes), or undefined when it has none. */
  async newestModel(appId: string): Promise<StoredModelInfo | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('recommendation_models')
      .select([
        'version',
        'algorithm',
        'parameters',
        'metrics',
        'items',
        'users',
        'interactions',
        'entries',
        'size_bytes',
        'parts',
        'training_ms',
        'evaluation_ms',
        'history_fingerprint',
        'trained_at',
      ])
      .where('app_id', '=', appId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      version: Number(row.version),
      algorithm: row.algorithm as StoredModelInfo['algorithm'],
      parameters: JSON.parse(row.parameters),
      metrics: row.metrics === null ? null : JSON.parse(row.metrics),
      items: Number(row.items),
      users: Number(row.users),
      interactions: Number(row.interactions),
      entries: Number(row.entries),
      sizeBytes: Number(row.size_bytes),
      parts: Number(row.parts),
      trainingMs: Number(row.training_ms),
      evaluationMs: Number(row.evaluation_ms),
      historyFingerprint: row.history_fingerprint,
      trainedAt: Number(row.trained_at),
    };
  }

  /** The bytes of a stored model version, or undefined when it is gone (pruned since). */
  async modelBytes(appId: string, version: number, parts: number): Promise<Uint8Array | undefined> {
    const chunks: Uint8Array[] = [];
    // A few parts per statement: a statement never carries much more than a few megabytes.
    for (let from = 0; from < parts; from += 4) {
      const rows = await this.#unitOfWork.db
        .selectFrom('recommendation_model_parts')
        .select(['part', 'data'])
        .where('app_id', '=', appId)
        .where('version', '=', version)
        .where('part', '>=', from)
        .where('part', '<', from + 4)
        .orderBy('part')
        .execute();
      chunks.push(...rows.map((row) => row.data));
    }
    if (chunks.length !== parts) return undefined;
    const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  }

  /** Deletes the app's model versions older than `keepFrom` (their parts go with them). */
  async deleteModelsBefore(appId: string, keepFrom: number): Promise<number> {
    const result = await this.#unitOfWork.db
      .deleteFrom('recommendation_models')
      .where('app_id', '=', appId)
      .where('version', '<', keepFrom)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
