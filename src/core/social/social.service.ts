import { v7 as uuidv7 } from 'uuid';
import { isForeignKeyViolation } from '../../db/errors.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { SocialRecord } from '../accounts/accounts.types.ts';
import { handlePattern, internalIdOfReferralCode } from '../accounts/public-profile.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import { CoreError, InputProblems, invalidInput } from '../errors.ts';
import type { User } from '../identity/identity.types.ts';
import type { UsersRepository } from '../identity/users.repository.ts';
import { decodeCursor, type KeysetPage, keysetPage } from '../paging.ts';
import { type Principal, requireAdmin, requireOwnerUser, requireUser } from '../principal.ts';
import { isCatalogueId, isUuid } from '../text.ts';
import { type ContainersRepository, isSlugTaken } from './containers.repository.ts';
import { requireContainer } from './containers.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { ReferralsRepository } from './referrals.repository.ts';
import type { Container, ContainerInput, Membership, Page, PublicProfile, Referral } from './social.types.ts';

/** A slug: lower-case letters, digits and hyphens, starting with a letter or digit, at most 64. */
export const slugPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** The most members one admin call adds. */
export const maxMembersPerCall = 100_000;

/**
 * The social domain: containers (communities inside an app) and their members, the public profiles members see of
 * each other, and referrals. Every rule is checked here, for the principal given, before anything is written.
 */
export class SocialService {
  readonly #unitOfWork: UnitOfWork;
  readonly #containers: ContainersRepository;
  readonly #referrals: ReferralsRepository;
  readonly #users: UsersRepository;
  readonly #notifications: NotificationsService;
  readonly #audit: AuditLog;

  constructor(
    unitOfWork: UnitOfWork,
    containers: ContainersRepository,
    referrals: ReferralsRepository,
    users: UsersRepository,
    notifications: NotificationsService,
    audit: AuditLog,
  ) {
    this.#unitOfWork = unitOfWork;
    this.#containers = containers;
    this.#referrals = referrals;
    this.#users = users;
    this.#notifications = notifications;
    this.#audit = audit;
  }

