import type { OwnProfile } from '../../core/accounts/accounts.types.ts';
import type { IssuedTokens } from '../../core/identity/identity.types.ts';

/** A session as the v1 face hands it out: the access token is the session token. */
export function presentSession(issued: IssuedTokens) {
  return { sessionToken: issued.accessToken, refreshToken: issued.refreshToken ?? '', userId: issued.userId ?? '' };
}

/** The own profile with the keys it has (a projection has only those asked), times in ISO 8601. */
export function presentProfile(profile: Partial<OwnProfile>) {
  const { createdAt, ...rest } = profile;
  return createdAt === undefined ? rest : { ...rest, createdAt: new Date(createdAt).toISOString() };
}
