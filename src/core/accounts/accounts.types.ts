import type { Profile } from '../households/households.types.ts';
import type { PredefinedFields, TokenRecord, User } from '../identity/identity.types.ts';
import type { Viewing } from '../movies/movies.types.ts';
import type { PreferenceValue } from '../preferences/preferences.types.ts';
import type { StudentInformation } from '../students/students.types.ts';

/** How a user is named in a path: `me`, an id, or one of its identifiers. */
export type UserRef =
  | { kind: 'me' }
  | { kind: 'id'; id: string }
  | { kind: 'loginName' | 'emailAddress' | 'phoneNumber'; value: string };

/**
 * A user as one caller may see it: `full` for the user and the app admin (and other users where the app exposes
 * full data), `limited` (id, login name, display name) otherwise. Faces present each view.
 */
export type UserView =
  | { view: 'full'; user: User }
  | { view: 'limited'; user: Pick<User, 'id' | 'loginName' | 'displayName'> };

/** A change of a user's own data. Undefined predefined fields stay; customFields, when given, replace all. */
export interface UserUpdate extends PredefinedFields {
  password?: string | undefined;
  customFields?: Record<string, unknown> | undefined;
  /** The admin only: marks an address or number verified (or not). */
  emailVerified?: boolean | undefined;
  phoneVerified?: boolean | undefined;
}

export interface UserPage {
  items: User[];
  nextCursor: string | null;
}

/** What other domains store about a user, read for the export (each domain owns its part). */
export interface ExportSources {
  preferences(appId: string, userId: string): Promise<PreferenceValue[]>;
  studentInformation(appId: string, userId: string): Promise<StudentInformation[]>;
  history(appId: string, userId: string): Promise<Viewing[]>;
  profiles(appId: string, userId: string): Promise<Profile[]>;
  social(appId: string, userId: string): Promise<SocialRecord>;
}

/** What the social domain stores about a user: its memberships and who referred it. */
export interface SocialRecord {
  memberships: { containerId: string; joinedAt: number }[];
  referrerId: string | null;
}

/** Everything stored about a user, as of `exportedAt`. */
export interface UserExport {
  exportedAt: number;
  user: User;
  tokens: TokenRecord[];
  preferences: PreferenceValue[];
  studentInformation: StudentInformation[];
  history: Viewing[];
  profiles: Profile[];
  social: SocialRecord;
}

/** The fields of a user's own profile, as the v1 face names them (`GET /v1/user/profile?fields=`). */
export const profileFields = [
  'id',
  'displayName',
  'handle',
  'biography',
  'dateOfBirth',
  'email',
  'locale',
  'country',
  'avatarUrl',
  'createdAt',
  'referralCode',
] as const;

export type ProfileField = (typeof profileFields)[number];

/** A calendar date, as the v1 face takes and gives a date of birth. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A user's own profile: what the user may read of itself. */
export interface OwnProfile {
  id: string;
  displayName: string | null;
  handle: string | null;
  biography: string | null;
  dateOfBirth: CalendarDate | null;
  email: string | null;
  locale: string | null;
  country: string | null;
  avatarUrl: string | null;
  createdAt: number;
  /** The handle once the user has one, else a code made from the account (`r-` and eight letters or digits). */
  referralCode: string;
}

/** A change of the user's own profile; absent fields stay, a null avatar is removed. */
export interface ProfileUpdate {
  displayName?: string | undefined;
  handle?: string | undefined;
  biography?: string | undefined;
  dateOfBirth?: CalendarDate | undefined;
  avatarUrl?: string | null | undefined;
}
