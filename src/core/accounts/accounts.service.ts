import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { AppsService } from '../apps/apps.service.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import { userNotFound } from '../identity/identity.errors.ts';
import { alreadyExistsOr, type IdentityService } from '../identity/identity.service.ts';
import type { AddressVerifications, User, UserPatch } from '../identity/identity.types.ts';
import type { Passwords } from '../identity/passwords.ts';
import type { TokensRepository } from '../identity/tokens.repository.ts';
import { validatePassword, validatePredefinedFields } from '../identity/user-fields.ts';
import { isHandleTaken, type UsersRepository } from '../identity/users.repository.ts';
import { decodeCursor, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin, requireOwnerUser, requireUser } from '../principal.ts';
import { isUuid } from '../text.ts';
import type {
  ExportSources,
  OwnProfile,
  ProfileField,
  ProfileUpdate,
  UserExport,
  UserPage,
  UserRef,
  UserUpdate,
  UserView,
} from './accounts.types.ts';
import {
  checkHandle,
  checkProfileUpdate,
  ownProfileOf,
  parseProfileFields,
  projectProfile,
  storedDate,
} from './public-profile.ts';

/** A user's own data: reading it as the caller may, changing it, and the admin's listing and export. */
export class AccountsService {
  readonly #unitOfWork: UnitOfWork;
  readonly #users: UsersRepository;
  readonly #tokens: TokensRepository;
  readonly #identity: IdentityService;
  readonly #apps: AppsService;
  readonly #exportSources: ExportSources;
  readonly #audit: AuditLog;
  readonly #passwords: Passwords;
  readonly #verifications: AddressVerifications | undefined;

  constructor(
    unitOfWork: UnitOfWork,
    users: UsersRepository,
    tokens: TokensRepository,
    identity: IdentityService,
    apps: AppsService,
    exportSources: ExportSources,
    audit: AuditLog,
    passwords: Passwords,
    verifications?: AddressVerifications,
  ) {
    this.#verifications = verifications;
    this.#passwords = passwords;
    this.#audit = audit;
    this.#unitOfWork = unitOfWork;
    this.#users = users;
    this.#tokens = tokens;
    this.#identity = identity;
    this.#apps = apps;
    this.#exportSources = exportSources;
  }

  /**
   * The user named by `ref`, as much of it as the caller may see. Anonymous callers are refused; an unknown user
   * is `user_not_found` naming the field searched.
   */
  async getUser(principal: Principal, ref: UserRef): Promise<UserView> {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a user or admin token');
    let user: User | undefined;
    if (ref.kind === 'me') {
      if (principal.kind !== 'user') throw new CoreError('forbidden', 'An admin token has no own user; name the user');
      user = await this.#users.findUser(principal.appId, principal.userId);
    } else if (ref.kind === 'id') {
      user = await this.#users.findUser(principal.appId, ref.id);
    } else {
      user = await this.#users.findUserByIdentifier(principal.appId, { field: ref.kind, value: ref.value });
    }
    if (!user) throw notFound(principal.appId, ref);
    if (principal.kind === 'admin' || principal.userId === user.id) return { view: 'full', user };
    const { settings } = await this.#apps.getApp(principal.appId);
    if (settings.exposeFullUserDataToOthers) return { view: 'full', user };
    return { view: 'limited', user: { id: user.id, loginName: user.loginName, displayName: user.displayName } };
  }

