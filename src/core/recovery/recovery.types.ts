import type { Channel } from '../messaging/messaging.types.ts';

/** What a code is for. */
export type CodePurpose = 'password_reset' | 'email_verification' | 'phone_verification';

/** A stored code (never its secrets in clear). */
export interface RecoveryCode {
  id: string;
  appId: string;
  userId: string;
  purpose: CodePurpose;
  channel: Channel;
  /** The address it was sent to. */
  address: string;
  secretHash: string;
  pinHash: string | null;
  attempts: number;
  expiresAt: number;
  createdAt: number;
  usedAt: number | null;
}

/** How a reset is to reach the user: a link by email or SMS, or a PIN by SMS (Kii's `smsResetMethod: PIN`). */
export interface ResetMethod {
  channel: Channel;
  pin: boolean;
}

/** Which of a user's addresses a verification is about. */
export type AddressKind = 'email' | 'phone';

/** What a link's page shows: the app's name, and what the page needs of the outcome. */
export interface LinkPage {
  appName: string;
}
