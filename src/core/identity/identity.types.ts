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

/** What a successful log-in, refresh or pseudo sign-up hands out. Tokens are in clear here and nowhere else. */
export interface IssuedTokens {
  userId: string | null;
  accessToken: string;
  /** Seconds from now. */
  expiresIn: number;
  expiresAt: number;
  refreshToken: string | null;
  profileId: string | null;
}

/** `me` or a user id, as a path names the target of a change. */
export type UserTarget = 'me' | { id: string };

export type Identifier =
  | { field: 'loginName'; value: string }
  | { field: 'emailAddress'; value: string }
  | { field: 'phoneNumber'; value: string };
