import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AppsService } from '../apps/apps.service.ts';
import type { App } from '../apps/apps.types.ts';
import type { AuditActor, AuditLog } from '../audit/audit.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import type { CredentialChecks } from '../identity/credential-checks.ts';
import { userNotFound } from '../identity/identity.errors.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { Identifier, User, UserTarget } from '../identity/identity.types.ts';
import type { Passwords } from '../identity/passwords.ts';
import type { TokensRepository } from '../identity/tokens.repository.ts';
import { parseIdentifier, validatePassword } from '../identity/user-fields.ts';
import type { UsersRepository } from '../identity/users.repository.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import type { MessagingService } from '../messaging/messaging.service.ts';
import type { Channel, MessageKind } from '../messaging/messaging.types.ts';
import { addressOf, type CallOrigin, type Principal, requireAccountOwner, requireAdmin } from '../principal.ts';
import { hashSecret, randomSecret, secretMatches } from '../secrets.ts';
import { isUuid } from '../text.ts';
import type { RateLimiter } from '../throttling/rate-limiter.ts';
import type { RecoveryRepository } from './recovery.repository.ts';
import type { AddressKind, CodePurpose, LinkPage, RecoveryCode, ResetMethod } from './recovery.types.ts';

export const requestResetJob = 'recovery.request-reset';
export const sweepCodesJob = 'recovery.sweep';

/** What a reset request names: a user id, or an identifier. */
type ResetTarget = { field: 'id'; value: string } | Identifier;

export interface RequestResetPayload {
  appId: string;
  target: ResetTarget;
  method: ResetMethod;
  actor: AuditActor;
}

/** A link's token: the code's id and its secret (32 random bytes, base64url). */
const linkToken = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;
const hour = 3600;
/** An id no code and no user has: the look-ups of a check that has nothing to look up still run. */
const noSuchId = '00000000-0000-0000-0000-000000000000';

export interface RecoveryOptions {
  /** Where links in messages point: Persona's own address as users reach it (`PUBLIC_URL`). */
  publicUrl: string;
}

export interface RecoveryDependencies {
  unitOfWork: UnitOfWork;
  codes: RecoveryRepository;
  users: UsersRepository;
  tokens: TokensRepository;
  apps: AppsService;
  identity: IdentityService;
  messaging: MessagingService;
  jobs: JobsService;
  passwords: Passwords;
  checks: CredentialChecks;
  rateLimiter: RateLimiter;
  audit: AuditLog;
}

/**
 * Account recovery and address verification. Codes are random (a 6-digit PIN, or a link's 256-bit secret), single
 * use, expiring, limited in wrong attempts, and stored only as hashes; checking one runs under the credential
 * throttle; asking for one is rate-limited per client address and per identifier. A reset sets the password the way a
 * password change does (under the user's row lock, the credentials version advanced, every token ended, in one unit
 * of work). Every step is in the audit log. Messages are composed by `MessagingService` in the unit of work that
 * issued their code, and delivered by a job: no request waits for a mail server.
 */
export class RecoveryService {
  readonly #d: RecoveryDependencies;
  readonly #options: RecoveryOptions;

  constructor(dependencies: RecoveryDependencies, options: RecoveryOptions) {
    this.#d = dependencies;
    this.#options = options;
  }

