import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type App, type AppSettings, defaultAppSettings } from './apps.types.ts';

const appColumns = ['id', 'name', 'client_id', 'settings', 'created_at'] as const;

type AppRow = Pick<Database['apps'], (typeof appColumns)[number]>;

function toApp(row: AppRow): App {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    settings: { ...defaultAppSettings, ...(JSON.parse(row.settings) as Partial<AppSettings>) },
    createdAt: row.created_at,
  };
}

export class AppsRepository {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async insertApp(app: Database['apps']): Promise<void> {
    await this.db.insertInto('apps').values(app).execute();
  }

  async findApp(appId: string): Promise<App | undefined> {
    const row = await this.db.selectFrom('apps').select(appColumns).where('id', '=', appId).executeTakeFirst();
    return row && toApp(row);
  }

  /** Auth path only: the app key's hash. */
  async findAppKeyHash(appId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('apps').select('app_key_hash').where('id', '=', appId).executeTakeFirst();
    return row?.app_key_hash;
  }

  /** Auth path only: the app and its client secret's hash, found by client id. */
  async findByClientId(clientId: string): Promise<{ app: App; clientSecretHash: string } | undefined> {
    const row = await this.db
      .selectFrom('apps')
      .select([...appColumns, 'client_secret_hash'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && { app: toApp(row), clientSecretHash: row.client_secret_hash };
  }

  async updateSettings(appId: string, settings: AppSettings): Promise<void> {
    await this.db
      .updateTable('apps')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', appId)
      .execute();
  }
}
