import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are epoch milliseconds (UTC) in a bigint column on both dialects;
 * booleans read back as 0/1 on SQLite, so repositories pass them through `Boolean()`. Every row that belongs to an app
 * carries its `app_id`, and rows that point at a user do so by `(app_id, user_id)`, so the schema itself refuses a row
 * of one app pointing at another app's user.
 */
export interface Database {
  apps: AppsTable;
  users: UsersTable;
  tokens: TokensTable;
  jobs: JobsTable;
  preference_options: PreferenceOptionsTable;
  user_preferences: UserPreferencesTable;
  schools: NamedOptionsTable;
  study_levels: NamedOptionsTable;
  student_information: StudentInformationTable;
  ratings_bodies: RatingsBodiesTable;
  ratings: RatingsTable;
  movies: MoviesTable;
  movie_attributes: MovieAttributesTable;
  movie_ratings: MovieRatingsTable;
  viewings: ViewingsTable;
  history_stats: HistoryStatsTable;
  history_marks: HistoryMarksTable;
  recommendation_models: RecommendationModelsTable;
  recommendation_model_parts: RecommendationModelPartsTable;
  icons: IconsTable;
  profiles: ProfilesTable;
  account_pins: AccountPinsTable;
  credential_failures: CredentialFailuresTable;
  rate_limit_counters: RateLimitCountersTable;
  audit_events: AuditEventsTable;
  storage_probe: StorageProbeTable;
  containers: ContainersTable;
  container_members: ContainerMembersTable;
  referrals: ReferralsTable;
  notification_clocks: NotificationClocksTable;
  notifications: NotificationsTable;
  recovery_codes: RecoveryCodesTable;
  messages: MessagesTable;
  message_templates: MessageTemplatesTable;
}

type StoredBoolean = boolean | number;

export interface AppsTable {
  id: string;
  name: string;
  app_key_hash: string;
  client_id: string;
  client_secret_hash: string;
  /** JSON text of the settings the app was given; the others follow the defaults. */
  settings: string;
  created_at: number;
}

export interface UsersTable {
  id: string;
  app_id: string;
  /** Assigned by the database (an identity column on PostgreSQL, the rowid on SQLite): never collides. */
  internal_id: Generated<number>;
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
  /** Advances with every password change: a session's tokens carry the version they began under. */
  credentials_version: Generated<number>;
  /** The public name of the account (v1 face), as given; `handle_key` (lower case) keeps it unique per app. */
  handle: string | null;
  handle_key: string | null;
  biography: string | null;
  /** `YYYY-MM-DD`. */
  date_of_birth: string | null;
  avatar_url: string | null;
  /** When the user first logged in (a referrer may be named until then); null: never yet. */
  first_log_in_at: number | null;
  created_at: number;
  /** Strictly increases with every write of the row: the optimistic guard of updates. */
  modified_at: number;
}

export interface TokensTable {
  id: string;
  app_id: string;
  /** Null for an app-admin token. */
  user_id: string | null;
  kind: 'access' | 'refresh';
  /** SHA-256 of the token's secret part; looked up with the app id the token names. */
  token_hash: string;
  /** An access token and the refresh token issued with it share a pair id, so a refresh can end both. */
  pair_id: string;
  profile_id: string | null;
  /** The user's credentials version when the session began (0 for admin tokens): a refresh needs it unchanged. */
  credentials_version: Generated<number>;
  expires_at: number;
  created_at: number;
}

