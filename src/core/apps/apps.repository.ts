import { type CacheSettings, RowCache } from '../../db/row-cache.ts';
import type { AppsTable } from '../../db/schema.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { EventBus, PersonaEvent } from '../../events/bus.ts';
import { type App, type AppSettings, defaultAppSettings, type NewApp } from './apps.types.ts';

const appColumns = ['id', 'name', 'client_id', 'settings', 'created_at'] as const;

type AppRow = Pick<AppsTable, (typeof appColumns)[number]>;

/**
 * The tenants. The one table whose rows belong to no app: it is the apps. Apps are read on most requests, so reads by
 * id go through a per-instance cache that every write here invalidates on every instance (`app.changed`).
 */
export class AppsRepository {
  readonly #unitOfWork: UnitOfWork;
  readonly #cache: RowCache<App>;
  /**
   * The app keys' hashes, apart from the apps so that no secret's hash travels with an `App`: every anonymous call
   * checks one, and a flood of them must not cost a statement each. A quarter of the apps' budget.
   */
  readonly #keyHashes: RowCache<{ hash: string }>;

  constructor(unitOfWork: UnitOfWork, bus: EventBus, cache: CacheSettings) {
    this.#unitOfWork = unitOfWork;
    const invalidatedBy = (event: PersonaEvent) => (event.type === 'app.changed' ? { keys: [event.appId] } : undefined);
    this.#cache = new RowCache<App>(
      {
        ...cache,
        maxBytes: cache.maxBytes - Math.floor(cache.maxBytes / 4),
        sizeOf: (app) => 512 + 2 * app.name.length,
        invalidatedBy,
      },
      bus,
      unitOfWork,
    );
    this.#keyHashes = new RowCache<{ hash: string }>(
      { ...cache, maxBytes: Math.floor(cache.maxBytes / 4), sizeOf: () => 256, invalidatedBy },
      bus,
      unitOfWork,
    );
  }

  get cacheStats() {
    return this.#cache.stats;
  }

  async insertApp(app: NewApp): Promise<void> {
    await this.#unitOfWork.db
      .insertInto('apps')
      .values({
        id: app.id,
        name: app.name,
        app_key_hash: app.appKeyHash,
        client_id: app.clientId,
        client_secret_hash: app.clientSecretHash,
        settings: JSON.stringify(app.settings ?? {}),
        created_at: app.createdAt,
      })
      .execute();
  }

  /** The app, or undefined when there is none. */
  async findApp(appId: string): Promise<App | undefined> {
    return this.#cache.read(appId, async () => {
      const row = await this.#unitOfWork.db
        .selectFrom('apps')
        .select(appColumns)
        .where('id', '=', appId)
        .executeTakeFirst();
      return row && toApp(row);
    });
  }

  /** Auth path only: the app key's hash. */
  async findAppKeyHash(appId: string): Promise<string | undefined> {
    const found = await this.#keyHashes.read(appId, async () => {
      const row = await this.#unitOfWork.db
        .selectFrom('apps')
        .select('app_key_hash')
        .where('id', '=', appId)
        .executeTakeFirst();
      return row && { hash: row.app_key_hash };
    });
    return found?.hash;
  }

  /** Auth path only: the app and its client secret's hash, found by client id. */
  async findByClientId(clientId: string): Promise<{ app: App; clientSecretHash: string } | undefined> {
    const row = await this.#unitOfWork.db
      .selectFrom('apps')
      .select([...appColumns, 'client_secret_hash'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && { app: toApp(row), clientSecretHash: row.client_secret_hash };
  }

  /**
   * Auth path only: the app's client secret hash, read inside the caller's unit of work and kept from other writers
   * until it commits (locked on PostgreSQL; on SQLite the unit holds the only connection), so that a token issued
   * against it cannot outlive a rotation that commits meanwhile.
   */
  async lockClientSecretHash(appId: string): Promise<string | undefined> {
    if (!this.#unitOfWork.inTransaction) throw new Error('lockClientSecretHash needs a unit of work');
    let select = this.#unitOfWork.db.selectFrom('apps').select('client_secret_hash').where('id', '=', appId);
    if (this.#unitOfWork.locksRows) select = select.forUpdate();
    return (await select.executeTakeFirst())?.client_secret_hash;
  }

  /** Every app's id, for maintenance that visits each app in turn. */
  async listAppIds(): Promise<string[]> {
    const rows = await this.#unitOfWork.db.selectFrom('apps').select('id').orderBy('id').execute();
    return rows.map((row) => row.id);
  }

  /** Every app, oldest first (operators' listing). */
  async listApps(): Promise<App[]> {
    const rows = await this.#unitOfWork.db
      .selectFrom('apps')
      .select(appColumns)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toApp);
  }

  /** Replaces the hash of the app key or of the admin client secret; false when there is no such app. */
  async replaceSecretHash(appId: string, which: 'app_key_hash' | 'client_secret_hash', hash: string): Promise<boolean> {
    return this.#unitOfWork.run(async () => {
      const result = await this.#unitOfWork.db
        .updateTable('apps')
        .set({ [which]: hash })
        .where('id', '=', appId)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      this.#unitOfWork.publish({ type: 'app.changed', appId });
      return true;
    });
  }

  /**
   * Sets some settings of the app. Only the settings an app was given are stored, so that a setting it was never given
   * follows the default, even one that changes later.
   */
  async updateSettings(appId: string, changed: Partial<AppSettings>): Promise<void> {
    await this.#unitOfWork.run(async () => {
      const { db } = this.#unitOfWork;
      let read = db.selectFrom('apps').select('settings').where('id', '=', appId);
      if (this.#unitOfWork.locksRows) read = read.forUpdate();
      const row = await read.executeTakeFirst();
      if (!row) return;
      const stored = JSON.parse(row.settings) as Partial<AppSettings>;
      await db
        .updateTable('apps')
        .set({ settings: JSON.stringify({ ...stored, ...changed }) })
        .where('id', '=', appId)
        .execute();
      this.#unitOfWork.publish({ type: 'app.changed', appId });
    });
  }
}

function toApp(row: AppRow): App {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    settings: { ...defaultAppSettings, ...(JSON.parse(row.settings) as Partial<AppSettings>) },
    createdAt: row.created_at,
  };
}