  /**
   * Applies Kii's update rules: given predefined fields change, custom fields (when given) are replaced wholesale,
   * a password may only be set on a user without one, and identifiers need a password. A changed email or phone
   * becomes unverified. Returns the new modification time.
   *
   * The rules are applied to the user as read, and the write happens only if the row is still as read (its
   * modification time), so no update is ever lost. The first attempt uses the row as cached and takes no lock, which
   * is all it costs when nothing else writes the user. When another write got in between, the rules are applied again
   * to the row read inside a unit of work that keeps other writers out until it commits, so a busy row is updated in
   * turn instead of answering conflicts.
   */
  async updateUser(principal: Principal, target: 'me' | { id: string }, update: UserUpdate): Promise<number> {
    const userId = await this.#identity.targetUserId(principal, target, 'owner');
    if ((update.emailVerified !== undefined || update.phoneVerified !== undefined) && principal.kind !== 'admin') {
      throw new CoreError('forbidden', 'Only the app admin may mark an address or number verified', {
        appId: principal.appId,
        principalId: principal.kind === 'user' ? principal.userId : 'anonymous',
      });
    }
    validatePredefinedFields(update);
    const { appId } = principal;
    const cached = await this.#users.findUser(appId, userId);
    if (!cached) throw userNotFound(appId, userId);
    // Hashed once, before any write, and only when the rules allow a password at all.
    let passwordHash: string | undefined;
    if (update.password !== undefined) {
      if (cached.hasPassword) throw invalidInput('password', 'cannot be changed here; use the password change call');
      const { settings } = await this.#apps.getApp(appId);
      validatePassword(update.password, 'password', settings.passwordMinLength);
      passwordHash = await this.#passwords.hash(update.password);
    }
    const writeRow = async (user: User) => {
      try {
        const patch = patchOf(user, update, passwordHash);
        const modifiedAt = await this.#users.updateUser(appId, userId, patch, { ifModifiedAt: user.modifiedAt });
        return { modifiedAt, patch };
      } catch (error) {
        throw alreadyExistsOr(error, update);
      }
    };
    // One unit of work: an admin's change is recorded with it (the names of the fields changed, never their values),
    // and a changed address gets the verification its app requires with it.
    const write = (user: User) =>
      this.#unitOfWork.run(async () => {
        const { modifiedAt, patch } = await writeRow(user);
        if (modifiedAt === undefined) return undefined;
        if (principal.kind === 'admin') {
          const fields = Object.keys(update).filter((key) => update[key as keyof UserUpdate] !== undefined);
          await this.#audit.record(appId, principal, 'user.updated', { userId, details: { fields } });
        }
        const changed = {
          email: patch.emailAddress != null && patch.emailVerified === false,
          phone: patch.phoneNumber != null && patch.phoneVerified === false,
        };
        if (this.#verifications && (changed.email || changed.phone)) {
          const now: User = {
            ...user,
            emailAddress: patch.emailAddress ?? user.emailAddress,
            emailVerified: patch.emailVerified ?? user.emailVerified,
            phoneNumber: patch.phoneNumber ?? user.phoneNumber,
            phoneVerified: patch.phoneVerified ?? user.phoneVerified,
          };
          await this.#verifications.addressesChanged(appId, now, changed, principal);
        }
        return modifiedAt;
      });
    // A user's own change that records nothing beside it (no audit entry, no verification to start) is one statement
    // with its event, committed without a transaction around it: one round trip on PostgreSQL.
    const alone = (user: User) => {
      if (principal.kind === 'admin') return false;
      const patch = patchOf(user, update, passwordHash);
      return !(this.#verifications && (patch.emailAddress != null || patch.phoneNumber != null));
    };
    const modifiedAt = alone(cached) ? (await writeRow(cached)).modifiedAt : await write(cached);
    if (modifiedAt !== undefined) return modifiedAt;
    return this.#unitOfWork.run(async () => {
      const user = await this.#users.findUserForUpdate(appId, userId);
      if (!user) throw userNotFound(appId, userId);
      const locked = await write(user);
      // Cannot happen while the row is kept from other writers; if it ever does, the client may send it again.
      if (locked === undefined) throw new CoreError('conflict', 'The user changed while this update was applied');
      return locked;
    });
  }

  /** `updateUser` as the admin API calls it: only the app's admin may, even for a user's own id. */
  async updateUserAsAdmin(principal: Principal, userId: string, update: UserUpdate): Promise<number> {
    requireAdmin(principal);
    return this.updateUser(principal, { id: userId }, update);
  }

  /**
   * The caller's own profile with exactly the fields asked (names, or comma lists of names; an unknown one is
   * `invalid_input`). Only a user has one: an admin token is `forbidden`.
   */
  async readOwnProfile(principal: Principal, requested: readonly string[]): Promise<Partial<OwnProfile>> {
    const { userId } = requireUser(principal);
    const fields: ProfileField[] = parseProfileFields(requested);
    const user = await this.#users.findUser(principal.appId, userId);
    if (!user) throw userNotFound(principal.appId, userId);
    return projectProfile(ownProfileOf(user), fields);
  }

  /**
   * Changes the caller's own profile (display name, handle, biography, date of birth, avatar) and returns it whole.
   * A handle another account of the app has, in any case, is `handle_taken`: the database's unique index decides, so
   * of accounts claiming one handle at once exactly one gets it. Written under the optimistic guard, as `updateUser`.
   */
  async updateOwnProfile(principal: Principal, update: ProfileUpdate): Promise<OwnProfile> {
    const { userId } = requireOwnerUser(principal);
    checkProfileUpdate(update);
    const { appId } = principal;
    const write = async (user: User) => {
      const patch = profilePatchOf(user, update);
      if (Object.keys(patch).length === 0) return { user, modifiedAt: user.modifiedAt };
      try {
        const modifiedAt = await this.#users.updateUser(appId, userId, patch, { ifModifiedAt: user.modifiedAt });
        return modifiedAt === undefined ? undefined : { user: { ...user, ...patch, modifiedAt }, modifiedAt };
      } catch (error) {
        throw handleTakenOr(error);
      }
    };
    const cached = await this.#users.findUser(appId, userId);
    if (!cached) throw userNotFound(appId, userId);
    const written =
      (await write(cached)) ??
      (await this.#unitOfWork.run(async () => {
        const user = await this.#users.findUserForUpdate(appId, userId);
        if (!user) throw userNotFound(appId, userId);
        const locked = await write(user);
        if (locked === undefined) throw new CoreError('conflict', 'The user changed while this update was applied');
        return locked;
      }));
    return ownProfileOf(written.user);
  }

  /**
   * Gives a user that is being created its handle, inside the sign-up's unit of work (so that a taken handle leaves
   * no account behind): `handle_taken` when another account of the app has it.
   */
  async claimHandleAtSignUp(appId: string, userId: string, handle: string): Promise<void> {
    if (!this.#unitOfWork.inTransaction) throw new Error("claimHandleAtSignUp needs the sign-up's unit of work");
    checkHandle(handle);
    try {
      await this.#users.updateUser(appId, userId, { handle });
    } catch (error) {
      throw handleTakenOr(error);
    }
  }

  /** Refuses at once a handle some account of the app has (the unique index still decides a race). */
  async refuseTakenHandle(appId: string, handle: string): Promise<void> {
    checkHandle(handle);
    if (await this.#users.findUserByHandle(appId, handle)) throw handleTaken(handle);
  }

  /** A page of the app's users (admin only), optionally those matching `query` by identifier or display name. */
  async listUsers(
    principal: Principal,
    options: { query?: string | undefined; cursor?: string | undefined; limit: number },
  ): Promise<UserPage> {
    requireAdmin(principal);
    const afterId = options.cursor === undefined ? undefined : decodeCursor(options.cursor, isUuid);
    const rows = await this.#users.listUsers(principal.appId, {
      query: options.query,
      afterId,
      limit: options.limit + 1,
    });
    return keysetPage(rows, options.limit, (user) => user.id);
  }

  /** One user (admin only), read from the database, or `user_not_found`. */
  async getUserAsAdmin(principal: Principal, userId: string): Promise<User> {
    requireAdmin(principal);
    const user = await this.#users.findUser(principal.appId, userId, { fresh: true });
    if (!user) throw userNotFound(principal.appId, userId);
    return user;
  }

  /** Everything stored about a user (admin only), as one document; secrets are never part of it. */
  async exportUser(principal: Principal, userId: string): Promise<UserExport> {
    const user = await this.getUserAsAdmin(principal, userId);
    const { appId } = principal;
    const [tokens, preferences, studentInformation, history, profiles, social] = await Promise.all([
      this.#tokens.listTokensOfUser(appId, userId),
      this.#exportSources.preferences(appId, userId),
      this.#exportSources.studentInformation(appId, userId),
      this.#exportSources.history(appId, userId),
      this.#exportSources.profiles(appId, userId),
      this.#exportSources.social(appId, userId),
    ]);
    return { exportedAt: Date.now(), user, tokens, preferences, studentInformation, history, profiles, social };
  }
}

