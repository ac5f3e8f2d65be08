import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { RateLimitPolicy } from '../../core/throttling/rate-limiter.ts';
import { authorizeRoutes, principalOf } from '../../http/authorization.ts';
import { callOrigin } from '../../http/call-origin.ts';
import { optionalBody } from '../../http/openapi.ts';
import type { Face, FaceOptions } from '../face.ts';
import { appPrincipal, headerAppId, tokenPrincipal } from './auth.ts';
import { handleV1Error, v1Errors } from './errors.ts';
import {
  presentMembership,
  presentNotifications,
  presentProfile,
  presentPublicProfile,
  presentReferrals,
  presentSession,
} from './present.ts';
import {
  appSecurity,
  ContainerParams,
  ContainerQuery,
  EventStream,
  errorResponses,
  LogIn,
  MarkRead,
  Membership,
  NotificationListQuery,
  NotificationPage,
  PageQuery,
  Profile,
  ProfileChange,
  ProfileQuery,
  PublicProfile,
  PublicProfileParams,
  ReferralPage,
  RefreshedSession,
  RefreshRequest,
  Registration,
  Session,
  StreamHeaders,
  StreamQuery,
  sessionSecurity,
} from './schemas.ts';
import { serverSentEvents } from './stream.ts';

const tags = ['v1 User Profile'];

/** The v1 User Profile face (seed 003: XBorg's Gamerbase profile API) under `/v1`. */
export const v1Face: Face = {
  name: 'v1 User Profile',
  prefixes: ['/v1'],
  routePrefix: '/v1',
  errors: v1Errors,
  handleError: handleV1Error,
  routes: v1Routes,
};