  /**
   * Asks for a password reset of the user an identifier names (`EMAIL:x`, `PHONE:x`, `LOGIN_NAME:x`, a bare email,
   * phone or login name, or a user id). The same answer, with the same work, whether or not the user exists: the
   * request is counted against the rate limits and a job is enqueued, which finds the user and sends the message. A
   * child profile's token is refused.
   */
  async requestPasswordReset(principal: Principal, identifier: string, method: ResetMethod): Promise<void> {
    if (principal.kind === 'user') requireAccountOwner(principal);
    if (method.pin && method.channel !== 'sms') throw invalidInput('smsResetMethod', 'a PIN is sent by SMS only');
    const target = resetTargetOf(identifier);
    const app = await this.#d.apps.getApp(principal.appId);
    await this.#admitAddress(app, principal);
    await this.#d.rateLimiter.admitSubject(
      app.id,
      `reset:${target.field}:${target.value.toLowerCase()}`,
      app.settings.recoveryRequestsPerIdentifier,
      hour,
      principal.origin,
    );
    const payload: RequestResetPayload = { appId: app.id, target, method, actor: snapshotOf(principal) };
    await this.#d.jobs.enqueue(requestResetJob, payload, { appId: app.id, maxAttempts: 5 });
  }

  /**
   * The reset request's job: finds the user and, when a message can go (the user exists, is enabled, has a password
   * and the address of the channel, verified if the app requires verification), issues a code and composes the
   * message; either way the request is in the audit log.
   */
  async runResetRequest(payload: RequestResetPayload): Promise<{ sent: boolean; reason?: string }> {
    const { appId, target, method, actor } = payload;
    const app = await this.#d.apps.getApp(appId);
    const user =
      target.field === 'id'
        ? isUuid(target.value)
          ? await this.#d.users.findUser(appId, target.value, { fresh: true })
          : undefined
        : await this.#d.users.findUserByIdentifier(appId, target);
    const address = user && addressFor(user, method.channel);
    const verificationRequired =
      method.channel === 'email' ? app.settings.emailVerificationRequired : app.settings.phoneVerificationRequired;
    const reason = !user
      ? 'unknown_user'
      : user.disabled
        ? 'disabled'
        : !user.hasPassword
          ? 'no_password'
          : !address
            ? 'no_address'
            : verificationRequired && !verified(user, method.channel)
              ? 'unverified_address'
              : undefined;
    return this.#d.unitOfWork.run(async () => {
      if (reason !== undefined || !user || !address) {
        await this.#d.audit.record(appId, actor, 'user.password_reset_requested', {
          userId: user?.id ?? null,
          details: { channel: method.channel, sent: false, reason },
        });
        return { sent: false, reason };
      }
      const messageId = await this.#sendReset(app, user, method, address);
      await this.#d.audit.record(appId, actor, 'user.password_reset_requested', {
        userId: user.id,
        details: { channel: method.channel, sent: true, messageId },
      });
      return { sent: true };
    });
  }

  /**
   * Completes a reset with the code that was sent (the PIN, or a link's token): the new password (or, without one, a
   * generated password sent back the way the code came) is set under the app's password policy, every token of the
   * user ends, and the code is spent. A wrong, expired, used or exhausted code, an unknown user and a disabled one all
   * answer `invalid_code`.
   */
  async completePasswordReset(
    principal: Principal,
    identifier: string,
    code: string,
    newPassword: string | undefined,
  ): Promise<void> {
    if (principal.kind === 'user') requireAccountOwner(principal);
    const target = resetTargetOf(identifier);
    const app = await this.#d.apps.getApp(principal.appId);
    if (newPassword !== undefined) validatePassword(newPassword, 'newPassword', app.settings.passwordMinLength);
    await this.#admitAddress(app, principal);
    const user =
      target.field === 'id'
        ? isUuid(target.value)
          ? await this.#d.users.findUser(app.id, target.value, { fresh: true })
          : undefined
        : await this.#d.users.findUserByIdentifier(app.id, target);
    const account = user ? `code:user:${user.id}` : `code:${target.field}:${target.value.toLowerCase()}`;
    let matched: RecoveryCode | undefined;
    const ok = await this.#d.checks.checkCode(
      { appId: app.id, account, userId: user?.id ?? null, address: addressOf(principal.origin) },
      app.settings,
      async () => {
        matched = await this.#matchCode(app, user, 'password_reset', code, principal);
        return matched !== undefined;
      },
    );
    if (!ok || !user || !matched) throw invalidCode();
    await this.#resetPassword(app, user.id, matched, newPassword, principal);
  }

  /**
   * Verifies the caller's email address or phone number with the code sent to it. The code must have been sent to
   * the address the user has now. Owner access: a child profile's token is refused.
   */
  async verifyAddress(principal: Principal, target: UserTarget, kind: AddressKind, code: string): Promise<void> {
    const userId = await this.#d.identity.targetUserId(principal, target, 'owner');
    const app = await this.#d.apps.getApp(principal.appId);
    await this.#admitAddress(app, principal);
    const user = await this.#d.users.findUser(app.id, userId, { fresh: true });
    if (!user) throw userNotFound(app.id, userId);
    const purpose = purposeOf(kind);
    let matched: RecoveryCode | undefined;
    const ok = await this.#d.checks.checkCode(
      { appId: app.id, account: `code:user:${userId}`, userId, address: addressOf(principal.origin) },
      app.settings,
      async () => {
        matched = await this.#matchCode(app, user, purpose, code, principal);
        return matched !== undefined && sameAddress(matched.address, addressFor(user, channelOf(kind)));
      },
    );
    if (!ok || !matched) throw invalidCode();
    await this.#markVerified(app.id, userId, kind, matched, principal);
  }

  /** Sends the user a new verification of its email address or phone number (the user or the admin). */
  async resendVerification(principal: Principal, target: UserTarget, kind: AddressKind): Promise<void> {
    const userId = await this.#d.identity.targetUserId(principal, target, 'owner');
    const app = await this.#d.apps.getApp(principal.appId);
    if (principal.kind !== 'admin') {
      await this.#admitAddress(app, principal);
      await this.#d.rateLimiter.admitSubject(
        app.id,
        `verify:${userId}`,
        app.settings.recoveryRequestsPerIdentifier,
        hour,
        principal.origin,
      );
    }
    const user = await this.#d.users.findUser(app.id, userId, { fresh: true });
    if (!user) throw userNotFound(app.id, userId);
    const field = kind === 'email' ? 'emailAddress' : 'phoneNumber';
    if (!addressFor(user, channelOf(kind))) throw invalidInput(field, 'the user has none to verify');
    if (verified(user, channelOf(kind))) throw invalidInput(field, 'is verified already');
    await this.#d.unitOfWork.run(() => this.#sendVerification(app, user, kind, principal));
  }

  /**
   * Called in the unit of work of a sign-up or an address change, with the user as it now is: sends a verification
   * of each changed address that the app requires verified and that is not.
   */
  async addressesChanged(
    appId: string,
    user: User,
    changed: { email: boolean; phone: boolean },
    actor: AuditActor,
  ): Promise<void> {
    if (!changed.email && !changed.phone) return;
    const app = await this.#d.apps.getApp(appId);
    if (changed.email && user.emailAddress && app.settings.emailVerificationRequired && !user.emailVerified) {
      await this.#sendVerification(app, user, 'email', actor);
    }
    if (changed.phone && user.phoneNumber && app.settings.phoneVerificationRequired && !user.phoneVerified) {
      await this.#sendVerification(app, user, 'phone', actor);
    }
  }

  /**
   * Sends a user a message as the app's admin: a password reset (a link, by `channel`, by default email when the user
   * has one) or a verification of its email address or phone number. Returns the message's id.
   */
  async sendAsAdmin(
    principal: Principal,
    userId: string,
    message: 'password_reset' | 'email_verification' | 'phone_verification',
    channel: Channel | undefined,
  ): Promise<string> {
    requireAdmin(principal);
    const app = await this.#d.apps.getApp(principal.appId);
    const user = await this.#d.users.findUser(app.id, userId, { fresh: true });
    if (!user) throw userNotFound(app.id, userId);
    if (message !== 'password_reset') {
      const kind: AddressKind = message === 'email_verification' ? 'email' : 'phone';
      if (!addressFor(user, channelOf(kind))) {
        throw invalidInput(kind === 'email' ? 'emailAddress' : 'phoneNumber', 'the user has none to verify');
      }
      return this.#d.unitOfWork.run(() => this.#sendVerification(app, user, kind, principal));
    }
    const chosen: Channel = channel ?? (user.emailAddress ? 'email' : 'sms');
    const address = addressFor(user, chosen);
    if (!address)
      throw invalidInput('channel', `the user has no ${chosen === 'email' ? 'email address' : 'phone number'}`);
    return this.#d.unitOfWork.run(async () => {
      const messageId = await this.#sendReset(app, user, { channel: chosen, pin: false }, address);
      await this.#d.audit.record(app.id, principal, 'user.password_reset_requested', {
        userId: user.id,
        details: { channel: chosen, sent: true, messageId },
      });
      return messageId;
    });
  }

  /** What a reset link's page shows before the new password is chosen: the form, or `invalid_code`. */
  async inspectResetLink(
    appId: string,
    token: string,
    origin: CallOrigin,
  ): Promise<LinkPage & { passwordMinLength: number }> {
    const app = await this.#d.apps.getApp(appId);
    await this.#admitAddress(app, { kind: 'anonymous', appId, origin });
    const code = await this.#linkCode(app, token, 'password_reset');
    const user = await this.#d.users.findUser(app.id, code.userId, { fresh: true });
    if (!user || user.disabled) throw invalidCode();
    return { appName: app.name, passwordMinLength: app.settings.passwordMinLength };
  }

  /** A reset link's form sent: the new password is set as `completePasswordReset` sets it. */
  async resetByLink(appId: string, token: string, newPassword: string, origin: CallOrigin): Promise<LinkPage> {
    const app = await this.#d.apps.getApp(appId);
    const principal: Principal = { kind: 'anonymous', appId, origin };
    await this.#admitAddress(app, principal);
    validatePassword(newPassword, 'newPassword', app.settings.passwordMinLength);
    const code = await this.#linkCode(app, token, 'password_reset');
    const user = await this.#d.users.findUser(app.id, code.userId, { fresh: true });
    if (!user || user.disabled) throw invalidCode();
    await this.#resetPassword(app, user.id, code, newPassword, principal);
    return { appName: app.name };
  }

  /** A verification link opened: the address it was sent to is verified, if the user still has it. */
  async verifyByLink(appId: string, token: string, origin: CallOrigin): Promise<LinkPage & { address: string }> {
    const app = await this.#d.apps.getApp(appId);
    const principal: Principal = { kind: 'anonymous', appId, origin };
    await this.#admitAddress(app, principal);
    const found = linkToken.exec(token);
    const stored = found && (await this.#d.codes.findCode(app.id, found[1] as string));
    const kind: AddressKind = stored?.purpose === 'phone_verification' ? 'phone' : 'email';
    const code = await this.#linkCode(app, token, purposeOf(kind));
    await this.#markVerified(app.id, code.userId, kind, code, principal);
    return { address: code.address, appName: app.name };
  }

  /** Deletes the app's codes that expired more than a day ago (a recurring job). */
  async sweepCodes(appId: string, now = Date.now()): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.#d.codes.deleteExpiredCodes(appId, now - 24 * hour * 1000, 1000);
      deleted += batch;
      if (batch < 1000) return deleted;
    }
  }

  /** Counts the call against the client address's budget of recovery calls. */
  async #admitAddress(app: App, principal: Principal): Promise<void> {
    await this.#d.rateLimiter.admit(
      app.id,
      'recovery',
      principal.origin,
      app.settings,
      Date.now(),
      principal.kind === 'anonymous',
    );
  }

  /**
   * The code of a link, if the token is one of this purpose, live and right (its secret is 256 random bits: wrong
   * ones are not counted against it); else `invalid_code`.
   */
  async #linkCode(app: App, token: string, purpose: CodePurpose): Promise<RecoveryCode> {
    const found = linkToken.exec(token);
    if (!found) throw invalidCode();
    const code = await this.#d.codes.findCode(app.id, found[1] as string);
    const now = Date.now();
    if (!code || code.purpose !== purpose || code.usedAt !== null || code.expiresAt <= now) throw invalidCode();
    if (!secretMatches(found[2] as string, code.secretHash)) throw invalidCode();
    return code;
  }

  /**
   * The user's live code of this purpose that `given` matches — a link's token, or the PIN of the newest code —
   * counting the attempt against the code; undefined when none does. A PIN check runs the same statements whether or
   * not there is such a user with a live code (a look-up, a counted attempt, and a wrong one in the audit log), so its
   * time tells neither.
   */
  async #matchCode(
    app: App,
    user: User | undefined,
    purpose: CodePurpose,
    given: string,
    actor: AuditActor,
  ): Promise<RecoveryCode | undefined> {
    const now = Date.now();
    const usable = user !== undefined && !user.disabled;
    const link = linkToken.exec(given);
    if (link) {
      const code = await this.#d.codes.findCode(app.id, link[1] as string);
      if (!usable || !code || code.userId !== user.id || code.purpose !== purpose) return undefined;
      if (code.usedAt !== null || code.expiresAt <= now) return undefined;
      return secretMatches(link[2] as string, code.secretHash) ? code : undefined;
    }
    const code = await this.#d.codes.findLiveCode(app.id, usable ? user.id : noSuchId, purpose, now);
    return this.#d.unitOfWork.run(async () => {
      const counted = await this.#d.codes.countAttempt(
        app.id,
        code?.id ?? noSuchId,
        app.settings.recoveryCodeAttempts,
        now,
      );
      if (counted && code?.pinHash && secretMatches(pinSecret(code.id, given), code.pinHash)) return code;
      await this.#d.audit.record(app.id, actor, 'user.code_rejected', {
        userId: user?.id ?? null,
        details: { purpose, ...(counted && code ? { attempt: code.attempts + 1 } : {}) },
      });
      return undefined;
    });
  }

  /**
   * Sets the new password (or a generated one, sent back the way the code came) the way a password change does:
   * under the user's row lock, the credentials version advanced, every token ended, and the code spent, all in one
   * unit of work; `invalid_code` when the code was spent meanwhile.
   */
  async #resetPassword(
    app: App,
    userId: string,
    code: RecoveryCode,
    newPassword: string | undefined,
    actor: AuditActor,
  ): Promise<void> {
    const generated = newPassword === undefined ? generatePassword(app.settings.passwordMinLength) : undefined;
    const passwordHash = await this.#d.passwords.hash(newPassword ?? (generated as string));
    await this.#d.unitOfWork.run(async () => {
      const now = Date.now();
      const current = await this.#d.users.lockCredentials(app.id, userId);
      if (!current || current.disabled) throw invalidCode();
      if (!(await this.#d.codes.spendCode(app.id, code.id, now))) throw invalidCode();
      await this.#d.users.changePassword(app.id, userId, passwordHash);
      await this.#d.tokens.deleteTokensOfUser(app.id, userId);
      await this.#d.codes.endLiveCodes(app.id, userId, 'password_reset', now);
      await this.#d.audit.record(app.id, actor, 'user.password_reset', {
        userId,
        details: { channel: code.channel, generated: generated !== undefined },
      });
      if (generated !== undefined) {
        const user = await this.#d.users.findUserForUpdate(app.id, userId);
        if (!user) throw invalidCode();
        await this.#d.messaging.compose({
          appId: app.id,
          appName: app.name,
          user,
          kind: code.channel === 'email' ? 'new_password_email' : 'new_password_sms',
          recipient: code.address,
          values: { password: generated },
        });
      }
    });
  }

  /** Marks the address verified, if the user still has the one the code was sent to, and spends the code. */
  async #markVerified(
    appId: string,
    userId: string,
    kind: AddressKind,
    code: RecoveryCode,
    actor: AuditActor,
  ): Promise<void> {
    await this.#d.unitOfWork.run(async () => {
      const now = Date.now();
      const user = await this.#d.users.findUserForUpdate(appId, userId);
      if (!user || !sameAddress(code.address, addressFor(user, channelOf(kind)))) throw invalidCode();
      if (!(await this.#d.codes.spendCode(appId, code.id, now))) throw invalidCode();
      await this.#d.users.updateUser(
        appId,
        userId,
        kind === 'email' ? { emailVerified: true } : { phoneVerified: true },
      );
      await this.#d.codes.endLiveCodes(appId, userId, code.purpose, now);
      await this.#d.audit.record(appId, actor, 'user.address_verified', { userId, details: { channel: code.channel } });
    });
  }

  /** Issues a reset code and composes its message (inside the caller's unit of work); returns the message's id. */
  async #sendReset(app: App, user: User, method: ResetMethod, address: string): Promise<string> {
    const issued = await this.#issueCode(app, user, 'password_reset', method.channel, address, {
      link: !method.pin,
      pin: method.pin,
    });
    const kind: MessageKind = method.pin
      ? 'password_reset_pin_sms'
      : method.channel === 'email'
        ? 'password_reset_email'
        : 'password_reset_sms';
    return this.#d.messaging.compose({
      appId: app.id,
      appName: app.name,
      user,
      kind,
      recipient: address,
      values: issued.values,
    });
  }

  /** Issues a verification code of the address and composes its message (inside the caller's unit of work). */
  async #sendVerification(app: App, user: User, kind: AddressKind, actor: AuditActor): Promise<string> {
    const channel = channelOf(kind);
    const address = addressFor(user, channel);
    if (!address) throw invalidInput(kind === 'email' ? 'emailAddress' : 'phoneNumber', 'the user has none to verify');
    const issued = await this.#issueCode(app, user, purposeOf(kind), channel, address, {
      link: kind === 'email',
      pin: true,
    });
    const messageId = await this.#d.messaging.compose({
      appId: app.id,
      appName: app.name,
      user,
      kind: kind === 'email' ? 'email_verification' : 'phone_verification',
      recipient: address,
      values: issued.values,
    });
    await this.#d.audit.record(app.id, actor, 'user.verification_sent', {
      userId: user.id,
      details: { channel, messageId },
    });
    return messageId;
  }

  /**
   * Stores a new code of the purpose for the user (ending the live ones it replaces) and returns what its message
   * shows: the link, the PIN, and how many minutes they work (a link's lifetime when there is a link, else a PIN's).
   */
  async #issueCode(
    app: App,
    user: User,
    purpose: CodePurpose,
    channel: Channel,
    address: string,
    parts: { link: boolean; pin: boolean },
  ): Promise<{ values: { link?: string; code?: string; minutes: string } }> {
    const now = Date.now();
    const id = uuidv7();
    const secret = randomSecret(32);
    const pin = parts.pin ? String(randomInt(0, 1_000_000)).padStart(6, '0') : undefined;
    const ttlSeconds = parts.link ? app.settings.recoveryLinkTtlSeconds : app.settings.recoveryPinTtlSeconds;
    await this.#d.codes.endLiveCodes(app.id, user.id, purpose, now);
    await this.#d.codes.insertCode({
      id,
      appId: app.id,
      userId: user.id,
      purpose,
      channel,
      address,
      secretHash: hashSecret(secret),
      pinHash: pin === undefined ? null : hashSecret(pinSecret(id, pin)),
      attempts: 0,
      expiresAt: now + ttlSeconds * 1000,
      createdAt: now,
      usedAt: null,
    });
    const page = purpose === 'password_reset' ? 'reset' : 'verify';
    const base = this.#options.publicUrl.replace(/\/+$/, '');
    return {
      values: {
        ...(parts.link ? { link: `${base}/links/${encodeURIComponent(app.id)}/${page}/${id}.${secret}` } : {}),
        ...(pin === undefined ? {} : { code: pin }),
        minutes: String(Math.round(ttlSeconds / 60)),
      },
    };
  }
}

