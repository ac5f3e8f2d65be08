/** Every kind of message Persona sends; each has one channel and a template per app and locale. */
export const messageKinds = [
  'password_reset_email',
  'password_reset_sms',
  'password_reset_pin_sms',
  'email_verification',
  'phone_verification',
  'new_password_email',
  'new_password_sms',
] as const;

export type MessageKind = (typeof messageKinds)[number];

export type Channel = 'email' | 'sms';

/** `queued` waits for its delivery job; `held` stays in the outbox because no transport is configured for it. */
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'held';

export const messageStatuses = ['queued', 'sent', 'failed', 'held'] as const satisfies readonly MessageStatus[];

/** What a template may name, as `{{name}}`. */
export const placeholders = ['link', 'code', 'password', 'appName', 'userName', 'minutes'] as const;

export type Placeholder = (typeof placeholders)[number];

export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** A message as stored: its bodies are null once it was sent or failed for good (they carry codes in clear). */
export interface Message {
  id: string;
  appId: string;
  userId: string;
  kind: MessageKind;
  channel: Channel;
  recipient: string;
  locale: string;
  subject: string | null;
  text: string | null;
  html: string | null;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** An app's wording of one kind of message in one locale; `subject` and `html` belong to email kinds only. */
export interface MessageTemplate {
  kind: MessageKind;
  locale: string;
  subject: string | null;
  text: string;
  html: string | null;
  modifiedAt: number;
}

export interface TemplateInput {
  subject?: string | undefined;
  text: string;
  html?: string | undefined;
}

/** One email, as a transport sends it. `messageId` is the same on every attempt, so receivers can drop duplicates. */
export interface OutgoingEmail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** One SMS, as a transport sends it; `messageId` is the same on every attempt (an idempotency key). */
export interface OutgoingSms {
  messageId: string;
  to: string;
  body: string;
}

/**
 * A way out of the process for one channel (SMTP, an SMS gateway): an adapter the core is given. `send` resolves once
 * the other side accepted the message; it throws `DeliveryError` (permanent or not) or any error (taken as transient).
 */
export interface Transport<T> {
  /** For the log: where messages go, without credentials (`smtp://mail.example.com:587`). */
  readonly description: string;
  send(message: T): Promise<void>;
  close?(): Promise<void>;
}

export interface Transports {
  email?: Transport<OutgoingEmail> | undefined;
  sms?: Transport<OutgoingSms> | undefined;
}

/** A refused delivery. `permanent`: trying again cannot help (an address the server refuses); else it is retried. */
export class DeliveryError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.permanent = options.permanent;
  }
}

export interface MessageFilter {
  status?: MessageStatus | undefined;
  userId?: string | undefined;
}
