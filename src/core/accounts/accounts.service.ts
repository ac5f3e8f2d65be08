import type { EventBus } from '../../events/bus.ts';
import type { AppsService } from '../apps/apps.service.ts';
import { CoreError, invalidInput } from '../errors.ts';
import { alreadyExistsOr, type IdentityService, userNotFound } from '../identity/identity.service.ts';
import type { User } from '../identity/identity.types.ts';
import { hashPassword } from '../identity/passwords.ts';
import { userKey } from '../identity/token-cache.ts';
import type { TokensRepository } from '../identity/tokens.repository.ts';
import { validatePassword, validatePredefinedFields } from '../identity/user-fields.ts';
import { identifierKey, type UserChanges, type UsersRepository } from '../identity/users.repository.ts';
import type { InstanceCache } from '../instance-cache.ts';
import { type Principal, requireAdmin } from '../principal.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { UserPage, UserRef, UserUpdate, UserView } from './accounts.types.ts';

/** A user's own data: reading it as the caller may, changing it, and the admin's listing and export. */
export class AccountsService {
  private readonly users: UsersRepository;
  private readonly accounts: AccountsRepository;
  private readonly tokens: TokensRepository;
  private readonly identity: IdentityService;
  private readonly apps: AppsService;
  private readonly bus: EventBus;
  readonly #cache: InstanceCache<User>;