async function v1Routes(app: FastifyInstance, { core }: FaceOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // One hook for the face: every call but the session calls is a user's, by its session token (an admin has no
  // session on this face); the session calls take the app's id and key, read by their handlers.
  authorizeRoutes(app, (request) => tokenPrincipal(core, request), { callers: ['user'] });

  // Before the body is read: an address that spent its budget is answered at once, as on the Kii face.
  const refuseSpent = (policy: RateLimitPolicy) => async (request: FastifyRequest) => {
    const appId = headerAppId(request);
    if (appId !== undefined) await core.rateLimits.refuseIfSpent(appId, policy, callOrigin(request));
  };

  api.post(
    '/user/auth/register',
    {
      schema: {
        tags,
        security: appSecurity,
        operationId: 'v1Register',
        summary: 'Register with an email or a login name, a password and perhaps a handle; answers a session',
        body: Registration,
        response: { 201: Session, ...errorResponses },
      },
      config: { callers: 'credentials' },
      onRequest: refuseSpent('sign_up'),
    },
    async (request, reply) => {
      const issued = await core.onboarding.register(await appPrincipal(core, request), request.body);
      return reply.status(201).send(presentSession(issued));
    },
  );

  api.post(
    '/user/auth/login',
    {
      schema: {
        tags,
        security: appSecurity,
        operationId: 'v1LogIn',
        summary: 'Log in with a login name, email or phone number and the password',
        body: LogIn,
        response: { 200: Session, ...errorResponses },
      },
      config: { callers: 'credentials' },
      onRequest: refuseSpent('log_in'),
    },
    async (request) => presentSession(await core.onboarding.logIn(await appPrincipal(core, request), request.body)),
  );

  api.post(
    '/user/auth/refresh-session',
    {
      schema: {
        tags,
        security: appSecurity,
        operationId: 'v1RefreshSession',
        summary: 'A new session token; the refresh token stays until it expires',
        body: RefreshRequest,
        response: { 201: RefreshedSession, ...errorResponses },
      },
      config: { callers: 'credentials' },
      onRequest: refuseSpent('log_in'),
    },
    async (request, reply) => {
      const issued = await core.onboarding.refreshSession(await appPrincipal(core, request), request.body.refreshToken);
      return reply.status(201).send({ sessionToken: issued.accessToken });
    },
  );

  api.get(
    '/user/profile',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1GetProfile',
        summary: 'The own profile, exactly the fields asked (fields=a,b or fields=a&fields=b)',
        querystring: ProfileQuery,
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => presentProfile(await core.accounts.readOwnProfile(principalOf(request), request.query.fields)),
  );

  api.post(
    '/user/profile',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1UpdateProfile',
        summary: 'Change the display name, handle, biography, date of birth or avatar; answers the whole profile',
        body: ProfileChange,
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => presentProfile(await core.accounts.updateOwnProfile(principalOf(request), request.body)),
  );

  api.get(
    '/user/by-id/:username/public',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1GetPublicProfile',
        summary:
          "A member's public profile (by handle or id) in a container: any token of the app; a non-member is 404",
        params: PublicProfileParams,
        querystring: ContainerQuery,
        response: { 200: PublicProfile, ...errorResponses },
      },
      // Any token of the app reads a member's public side: the app admin's too (a back office shows profiles).
      config: { callers: ['user', 'admin'] },
    },
    async (request) =>
      presentPublicProfile(
        await core.social.readPublicProfile(principalOf(request), request.params.username, request.query.containerId),
      ),
  );

  api.post(
    '/user/containers/:containerId/join',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1JoinContainer',
        summary: 'Join a container (by id or slug): 201 when joined now, 200 when a member already',
        params: ContainerParams,
        response: { 200: Membership, 201: Membership, ...errorResponses },
      },
    },
    async (request, reply) => {
      const membership = await core.social.join(principalOf(request), request.params.containerId);
      return reply.status(membership.joinedNow ? 201 : 200).send(presentMembership(membership));
    },
  );

  api.get(
    '/user/referrals',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1ListReferrals',
        summary: 'The users who joined through the own referral, newest first',
        querystring: PageQuery,
        response: { 200: ReferralPage, ...errorResponses },
      },
    },
    async (request) => presentReferrals(await core.social.listReferrals(principalOf(request), request.query)),
  );

  api.get(
    '/user/notifications',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1ListNotifications',
        summary: 'The own notifications in a container (and the app-wide ones), newest first, with the unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errorResponses },
      },
    },
    async (request) => presentNotifications(await core.notifications.list(principalOf(request), request.query)),
  );

  api.post(
    '/user/notifications/read',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1MarkNotificationsRead',
        ...optionalBody,
        summary: 'Mark notifications read: the given ones, or all of a container, or all (the body is optional)',
        body: MarkRead,
        response: { 201: Type.Null(), ...errorResponses },
      },
      // The body is optional: none is every notification of the caller.
      // A JSON `null` is a body, and not an object: refused by the schema.
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {};
      },
    },
    async (request, reply) => {
      await core.notifications.markRead(principalOf(request), request.body ?? {});
      // No content, as the seed documents it: an undefined payload is sent as an empty body (null would be `null`).
      return reply.status(201).send(undefined as never);
    },
  );

  api.get(
    '/user/notifications/stream',
    {
      schema: {
        tags,
        security: sessionSecurity,
        operationId: 'v1StreamNotifications',
        summary: 'Live notifications of a container (and the app-wide ones) as Server-Sent Events, from any instance',
        produces: ['text/event-stream'],
        querystring: StreamQuery,
        headers: StreamHeaders,
        response: { 200: EventStream, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const stream = await core.notificationStreams.open(
        principal,
        {
          containerId: request.query.containerId,
          lastEventId: request.headers['last-event-id'] ?? request.query.lastEventId,
        },
        serverSentEvents(reply.raw),
      );
      // Refusals are answered above in the face's JSON; from here on the response is the stream.
      reply.hijack();
      reply.raw.on('close', () => stream.close());
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-correlation-id': request.id,
      });
      // A reconnecting client waits 3 s; the comment flushes the head through proxies at once.
      reply.raw.write('retry: 3000\n: connected\n\n');
      stream.start();
    },
  );
}