export interface JobsTable {
  id: string;
  /** The app the job works for; null for maintenance of the whole deployment. */
  app_id: string | null;
  kind: string;
  /** JSON text of the job's input. */
  payload: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** With `kind`, unique: the same job is enqueued once however many instances try (recurring jobs). */
  dedupe_key: string | null;
  attempts: number;
  max_attempts: number;
  /** When a queued job may run (later after a failure: backoff). */
  run_at: number;
  /** The instance running it, and until when its claim holds; a claim that lapses may be taken over. */
  lease_owner: string | null;
  lease_expires_at: number | null;
  /** JSON text the job reports as it goes. */
  progress: string | null;
  /** JSON text of what it returned. */
  result: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface PreferenceOptionsTable {
  app_id: string;
  id: string;
  /** One of the 17 KIP categories. */
  category: string;
  label: string;
  /** What the option means in the movie catalogue (`genre:Horror`), for recommendations. */
  attribute: string | null;
  /** The catalogue's order within a category; options of equal position are ordered by label. */
  position: number;
  created_at: number;
  modified_at: number;
}

export interface UserPreferencesTable {
  app_id: string;
  user_id: string;
  option_id: string;
  value: StoredBoolean;
  modified_at: number;
}

/** Schools and study levels: options with a name, searched by `name_key` (the name folded: lower case, no accents). */
export interface NamedOptionsTable {
  app_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: number;
  modified_at: number;
}

export interface StudentInformationTable {
  app_id: string;
  user_id: string;
  /** The calendar year the information is filed under (the path's `{year}`). */
  year: number;
  /** The id answered when the information was created. */
  id: string;
  school_id: string;
  study_level_id: string;
  academic_year: string;
  last_year: StoredBoolean;
  created_at: number;
  modified_at: number;
}

export interface RatingsBodiesTable {
  app_id: string;
  id: string;
  name: string;
  created_at: number;
  modified_at: number;
}

export interface RatingsTable {
  app_id: string;
  body_id: string;
  code: string;
  /** 0 is the body's mildest rating. */
  rank: number;
}

export interface MoviesTable {
  app_id: string;
  id: string;
  title: string;
  year: number;
  based_on: string | null;
  poster_url: string | null;
  /** JSON text of the movie's lists: genres, actors, directors, countries, technologies, versions, awards. */
  attributes: string;
  created_at: number;
  modified_at: number;
}

/** One attribute value of a movie (`genre`, `Horror`), as preferences and recommendations name it. */
export interface MovieAttributesTable {
  app_id: string;
  movie_id: string;
  kind: string;
  value: string;
}

export interface MovieRatingsTable {
  app_id: string;
  movie_id: string;
  body_id: string;
  code: string;
}

/** One viewing: a user watched a movie at a time (the key, so an ingest sent twice stores it once). */
export interface ViewingsTable {
  app_id: string;
  user_id: string;
  watched_at: number;
  movie_id: string;
  technology: string | null;
  version: string | null;
  created_at: number;
}

/** Per user: how many viewings the history holds, and a version every write of it bumps. */
export interface HistoryStatsTable {
  app_id: string;
  user_id: string;
  viewings: number;
  version: number;
}

/** Every 100th viewing of a user's history (newest first) as of a version: where a deep page starts. */
export interface HistoryMarksTable {
  app_id: string;
  user_id: string;
  version: number;
  ordinal: number;
  watched_at: number;
  movie_id: string;
}

/** A trained recommender model of an app: what it is; its bytes are in `recommendation_model_parts`. */
export interface RecommendationModelsTable {
  app_id: string;
  version: number;
  algorithm: string;
  /** JSON text. */
  parameters: string;
  /** JSON text, or null when the training did not evaluate. */
  metrics: string | null;
  items: number;
  users: number;
  interactions: number;
  entries: number;
  size_bytes: number | string;
  parts: number;
  training_ms: number;
  evaluation_ms: number;
  history_fingerprint: string;
  trained_at: number | string;
}

/** A part of a stored model's bytes (BLOB on SQLite, bytea on PostgreSQL). */
export interface RecommendationModelPartsTable {
  app_id: string;
  version: number;
  part: number;
  data: Uint8Array;
}

/** A profile icon of the app's catalogue; `id` is the resource id a profile's `iconName` names. */
export interface IconsTable {
  app_id: string;
  id: string;
  uri: string;
  /** `1x1` for the household face's profile icons. */
  aspect: string;
  image_id: string;
  created_at: number;
  modified_at: number;
}

/** A household profile of an account; exactly one per account is its default. */
export interface ProfilesTable {
  app_id: string;
  id: string;
  user_id: string;
  is_default: StoredBoolean;
  name: string;
  /** The name in lower case: names are unique per account whatever their case. */
  name_key: string;
  child: StoredBoolean;
  pin_prompt_required: StoredBoolean;
  /** ISO 639-2 codes. */
  audio_language: string | null;
  subtitle_language: string | null;
  /** JSON text: [{ratingsBody, rating}]. */
  rating_thresholds: string;
  icon_id: string | null;
  /** JSON text: [{name, value}]. */
  additional_properties: string;
  created_at: number;
  modified_at: number;
}

/** An account's parental PIN and the failed attempts against it. */
export interface AccountPinsTable {
  app_id: string;
  user_id: string;
  pin_hash: string;
  /** Wrong attempts since the last right one (or since the last lock ended). */
  failed_attempts: number;
  /** While in the future, every PIN check is refused. */
  locked_until: number | null;
  modified_at: number;
}

/**
 * Failed credential checks of one subject: an account from one address (`pair`), an account from anywhere
 * (`account`), or one address against any account (`address`).
 */
export interface CredentialFailuresTable {
  app_id: string;
  scope: string;
  subject: string;
  /** `pair` only: the account part of the subject (`<account>|<address>`), so that its pairs are found by equality. */
  pair_account: string | null;
  /** Failures (and checks under way) since the last success or since they were forgotten. */
  failures: number;
  last_failure_at: number | null;
  /** While in the future, checks of this subject are refused without computing anything. */
  locked_until: number | null;
  /** The last correct password of this account from this address (`pair` only): such an address is known. */
  succeeded_at: number | null;
  modified_at: number;
}

/** How many anonymous calls a bucket (a policy and an address, or the whole app) made in one fixed window. */
export interface RateLimitCountersTable {
  app_id: string;
  bucket: string;
  window_start: number;
  count: number;
}

/** One sensitive action: who did it, when, to which user, and what (never a secret). */
export interface AuditEventsTable {
  app_id: string;
  /** UUIDv7: ordered by time, the key of the log's paging. */
  id: string;
  occurred_at: number;
  actor_kind: string;
  actor_id: string | null;
  actor_address: string | null;
  action: string;
  user_id: string | null;
  /** JSON text. */
  details: string;
}

/** Empty at rest: the write that checks the database can take one (`src/db/storage-health.ts`). */
export interface StorageProbeTable {
  id: string;
  written_at: number;
  padding: string;
}

/** A community inside an app (the v1 face's containers), named by its id or its slug (lower case, unique per app). */
export interface ContainersTable {
  app_id: string;
  id: string;
  slug: string;
  name: string;
  created_at: number;
  modified_at: number;
}

export interface ContainerMembersTable {
  app_id: string;
  container_id: string;
  user_id: string;
  joined_at: number;
}

/** Who referred a user (at most one referrer: the user is the key). */
export interface ReferralsTable {
  app_id: string;
  user_id: string;
  referrer_id: string;
  created_at: number;
}

/** Per app, the clock every notification-creating transaction advances (and holds until it commits). */
export interface NotificationClocksTable {
  app_id: string;
  value: number;
}

/** One notification of one user; `container_id` null: app-wide (in every container's list). */
export interface NotificationsTable {
  app_id: string;
  /** UUIDv7. */
  id: string;
  user_id: string;
  container_id: string | null;
  /** The app's clock value of the transaction that created it: the order in which they became visible. */
  seq: number;
  type: string;
  title: string;
  body: string;
  /** JSON text. */
  data: string;
  created_at: number;
  read_at: number | null;
}

/**
 * A code sent to a user to reset a password or verify an address: a link secret and, when one was sent, a PIN, both
 * only as hashes. Single use (`used_at`), expiring, with a count of wrong attempts.
 */
export interface RecoveryCodesTable {
  app_id: string;
  id: string;
  user_id: string;
  /** `password_reset`, `email_verification` or `phone_verification`. */
  purpose: string;
  /** `email` or `sms`. */
  channel: string;
  /** The address the code was sent to; a verification holds only while the user still has it. */
  address: string;
  secret_hash: string;
  pin_hash: string | null;
  attempts: number;
  expires_at: number;
  created_at: number;
  used_at: number | null;
}

/** A message to a user (the outbox): rendered, then delivered by a job, or held when no transport is configured. */
export interface MessagesTable {
  app_id: string;
  /** UUIDv7. */
  id: string;
  user_id: string;
  kind: string;
  channel: string;
  recipient: string;
  locale: string;
  subject: string | null;
  /** The bodies carry the code in clear: they are emptied once the message is sent or has failed for good. */
  text_body: string | null;
  html_body: string | null;
  /** `queued`, `sent`, `failed` or `held`. */
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  modified_at: number;
}

/** An app's own wording of one kind of message in one locale. */
export interface MessageTemplatesTable {
  app_id: string;
  kind: string;
  locale: string;
  subject: string | null;
  text_body: string;
  html_body: string | null;
  modified_at: number;
}