/**
 * The patch an update makes of `user`: only what differs is written (clients resend unchanged fields, the Kii SDK
 * every custom field, and each written indexed column costs an index update). Throws when a rule refuses it.
 */
function patchOf(user: User, update: UserUpdate, passwordHash: string | undefined): UserPatch {
  if (passwordHash !== undefined) {
    if (user.hasPassword) throw invalidInput('password', 'cannot be changed here; use the password change call');
    const hasIdentifier = [update.loginName, update.emailAddress, update.phoneNumber].some((v) => v !== undefined);
    if (!hasIdentifier) throw invalidInput('password', 'needs at least one of loginName, emailAddress or phoneNumber');
  } else if (!user.hasPassword) {
    for (const field of ['loginName', 'emailAddress', 'phoneNumber'] as const) {
      if (update[field] !== undefined) throw invalidInput(field, 'can be set only together with a password');
    }
  }
  const patch: UserPatch = {};
  if (update.loginName !== undefined && update.loginName !== user.loginName) patch.loginName = update.loginName;
  if (update.emailAddress !== undefined && update.emailAddress !== user.emailAddress) {
    patch.emailAddress = update.emailAddress;
    if (update.emailAddress.toLowerCase() !== user.emailAddress?.toLowerCase()) patch.emailVerified = false;
  }
  if (update.phoneNumber !== undefined && update.phoneNumber !== user.phoneNumber) {
    patch.phoneNumber = update.phoneNumber;
    patch.phoneVerified = false;
  }
  if (update.displayName !== undefined && update.displayName !== user.displayName) {
    patch.displayName = update.displayName;
  }
  if (update.country !== undefined && update.country !== user.country) patch.country = update.country;
  if (update.locale !== undefined && update.locale !== user.locale) patch.locale = update.locale;
  if (update.customFields !== undefined && JSON.stringify(update.customFields) !== JSON.stringify(user.customFields)) {
    patch.customFields = update.customFields;
  }
  if (passwordHash !== undefined) patch.passwordHash = passwordHash;
  // The admin's explicit word on verification wins over the reset a change of address makes.
  if (update.emailVerified !== undefined && update.emailVerified !== (patch.emailVerified ?? user.emailVerified)) {
    patch.emailVerified = update.emailVerified;
  }
  if (update.phoneVerified !== undefined && update.phoneVerified !== (patch.phoneVerified ?? user.phoneVerified)) {
    patch.phoneVerified = update.phoneVerified;
  }
  return patch;
}

