import { CoreError } from './errors.ts';
import type { ActiveProfile } from './identity/identity.types.ts';

/** Who is calling, as established by a face's credentials and checked by the core. */
export type Principal = AnonymousPrincipal | UserPrincipal | AdminPrincipal;

/** A caller that proved only which app it speaks for (app id + app key). */
export interface AnonymousPrincipal {
  kind: 'anonymous';
  appId: string;
  origin?: CallOrigin;
}

/**
 * Where a call comes from, as the face saw it (the client address, proxies resolved by TRUST_PROXY), and what the core
 * reports back about it: the rate-limit state of the policy the call was counted under, for the face's headers. Calls
 * made by the core itself or the CLI have none.
 */
export interface CallOrigin {
  address: string;
  rateLimit?: RateLimitState;
}

/** The address a call is throttled and rate-limited under; calls of the core itself (no origin) share one. */
export function addressOf(origin: CallOrigin | undefined): string {
  return origin?.address ?? 'internal';
}

/** One rate-limit policy's state after a call was counted: the `RateLimit` headers' values. */
export interface RateLimitState {
  /** Calls allowed per window. */
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
  windowSeconds: number;
}

export interface UserPrincipal {
  kind: 'user';
  appId: string;
  userId: string;
  /** The id of the access token row, so one token can be ended without the others. */
  tokenId: string;
  /**
   * The household profile the token is bound to, with the attributes rules need (child profile, rating thresholds);
   * null for an account without profiles.
   */
  profile: ActiveProfile | null;
  expiresAt: number;
  origin?: CallOrigin;
}

export interface AdminPrincipal {
  kind: 'admin';
  appId: string;
  clientId: string;
  tokenId: string;
  expiresAt: number;
  origin?: CallOrigin;
}

export type AuthenticatedPrincipal = UserPrincipal | AdminPrincipal;

export function principalId(principal: Principal): string {
  if (principal.kind === 'user') return principal.userId;
  if (principal.kind === 'admin') return principal.clientId;
  return 'anonymous';
}

/** Passes only the app's admin: anonymous callers are `unauthenticated`, users `forbidden`. */
export function requireAdmin(principal: Principal): asserts principal is AdminPrincipal {
  if (principal.kind === 'admin') return;
  if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs an admin token');
  throw new CoreError('forbidden', 'Only the app admin may do this', {
    appId: principal.appId,
    principalId: principal.userId,
  });
}

/**
 * Refuses a user's token bound to a child profile: what changes the account (its credentials, addresses, data,
 * profiles, PIN, sessions, its deletion) is the account owner's alone. Admins and tokens of profiles that are not
 * child profiles pass.
 */
export function requireAccountOwner(principal: Principal): void {
  if (principal.kind !== 'user' || !principal.profile?.child) return;
  throw new CoreError('forbidden', "A child profile cannot change the account; switch to a profile that isn't one", {
    appId: principal.appId,
    principalId: principal.userId,
  });
}

/** Passes only a user's token: anonymous callers are `unauthenticated`; the admin, who has no account, `forbidden`. */
export function requireUser(principal: Principal): UserPrincipal {
  if (principal.kind === 'user') return principal;
  if (principal.kind === 'anonymous') throw new CoreError('unauthenticated', 'This call needs a user token');
  throw new CoreError('forbidden', 'An admin token has no account of its own', {
    appId: principal.appId,
    principalId: principal.clientId,
  });
}

/** A user's token that is not bound to a child profile: what writes the account is its owner's alone. */
export function requireOwnerUser(principal: Principal): UserPrincipal {
  const user = requireUser(principal);
  requireAccountOwner(user);
  return user;
}
