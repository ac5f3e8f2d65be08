import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CoreError } from '../../core/errors.ts';
import { authorizeRoutes, principalOf } from '../../http/authorization.ts';
import type { Face, FaceOptions } from '../face.ts';
import { handleHouseholdError, householdErrors } from './errors.ts';
import { presentIcon, presentProfile, profileInputOf } from './present.ts';
import {
  ChangedProfile,
  ChangeProfileBody,
  Created,
  Deleted,
  failureResponses,
  householdSecurity,
  IconList,
  ListQuery,
  PinBody,
  PinStatus,
  Profile,
  ProfileCreate,
  ProfileList,
  ProfileParams,
  ProfileUpdate,
  Updated,
} from './schemas.ts';

const tags = ['Household profiles'];
const security = householdSecurity;
const profiles = '/userprofiles/v1/user/userprofiles';
/** The rules of a profile's fields that no schema can state: they name the app's catalogues. */
const profileRules =
  "Each threshold must name a ratings body of the app and one of its ratings, at most one per body, and iconName one of the app's icons (400 otherwise).";

/** The household profiles face (seed 002): NAGRA OpenTV's User Profiles Service and its icon metadata. */
export const householdsFace: Face = {
  name: 'Household profiles',
  prefixes: ['/userprofiles', '/imagemetadata', '/ias'],
  routePrefix: '',
  errors: householdErrors,
  handleError: handleHouseholdError,
  routes: householdRoutes,
};

/**
 * The token, from any of the three headers NAGRA clients use: `token`, `nv-authorizations` (with or without
 * `Bearer`), or `Authorization: Bearer`.
 */
function tokenOf(request: FastifyRequest): string | undefined {
  for (const header of ['token', 'nv-authorizations', 'authorization'] as const) {
    const value = request.headers[header];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const match = /^(?:Bearer\s+)?(\S+)$/i.exec(value.trim());
    if (match?.[1]) return match[1];
  }
  return undefined;
}

async function householdRoutes(app: FastifyInstance, { core }: FaceOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // Every call acts on the token's own account: a user's token (a child profile's too, as far as it may); the admin,
  // who has no account, is refused (403) before anything runs.
  authorizeRoutes(
    app,
    async (request) => {
      const token = tokenOf(request);
      if (!token)
        throw new CoreError('unauthenticated', 'This call needs a token (token, nv-authorizations or Bearer)');
      return core.sessions.authenticate(token, undefined);
    },
    { callers: ['user'] },
  );

  api.post(
    profiles,
    {
      schema: {
        tags,
        security,
        operationId: 'createProfile',
        summary: 'Create a profile of the account',
        description: `${profileRules}`,
        body: ProfileCreate,
        response: { 201: Created, ...failureResponses },
      },
    },
    async (request, reply) => {
      const id = await core.households.createProfile(principalOf(request), {
        name: request.body.name,
        ...profileInputOf(request.body),
      });
      return reply.status(201).send({ _id: id });
    },
  );

  api.get(
    profiles,
    {
      schema: {
        tags,
        security,
        operationId: 'listProfiles',
        summary: "The account's profiles, the default first (limit and page select a slice; page needs limit)",
        description: 'page without limit → 400.',
        querystring: ListQuery,
        response: { 200: ProfileList, ...failureResponses },
      },
    },
    async (request) => {
      const { items, total } = await core.households.listProfiles(principalOf(request), request.query);
      return { totalRecords: total, resourceSet: items.map(presentProfile) };
    },
  );

  api.get(
    `${profiles}/:profileId`,
    {
      schema: {
        tags,
        security,
        operationId: 'getProfile',
        summary: 'One profile of the account',
        params: ProfileParams,
        response: { 200: Profile, ...failureResponses },
      },
    },
    async (request) => presentProfile(await core.households.getProfile(principalOf(request), request.params.profileId)),
  );

  api.put(
    `${profiles}/:profileId`,
    {
      schema: {
        tags,
        security,
        operationId: 'updateProfile',
        summary: 'Change some fields of a profile',
        description: `${profileRules} The profile as changed must hold too: a child profile keeps a threshold, and the default profile cannot become a child profile.`,
        params: ProfileParams,
        body: ProfileUpdate,
        response: { 200: Updated, ...failureResponses },
      },
    },
    async (request) => {
      const { matched, modified } = await core.households.updateProfile(
        principalOf(request),
        request.params.profileId,
        profileInputOf(request.body),
      );
      return { matchedCount: matched ? 1 : 0, modifiedCount: modified ? 1 : 0 };
    },
  );

  api.delete(
    `${profiles}/:profileId`,
    {
      schema: {
        tags,
        security,
        operationId: 'deleteProfile',
        summary: 'Delete a profile (not the default); its tokens end. Answers 201, as NAGRA documents',
        params: ProfileParams,
        response: { 201: Deleted, ...failureResponses },
      },
    },
    async (request, reply) => {
      await core.households.deleteProfile(principalOf(request), request.params.profileId);
      return reply.status(201).send({ matchedCount: 1, deletedCount: 1 });
    },
  );

  api.get(
    '/imagemetadata/v1/profile',
    {
      schema: {
        tags,
        security,
        operationId: 'listProfileIcons',
        summary: "The app's profile icons",
        response: { 200: IconList, ...failureResponses },
      },
    },
    async (request) => {
      const icons = await core.icons.profileIcons(principalOf(request));
      return { count: icons.length, results: icons.map(presentIcon) };
    },
  );

  api.post(
    '/ias/v3/token/actions/changeUserProfile',
    {
      schema: {
        tags,
        security,
        operationId: 'switchProfile',
        summary: 'A new access token bound to another profile of the account (leaving a child profile needs the PIN)',
        body: ChangeProfileBody,
        response: { 200: ChangedProfile, ...failureResponses },
      },
    },
    async (request) => {
      const issued = await core.households.switchProfile(
        principalOf(request),
        request.body.newUserProfileId,
        request.body.pin,
      );
      return {
        access_token: issued.accessToken,
        expires_in: issued.expiresIn,
        activeProfileId: issued.profileId ?? request.body.newUserProfileId,
      };
    },
  );

  api.put(
    '/userprofiles/v1/user/pin',
    {
      schema: {
        tags,
        security,
        operationId: 'setPin',
        summary: "Set the account's parental PIN (4–8 digits); changing a set PIN needs currentPin",
        body: PinBody,
        response: { 200: PinStatus, ...failureResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await core.households.setPin(principal, request.body.pin, request.body.currentPin);
      return core.households.pinStatus(principal);
    },
  );

  api.get(
    '/userprofiles/v1/user/pin/status',
    {
      schema: {
        tags,
        security,
        operationId: 'getPinStatus',
        summary: "The PIN's status: UNSET, SET or LOCKED (with the seconds left)",
        response: { 200: PinStatus, ...failureResponses },
      },
    },
    async (request) => core.households.pinStatus(principalOf(request)),
  );
}
