import type { OwnProfile } from '../../core/accounts/accounts.types.ts';
import type { IssuedTokens } from '../../core/identity/identity.types.ts';
import type {
  Membership,
  Notification,
  NotificationPage,
  Page,
  PublicProfile,
  Referral,
} from '../../core/social/social.types.ts';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** A session as the v1 face hands it out: the access token is the session token. */
export function presentSession(issued: IssuedTokens) {
  return { sessionToken: issued.accessToken, refreshToken: issued.refreshToken ?? '', userId: issued.userId ?? '' };
}

/** The own profile with the keys it has (a projection has only those asked), times in ISO 8601. */
export function presentProfile(profile: Partial<OwnProfile>) {
  const { createdAt, ...rest } = profile;
  return createdAt === undefined ? rest : { ...rest, createdAt: iso(createdAt) };
}

export function presentMembership(membership: Membership) {
  const { container, joinedAt } = membership;
  return { containerId: container.id, slug: container.slug, name: container.name, joinedAt: iso(joinedAt) };
}

/** The fixed public field set: never an email, a date of birth or custom fields. */
export function presentPublicProfile(profile: PublicProfile) {
  return {
    id: profile.id,
    handle: profile.handle,
    displayName: profile.displayName,
    biography: profile.biography,
    avatarUrl: profile.avatarUrl,
    memberSince: iso(profile.memberSince),
  };
}

export function presentReferrals(page: Page<Referral>) {
  return {
    items: page.items.map((referral) => ({
      userId: referral.userId,
      handle: referral.handle,
      displayName: referral.displayName,
      joinedAt: iso(referral.joinedAt),
    })),
    total: page.total,
    page: page.page,
    limit: page.limit,
  };
}

export function presentNotification(notification: Notification) {
  return {
    id: notification.id,
    type: notification.type,
    title: notification.title,
    body: notification.body,
    data: notification.data,
    containerId: notification.containerId,
    createdAt: iso(notification.createdAt),
    readAt: notification.readAt === null ? null : iso(notification.readAt),
  };
}

export function presentNotifications(page: NotificationPage) {
  return {
    items: page.items.map(presentNotification),
    total: page.total,
    unread: page.unread,
    page: page.page,
    limit: page.limit,
  };
}