function invalidCode(): CoreError {
  return new CoreError('invalid_code', 'The code is wrong, has expired or was used already', { field: 'code' });
}

/** A PIN is hashed with its code's id, so that equal PINs of different codes have different hashes. */
function pinSecret(codeId: string, pin: string): string {
  return `${codeId}:${pin.trim()}`;
}

/** What a reset path names: `EMAIL:`, `PHONE:`, `LOGIN_NAME:`, a user id (Kii's SDK sends one bare), or a bare identifier. */
function resetTargetOf(raw: string): ResetTarget {
  if (raw.trim() === '') throw invalidInput('userIdentifier', 'is required');
  if (isUuid(raw)) return { field: 'id', value: raw };
  return parseIdentifier(raw);
}

function purposeOf(kind: AddressKind): CodePurpose {
  return kind === 'email' ? 'email_verification' : 'phone_verification';
}

function channelOf(kind: AddressKind): Channel {
  return kind === 'email' ? 'email' : 'sms';
}

function addressFor(user: User, channel: Channel): string | null {
  return channel === 'email' ? user.emailAddress : user.phoneNumber;
}

function verified(user: User, channel: Channel): boolean {
  return channel === 'email' ? user.emailVerified : user.phoneVerified;
}

/** Emails compare ignoring case (as identifiers do); phone numbers as given. */
function sameAddress(a: string, b: string | null): boolean {
  return b !== null && a.toLowerCase() === b.toLowerCase();
}

/** What a job keeps of the principal that asked, for the audit log: no token id, no rate-limit state. */
function snapshotOf(principal: Principal): AuditActor {
  const origin = principal.origin ? { address: principal.origin.address } : undefined;
  return principal.kind === 'anonymous' ? { ...principal, origin } : { ...principal, tokenId: '', origin };
}

const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password for a reset without one: at least 16 characters, and at least the app's minimum. */
function generatePassword(minimumLength: number): string {
  const length = Math.max(16, minimumLength);
  let password = '';
  for (let i = 0; i < length; i += 1) password += passwordAlphabet[randomInt(0, passwordAlphabet.length)];
  return password;
}
