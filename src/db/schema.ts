/**
 * The tables as Kysely sees them. Timestamps are epoch milliseconds (UTC) in a bigint column on both dialects;
 * booleans read back as 0/1 on SQLite, so repositories pass them through `Boolean()`.
 */
export interface Database {
  apps: AppsTable;
  users: UsersTable;
  tokens: TokensTable;
}

type StoredBoolean = boolean | number;

export interface AppsTable {
  id: string;
  name: string;
  app_key_hash: string;
  client_id: string;
  client_secret_hash: string;
  /** JSON text of the settings that differ from the defaults. */
  settings: string;
  created_at: number;
}

export interface UsersTable {
  id: string;
  app_id: string;
  internal_id: number;
  login_name: string | null;
  login_name_key: string | null;
  email_address: string | null;
  email_key: string | null;
  email_verified: StoredBoolean;
  phone_number: string | null;
  phone_verified: StoredBoolean;
  display_name: string | null;
  display_name_key: string | null;
  country: string | null;
  locale: string | null;
  /** JSON text of the Kii custom fields. */
  custom_fields: string;
  password_hash: string | null;
  disabled: StoredBoolean;
  created_at: number;
  modified_at: number;
}

export interface TokensTable {
  id: string;
  app_id: string;
  /** Null for an app-admin token. */
  user_id: string | null;
  kind: 'access' | 'refresh';
  token_hash: string;
  /** An access token and the refresh token issued with it share a pair id, so a refresh can end both. */
  pair_id: string;
  profile_id: string | null;
  expires_at: number;
  created_at: number;
}