  /**
   * Creates or changes a container (admin only): by `id` when given (created with that id when the app has none), else
   * by `slug` (created when no container has it, else renamed). A slug another container has is
   * `container_slug_taken`.
   */
  async saveContainer(principal: Principal, input: ContainerInput): Promise<Container> {
    requireAdmin(principal);
    const problems = new InputProblems();
    if (input.id !== undefined && !isCatalogueId(input.id)) {
      problems.add(
        'id',
        'must be 1 to 64 of A-Z, a-z, 0-9, dot, underscore, colon, hyphen, starting with a letter or digit',
      );
    }
    if (!slugPattern.test(input.slug)) {
      problems.add('slug', 'must be 1 to 64 of a-z, 0-9 and hyphen, starting with a letter or digit');
    }
    if (input.name.trim().length === 0 || input.name.length > 200) problems.add('name', 'must be 1 to 200 characters');
    problems.throwIfAny();
    const { appId } = principal;
    return this.#unitOfWork.run(async () => {
      const now = Date.now();
      const existing =
        input.id !== undefined
          ? await this.#containers.findById(appId, input.id)
          : await this.#containers.findBySlug(appId, input.slug);
      let saved: Container;
      try {
        if (existing) {
          saved = { ...existing, slug: input.slug, name: input.name, modifiedAt: now };
          await this.#containers.updateContainer(appId, existing.id, saved);
        } else {
          saved = { id: input.id ?? uuidv7(), slug: input.slug, name: input.name, createdAt: now, modifiedAt: now };
          await this.#containers.insertContainer(appId, saved);
        }
      } catch (error) {
        if (isSlugTaken(error)) {
          throw new CoreError('container_slug_taken', 'Another container of the app has this slug', {
            field: 'slug',
            value: input.slug,
          });
        }
        throw error;
      }
      await this.#audit.record(appId, principal, 'container.saved', {
        details: { id: saved.id, slug: saved.slug, created: existing === undefined },
      });
      return saved;
    });
  }

  /** A page of the app's containers in id order (admin only). */
  async listContainers(
    principal: Principal,
    options: { cursor?: string | undefined; limit: number },
  ): Promise<KeysetPage<Container>> {
    requireAdmin(principal);
    const afterId = options.cursor === undefined ? undefined : decodeCursor(options.cursor, isCatalogueId);
    const rows = await this.#containers.listContainers(principal.appId, { afterId, limit: options.limit + 1 });
    return keysetPage(rows, options.limit, (container) => container.id);
  }

  /**
   * Makes users of the app members of a container (admin only); returns how many became members (those who were
   * stay as they were). Every id must be a user of the app, else `invalid_input` names each unknown one and nobody is
   * added. Large lists are added in chunks of 1,000, each its own transaction, so other requests run between them.
   */
  async addMembers(principal: Principal, containerRef: string, userIds: readonly string[]): Promise<number> {
    requireAdmin(principal);
    const { appId } = principal;
    const container = await requireContainer(this.#containers, appId, containerRef);
    if (userIds.length === 0 || userIds.length > maxMembersPerCall) {
      throw invalidInput('userIds', `must list 1 to ${maxMembersPerCall} user ids`);
    }
    const unique = [...new Set(userIds)];
    const known = await this.#users.existingUserIds(appId, unique);
    const problems = new InputProblems();
    userIds.forEach((userId, index) => {
      if (!known.has(userId)) problems.add(`userIds[${index}]`, 'no user of the app has this id');
    });
    problems.throwIfAny();
    let added = 0;
    const now = Date.now();
    try {
      await this.#unitOfWork.runInChunks(unique, 1000, async (chunk) => {
        const ids = await this.#containers.addMembers(appId, container.id, chunk, now);
        added += ids.length;
        await this.#audit.record(appId, principal, 'container.members_added', {
          details: { containerId: container.id, count: ids.length },
        });
      });
    } catch (error) {
      // A user or the container deleted meanwhile: the chunks before it stay (adding is idempotent), sending it again
      // is safe.
      if (isForeignKeyViolation(error)) {
        throw new CoreError('conflict', 'A user or the container was deleted while the members were added');
      }
      throw error;
    }
    return added;
  }

  /** Makes the caller (a user) a member of the container named by id or slug; joining twice changes nothing. */
  async join(principal: Principal, containerRef: string): Promise<Membership> {
    const { userId } = requireOwnerUser(principal);
    const { appId } = principal;
    const container = await requireContainer(this.#containers, appId, containerRef);
    return this.#unitOfWork.run(async () => {
      const now = Date.now();
      const [added] = await this.#containers.addMembers(appId, container.id, [userId], now);
      if (added !== undefined) return { container, joinedAt: now, joinedNow: true };
      const joinedAt = await this.#containers.joinedAt(appId, container.id, userId);
      if (joinedAt === undefined) throw new CoreError('conflict', 'The membership changed while it was joined');
      return { container, joinedAt, joinedNow: false };
    });
  }

  /**
   * What any user (or the admin) of the app may see of a member of a container: `username` is a handle or a user
   * id. A user that is not a member of that container is `user_not_found`, as one that does not exist.
   */
  async readPublicProfile(principal: Principal, username: string, containerRef: string): Promise<PublicProfile> {
    if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a token');
    const { appId } = principal;
    const container = await requireContainer(this.#containers, appId, containerRef);
    const user = isUuid(username)
      ? await this.#users.findUser(appId, username.toLowerCase())
      : handlePattern.test(username)
        ? await this.#users.findUserByHandle(appId, username)
        : undefined;
    const memberSince = user && (await this.#containers.joinedAt(appId, container.id, user.id));
    if (!user || memberSince === undefined) {
      throw new CoreError('user_not_found', 'No member of this container has this handle or id', {
        field: 'username',
        value: username,
        appId,
      });
    }
    return {
      id: user.id,
      handle: user.handle,
      displayName: user.displayName,
      biography: user.biography,
      avatarUrl: user.avatarUrl,
      memberSince,
    };
  }

  /**
   * The user a `referrerHandle` names: a handle (any case) or a generated referral code of a user of the app;
   * `invalid_input` on `referrerHandle` when none does.
   */
  async findReferrer(appId: string, referrerHandle: string): Promise<User> {
    const internalId = internalIdOfReferralCode(referrerHandle);
    const referrer =
      internalId !== undefined
        ? await this.#users.findUserByInternalId(appId, internalId)
        : handlePattern.test(referrerHandle)
          ? await this.#users.findUserByHandle(appId, referrerHandle)
          : undefined;
    if (!referrer) throw invalidInput('referrerHandle', 'no user of the app has this handle or referral code');
    return referrer;
  }

  /**
   * Records that `referrerId` referred `userId` (at registration or first log-in): never oneself, at most one referrer
   * per user (a second is ignored). The referrer is notified (app-wide) in the same transaction. Returns whether it
   * was recorded.
   */
  async recordReferral(appId: string, userId: string, referrerId: string): Promise<boolean> {
    if (userId === referrerId) return false;
    const user = await this.#users.findUser(appId, userId);
    if (!user) return false;
    return this.#unitOfWork.run(async () => {
      const now = Date.now();
      if (!(await this.#referrals.insertReferral(appId, userId, referrerId, now))) return false;
      const name = user.handle ?? user.displayName ?? 'Someone';
      await this.#notifications.createFor(
        appId,
        [referrerId],
        null,
        {
          type: 'referral.joined',
          title: 'A new referral',
          body: `${name} joined through your referral`,
          data: { userId, handle: user.handle },
        },
        now,
      );
      return true;
    });
  }

  /** The users who joined through the caller's referral, newest first, numbered pages. */
  async listReferrals(principal: Principal, options: { page: number; limit: number }): Promise<Page<Referral>> {
    const { userId } = requireUser(principal);
    const { page, limit } = options;
    if (!Number.isInteger(page) || page < 1) throw invalidInput('page', 'must be an integer ≥ 1');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInput('limit', 'must be 1 to 100');
    const [items, total] = await Promise.all([
      this.#referrals.listReferred(principal.appId, userId, { offset: (page - 1) * limit, limit }),
      this.#referrals.countReferred(principal.appId, userId),
    ]);
    return { items, total, page, limit };
  }

  /** What the social domain stores about a user, for the admin's export. */
  async recordOf(appId: string, userId: string): Promise<SocialRecord> {
    const [memberships, referrerId] = await Promise.all([
      this.#containers.membershipsOf(appId, userId),
      this.#referrals.referrerOf(appId, userId),
    ]);
    return { memberships, referrerId: referrerId ?? null };
  }
}