  constructor(
    users: UsersRepository,
    accounts: AccountsRepository,
    tokens: TokensRepository,
    identity: IdentityService,
    apps: AppsService,
    bus: EventBus,
    cache: InstanceCache<User>,
  ) {
    this.users = users;
    this.accounts = accounts;
    this.tokens = tokens;
    this.identity = identity;
    this.apps = apps;
    this.bus = bus;
    this.#cache = cache;
    bus.subscribe((event) => {
      if (event.type === 'identity.user-changed' || event.type === 'identity.user-tokens-revoked') {
        cache.drop(userKey(event.appId, event.userId));
      }
    });
    bus.onGap(() => cache.clear());
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
      user = await this.#findUserCached(principal.appId, principal.userId);
    } else if (ref.kind === 'id') {
      user = await this.#findUserCached(principal.appId, ref.id);
    } else {
      user = await this.users.findUserByIdentifier(principal.appId, { field: ref.kind, value: ref.value });
    }
    if (!user) throw notFound(principal.appId, ref);
    if (principal.kind === 'admin' || principal.userId === user.id) return { view: 'full', user };
    const { settings } = await this.apps.getApp(principal.appId);
    if (settings.exposeFullUserDataToOthers) return { view: 'full', user };
    return { view: 'limited', user: { id: user.id, loginName: user.loginName, displayName: user.displayName } };
  }

  /** A user row from this instance's cache, or read and cached; undefined when there is no such user. */
  async #findUserCached(appId: string, userId: string): Promise<User | undefined> {
    const key = userKey(appId, userId);
    const now = Date.now();
    const cached = this.#cache.get(key, now);
    if (cached) return cached;
    const epoch = this.#cache.epoch;
    const user = await this.users.findUser(appId, userId);
    if (user) this.#cache.set(key, user, epoch, now);
    return user;
  }

  /**
   * Applies Kii's update rules: given predefined fields change, custom fields (when given) are replaced wholesale,
   * a password may only be set on a user without one, and identifiers need a password. A changed email or phone
   * becomes unverified. Returns the new modification time.
   */
  async updateUser(principal: Principal, target: 'me' | { id: string }, update: UserUpdate): Promise<number> {
    const userId = this.identity.targetUserId(principal, target);
    const user = await this.users.findUser(principal.appId, userId);
    if (!user) throw userNotFound(principal.appId, userId);
    validatePredefinedFields(update);

    let passwordHash: string | undefined;
    if (update.password !== undefined) {
      if (user.hasPassword) {
        throw invalidInput('password', 'cannot be changed here; use the password change call');
      }
      validatePassword(update.password);
      const hasIdentifier = [update.loginName, update.emailAddress, update.phoneNumber].some((v) => v !== undefined);
      if (!hasIdentifier)
        throw invalidInput('password', 'needs at least one of loginName, emailAddress or phoneNumber');
      passwordHash = await hashPassword(update.password);
    } else if (!user.hasPassword) {
      for (const field of ['loginName', 'emailAddress', 'phoneNumber'] as const) {
        if (update[field] !== undefined) throw invalidInput(field, 'can be set only together with a password');
      }
    }

    // Only columns whose value differs are written: clients resend unchanged fields (the Kii SDK resends every custom
    // field), and each written indexed column costs an index update.
    const modifiedAt = Math.max(Date.now(), user.modifiedAt + 1);
    const changes: UserChanges = { modified_at: modifiedAt };
    if (update.loginName !== undefined && update.loginName !== user.loginName) {
      changes.login_name = update.loginName;
      changes.login_name_key = identifierKey(update.loginName);
    }
    if (update.emailAddress !== undefined && update.emailAddress !== user.emailAddress) {
      changes.email_address = update.emailAddress;
      changes.email_key = identifierKey(update.emailAddress);
      if (identifierKey(user.emailAddress) !== changes.email_key) changes.email_verified = false;
    }
    if (update.phoneNumber !== undefined && update.phoneNumber !== user.phoneNumber) {
      changes.phone_number = update.phoneNumber;
      changes.phone_verified = false;
    }
    if (update.displayName !== undefined && update.displayName !== user.displayName) {
      changes.display_name = update.displayName;
      changes.display_name_key = identifierKey(update.displayName);
    }
    if (update.country !== undefined && update.country !== user.country) changes.country = update.country;
    if (update.locale !== undefined && update.locale !== user.locale) changes.locale = update.locale;
    if (update.customFields !== undefined) {
      const customFields = JSON.stringify(update.customFields);
      if (customFields !== JSON.stringify(user.customFields)) changes.custom_fields = customFields;
    }
    if (passwordHash !== undefined) changes.password_hash = passwordHash;

    try {
      await this.users.updateUser(principal.appId, userId, changes);
    } catch (error) {
      throw alreadyExistsOr(error, update as Record<string, unknown>);
    }
    await this.bus.publish({ type: 'identity.user-changed', appId: principal.appId, userId });
    return modifiedAt;
  }

  /** A page of the app's users (admin only), optionally those matching `query` by identifier or display name. */
  async listUsers(
    principal: Principal,
    options: { query?: string | undefined; cursor?: string | undefined; limit: number },
  ): Promise<UserPage> {
    requireAdmin(principal);
    const afterId = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const rows = await this.accounts.listUsers(principal.appId, {
      query: options.query,
      afterId,
      limit: options.limit + 1,
    });
    const items = rows.slice(0, options.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > options.limit && last ? encodeCursor(last.id) : null };
  }

  /** One user (admin only), or `user_not_found`. */
  async getUserAsAdmin(principal: Principal, userId: string): Promise<User> {
    requireAdmin(principal);
    const user = await this.users.findUser(principal.appId, userId);
    if (!user) throw userNotFound(principal.appId, userId);
    return user;
  }

  /** Everything stored about a user (admin only), as one document; secrets are never part of it. */
  async exportUser(principal: Principal, userId: string) {
    const user = await this.getUserAsAdmin(principal, userId);
    const tokens = await this.tokens.listTokensOfUser(principal.appId, userId);
    return {
      exportedAt: Date.now(),
      user,
      tokens: tokens.map((t) => ({
        id: t.id,
        kind: t.kind,
        profileId: t.profile_id,
        createdAt: t.created_at,
        expiresAt: t.expires_at,
      })),
    };
  }
}

function notFound(appId: string, ref: UserRef): CoreError {
  if (ref.kind === 'me' || ref.kind === 'id') {
    const value = ref.kind === 'id' ? ref.id : 'me';
    return new CoreError('user_not_found', `User ${value} was not found`, { field: 'userID', value, appId });
  }
  return new CoreError('user_not_found', `No user has this ${ref.kind}`, { field: ref.kind, value: ref.value, appId });
}

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalidInput('cursor', 'is not a cursor this API returned');
  return id;
}
