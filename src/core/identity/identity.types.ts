/** A user as the core sees it; faces choose which of these fields they show. */
export interface User {
  id: string;
  appId: string;
  internalId: number;
  loginName: string | null;
  emailAddress: string | null;
  emailVerified: boolean;
  phoneNumber: string | null;
  phoneVerified: boolean;
  displayName: string | null;
  country: string | null;
  locale: string | null;
  customFields: Record<string, unknown>;
  hasPassword: boolean;
  disabled: boolean;
  /** The account's public side (the accounts domain's rules; the v1 face shows it): unique per app in any case. */
  handle: string | null;
  biography: string | null;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string | null;
  avatarUrl: string | null;
  /** When the user first logged in; null until then. */
  firstLogInAt: number | null;
  createdAt: number;
  modifiedAt: number;
}

/** The predefined, user-editable fields; undefined means "leave as it is". */
export interface PredefinedFields {
  loginName?: string | undefined;
  emailAddress?: string | undefined;
  phoneNumber?: string | undefined;
  displayName?: string | undefined;
  country?: string | undefined;
  locale?: string | undefined;
}

export interface SignUpInput extends PredefinedFields {
  password?: string | undefined;
  customFields: Record<string, unknown>;
}

/** A new user, as sign-up stores it. */
export interface NewUser {
  id: string;
  appId: string;
  loginName: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
  displayName: string | null;
  country: string | null;
  locale: string | null;
  customFields: Record<string, unknown>;
  passwordHash: string | null;
  createdAt: number;
}

/** A change of a user's row; absent fields stay. The repository advances `modifiedAt` with every change. */
export interface UserPatch {
  loginName?: string | null;
  emailAddress?: string | null;
  emailVerified?: boolean;
  phoneNumber?: string | null;
  phoneVerified?: boolean;
  displayName?: string | null;
  country?: string | null;
  locale?: string | null;
  customFields?: Record<string, unknown>;
  passwordHash?: string | null;
  disabled?: boolean;
  handle?: string | null;
  biography?: string | null;
  dateOfBirth?: string | null;
  avatarUrl?: string | null;
}

/** What a session is issued against, read under the user's row lock. */
export interface SessionCredentials {
  disabled: boolean;
  passwordHash: string | null;
  /** Advances with every password change. */
  credentialsVersion: number;
}

/** A stored access or refresh token (never its secret). */
export interface TokenRecord {
  id: string;
  appId: string;
  /** Null for an app-admin token. */
  userId: string | null;
  kind: 'access' | 'refresh';
  pairId: string;
  profileId: string | null;
  /** The user's credentials version the session began under (0 for admin tokens). */
  credentialsVersion: number;
  expiresAt: number;
  createdAt: number;
}

/** A token to store: the record and the hash of its secret. */
export interface NewToken extends TokenRecord {
  tokenHash: string;
}

/** A rating threshold of a profile: content rated at or above `rating` by `ratingsBody` is hidden from it. */
export interface RatingThreshold {
  ratingsBody: string;
  rating: string;
}

/** The household profile a token is bound to, as far as rules need it. */
export interface ActiveProfile {
  id: string;
  child: boolean;
  ratingThresholds: RatingThreshold[];
}

/**
 * Where identity finds an account's household profiles: the default profile a fresh log-in binds, and the attributes
 * of the profile a token is bound to. The households domain provides it; an account without profiles has none.
 */
export interface ProfileDirectory {
  /** The account's default profile, or null when it has none. */
  defaultProfileId(appId: string, userId: string): Promise<string | null>;
  /** The profile's attributes, or undefined when it is not (or no longer) a profile of this user. */
  activeProfile(appId: string, userId: string, profileId: string): Promise<ActiveProfile | undefined>;
  /** Creates a new account's default profile (inside the sign-up's unit of work); returns its id. */
  createDefaultProfile(appId: string, userId: string, name: string): Promise<string>;
}

/** What a successful log-in, refresh or pseudo sign-up hands out. Tokens are in clear here and nowhere else. */
export interface IssuedTokens {
  userId: string | null;
  accessToken: string;
  /** Seconds from now. */
  expiresIn: number;
  expiresAt: number;
  refreshToken: string | null;
  profileId: string | null;
  /** A password log-in: whether it was the account's first (a referrer may be named then). */
  firstLogIn?: boolean;
}

/**
 * Told, inside the unit of work of a sign-up or an address change, the user as it now is and which addresses are new:
 * the recovery domain sends the verifications the app requires.
 */
export interface AddressVerifications {
  addressesChanged(
    appId: string,
    user: User,
    changed: { email: boolean; phone: boolean },
    actor: import('../principal.ts').Principal,
  ): Promise<void>;
}

/** `me` or a user id, as a path names the target of a change. */
export type UserTarget = 'me' | { id: string };

export type Identifier =
  | { field: 'loginName'; value: string }
  | { field: 'emailAddress'; value: string }
  | { field: 'phoneNumber'; value: string };
