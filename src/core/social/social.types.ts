/** A registration through the v1 face: an email or a login name (or both), a password, and perhaps a handle. */
export interface Registration {
  email?: string | undefined;
  loginName?: string | undefined;
  password: string;
  handle?: string | undefined;
  /** The handle or referral code of the user who referred this one. */
  referrerHandle?: string | undefined;
}

/** A password log-in through the v1 face: `username` is a login name, an email or a phone number. */
export interface LogInRequest {
  username: string;
  password: string;
  /** Taken at the account's first log-in only. */
  referrerHandle?: string | undefined;
}

/** A container: a community inside an app, named by its id or its slug. */
export interface Container {
  id: string;
  /** Lower case, unique per app. */
  slug: string;
  name: string;
  createdAt: number;
  modifiedAt: number;
}

/** A container as the admin saves it: by id when given (created with that id if new), else by slug. */
export interface ContainerInput {
  id?: string | undefined;
  slug: string;
  name: string;
}

/** A user's membership of a container. */
export interface Membership {
  container: Container;
  joinedAt: number;
  /** Whether this call made the user a member (false: the user was one already). */
  joinedNow: boolean;
}

/** What any user of the app may see of a member of a container: never an email, a date of birth or custom fields. */
export interface PublicProfile {
  id: string;
  handle: string | null;
  displayName: string | null;
  biography: string | null;
  avatarUrl: string | null;
  /** When the user joined the container the profile was asked through. */
  memberSince: number;
}

/** A user who joined through the caller's referral. */
export interface Referral {
  userId: string;
  handle: string | null;
  displayName: string | null;
  joinedAt: number;
}

/** A numbered page (1-based) of `limit` items and the count of all of them. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** What a notification says: its type (a name the client knows), title, body and data. */
export interface NotificationContent {
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/** A notification as its user sees it. */
export interface Notification extends NotificationContent {
  id: string;
  userId: string;
  /** Null: app-wide, in every container's list. */
  containerId: string | null;
  /** The app's clock value when it was created: notifications become visible in (seq, id) order. */
  seq: number;
  createdAt: number;
  readAt: number | null;
}

/** A page of a user's notifications in one container, with the counts of all of them. */
export interface NotificationPage extends Page<Notification> {
  unread: number;
}

/** The admin's notification: to users (in a container or app-wide) or to every member of a container. */
export interface NotificationRequest extends Omit<NotificationContent, 'data'> {
  data?: Record<string, unknown> | undefined;
  userIds?: string[] | undefined;
  containerId?: string | undefined;
}

/** What sending did: sent at once (to users), or queued as a job (a container's members). */
export type NotificationOutcome = { kind: 'sent'; count: number } | { kind: 'queued'; jobId: string };

/** A new notification row. */
export interface NewNotification extends NotificationContent {
  id: string;
  userId: string;
  containerId: string | null;
  createdAt: number;
}
