/** A profile icon of an app's catalogue; `id` is the resource id a profile's `iconName` names. */
export interface Icon {
  id: string;
  uri: string;
  aspect: string;
  imageId: string;
  modifiedAt: number;
}

export interface IconInput {
  id: string;
  uri: string;
  aspect?: string | undefined;
  imageId?: string | undefined;
}

/** A rating threshold: content rated `rating` or above by `ratingsBody` is kept from the profile. */
export interface ProfileThreshold {
  ratingsBody: string;
  rating: string;
}

/** A household profile of an account. */
export interface Profile {
  id: string;
  userId: string;
  isDefault: boolean;
  name: string;
  child: boolean;
  pinPromptRequired: boolean;
  audioLanguage: string | null;
  subtitleLanguage: string | null;
  ratingThresholds: ProfileThreshold[];
  iconId: string | null;
  additionalProperties: { name: string; value: string }[];
  createdAt: number;
  modifiedAt: number;
}

/** What a client sends to create a profile (or, every field optional, to change one). */
export interface ProfileInput {
  name: string;
  child?: boolean | undefined;
  pinPromptRequired?: boolean | undefined;
  audioLanguage?: string | null | undefined;
  subtitleLanguage?: string | null | undefined;
  ratingThresholds?: ProfileThreshold[] | undefined;
  iconId?: string | null | undefined;
  additionalProperties?: { name: string; value: string }[] | undefined;
}

export type ProfilePatch = Partial<ProfileInput>;

/** A user's household PIN as the admin reads it: never the PIN, only whether it is set and locked. */
export interface UserPinState {
  status: 'UNSET' | 'SET' | 'LOCKED';
  /** Wrong PINs in a row since the last right one (or the last lock's end). */
  failedAttempts: number;
  /** When the lock ends (epoch ms); null when PIN checks are not locked. */
  lockedUntil: number | null;
}