/** The patch a profile change makes of `user`: only what differs. */
function profilePatchOf(user: User, update: ProfileUpdate): UserPatch {
  const patch: UserPatch = {};
  if (update.displayName !== undefined && update.displayName !== user.displayName) {
    patch.displayName = update.displayName;
  }
  if (update.handle !== undefined && update.handle !== user.handle) patch.handle = update.handle;
  if (update.biography !== undefined && update.biography !== user.biography) patch.biography = update.biography;
  if (update.dateOfBirth !== undefined) {
    const date = storedDate(update.dateOfBirth);
    if (date !== user.dateOfBirth) patch.dateOfBirth = date;
  }
  if (update.avatarUrl !== undefined && update.avatarUrl !== user.avatarUrl) patch.avatarUrl = update.avatarUrl;
  return patch;
}

function handleTaken(handle: string): CoreError {
  return new CoreError('handle_taken', 'Another account has this handle', { field: 'handle', value: handle });
}

/** Turns a unique violation of the handle into `handle_taken`; any other error passes through. */
function handleTakenOr(error: unknown): unknown {
  return isHandleTaken(error)
    ? new CoreError('handle_taken', 'Another account has this handle', { field: 'handle' })
    : error;
}

function notFound(appId: string, ref: UserRef): CoreError {
  if (ref.kind === 'me' || ref.kind === 'id') {
    const value = ref.kind === 'id' ? ref.id : 'me';
    return new CoreError('user_not_found', `User ${value} was not found`, { field: 'userID', value, appId });
  }
  return new CoreError('user_not_found', `No user has this ${ref.kind}`, { field: ref.kind, value: ref.value, appId });
}
