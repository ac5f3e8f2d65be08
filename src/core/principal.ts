import { CoreError } from './errors.ts';
import type { ActiveProfile } from './identity/identity.types.ts';

/** Who is calling, as established by a face's credentials and checked by the core. */
export type Principal = AnonymousPrincipal | UserPrincipal | AdminPrincipal;

/** A caller that proved only which app it speaks for (app id + app key). */
export interface AnonymousPrincipal {
  kind: 'anonymous';
  appId: string;
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
}

export interface AdminPrincipal {
  kind: 'admin';
  appId: string;
  clientId: string;
  tokenId: string;
  expiresAt: number;
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
