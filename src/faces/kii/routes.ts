import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import type { UserRef } from '../../core/accounts/accounts.types.ts';
import type { Core } from '../../core/core.ts';
import { invalidInput } from '../../core/errors.ts';
import type { SignUpInput, UserTarget } from '../../core/identity/identity.types.ts';
import { customFieldsOf } from '../../core/identity/user-fields.ts';
import type { RateLimitPolicy } from '../../core/throttling/rate-limiter.ts';
import { authorizeRoutes, principalOf } from '../../http/authorization.ts';
import { callOrigin } from '../../http/call-origin.ts';
import { optionalBody } from '../../http/openapi.ts';
import type { Face } from '../face.ts';
import { basicCredentials, headerAppId, kiiAppPrincipal, kiiPrincipal } from './auth.ts';
import { handleKiiError, kiiErrors, kiiMediaType, kiiType } from './errors.ts';
import { presentKiiUser, presentKiiUserView } from './present.ts';
import {
  AddressVerificationRequest,
  AppParams,
  appOrUser,
  CompleteResetRequest,
  errorResponses,
  KiiUser,
  type KiiUserBody,
  PasswordChange,
  PseudoRegistrationBody,
  RegistrationBody,
  ResetParams,
  ResetRequest,
  StatusChange,
  TargetParams,
  TokenRequest,
  TokenResponse,
  tokenSecurity,
  UpdateResponse,
  UserBody,
  UserParams,
  userOnly,
} from './schemas.ts';

const tags = ['Kii user API'];
/** The content types of a pseudo-user sign-up (the SDK sends the first). */
const pseudoRegistration = /RegistrationAndAuthorizationRequest|AnonymousUserRegistrationRequest/i;

/**
 * What a sign-up body must hold depends on which sign-up it is, so each content type has its schema (keyed in lower
 * case, as Fastify looks the request's media type up).
 */
const signUpBodies = Object.fromEntries(
  (
    [
      [kiiMediaType('RegistrationRequest'), RegistrationBody],
      [kiiMediaType('RegistrationAndAuthorizationRequest'), PseudoRegistrationBody],
      [kiiMediaType('AnonymousUserRegistrationRequest'), PseudoRegistrationBody],
      ['application/json', RegistrationBody],
    ] as const
  ).map(([type, schema]) => [type.toLowerCase(), { schema }]),
);

const unsupportedMediaType = (type: string | undefined) =>
  Object.assign(new Error(`Unsupported content type ${type ?? '(none)'}`), { statusCode: 415 });

/** The Kii face: `/api/oauth2/token` and `/api/apps/{appID}/users…`, in Kii's content types and error bodies. */
export const kiiFace: Face = {
  name: 'Kii user API',
  prefixes: ['/api'],
  routePrefix: '/api',
  errors: kiiErrors,
  handleError: handleKiiError,
  routes: kiiRoutes,
};

async function kiiRoutes(app: FastifyInstance, { core }: { core: Core }): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // One hook for the face: under /apps/{appID}, a bearer token of that app (its user or its admin), else the app's own
  // id and key (anonymous); each route says which of them it takes.
  authorizeRoutes(app, (request) => kiiPrincipal(core, request, (request.params as { appID?: string }).appID));

  const tokenRoute = {
    schema: {
      tags,
      summary: 'Issue tokens: password log-in, refresh, or app-admin client credentials',
      description:
        'Client credentials without client_id in the body need them as HTTP Basic (400 otherwise); expiresAt must ' +
        'lie in the future (400 otherwise).',
      security: tokenSecurity,
      consumes: ['application/json', kiiMediaType('OauthTokenRequest'), 'application/x-www-form-urlencoded'],
      body: TokenRequest,
      response: { 200: TokenResponse, ...errorResponses },
    },
  };
  const issueTokens = async (
    request: FastifyRequest,
    body: Static<typeof TokenRequest>,
    pathAppId: string | undefined,
  ) => {
    const expiresAt = body.expiresAt === undefined ? undefined : Number(body.expiresAt);
    const grant =
      body.grant_type ??
      (body.client_id !== undefined
        ? 'client_credentials'
        : body.refresh_token !== undefined
          ? 'refresh_token'
          : 'password');
    if (grant === 'client_credentials') {
      // OAuth clients send client credentials in the body or as HTTP Basic; the app is the path's or the header's.
      const basic = basicCredentials(request);
      const clientId = body.client_id ?? basic?.user;
      const clientSecret = body.client_id !== undefined ? body.client_secret : basic?.password;
      if (clientId === undefined || clientSecret === undefined) {
        throw invalidInput('client_id', 'client_id and client_secret are required');
      }
      const appId = pathAppId ?? headerAppId(request);
      const issued = await core.sessions.issueAdminToken(clientId, clientSecret, {
        appId,
        expiresAt,
        origin: callOrigin(request),
      });
      return {
        id: issued.clientId,
        access_token: issued.accessToken,
        token_type: 'Bearer' as const,
        expires_in: issued.expiresIn,
      };
    }
    const principal = await kiiAppPrincipal(core, request, pathAppId);
    const issued =
      grant === 'refresh_token'
        ? await core.sessions.refresh(principal, requireField(body.refresh_token, 'refresh_token'), { rotate: true })
        : await core.sessions.logIn(principal, {
            username: requireField(body.username, 'username'),
            password: requireField(body.password, 'password'),
            expiresAt,
          });
    return {
      id: issued.userId as string,
      access_token: issued.accessToken,
      token_type: 'Bearer' as const,
      expires_in: issued.expiresIn,
      ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    };
  };
  // Before the body is read: an address that spent its budget is answered at once.
  const refuseSpent = (policy: RateLimitPolicy) => async (request: FastifyRequest) => {
    const appId = (request.params as { appID?: string }).appID ?? headerAppId(request);
    if (appId !== undefined) await core.rateLimits.refuseIfSpent(appId, policy, callOrigin(request));
  };
  api.post(
    '/oauth2/token',
    {
      schema: { ...tokenRoute.schema, operationId: 'issueToken' },
      config: { callers: 'credentials' },
      onRequest: refuseSpent('log_in'),
    },
    (request) => issueTokens(request, request.body, undefined),
  );
  api.post(
    '/apps/:appID/oauth2/token',
    {
      schema: { ...tokenRoute.schema, operationId: 'issueAppToken', params: AppParams },
      config: { callers: 'credentials' },
      onRequest: refuseSpent('log_in'),
    },
    (request) => issueTokens(request, request.body, request.params.appID),
  );

  api.post(
    '/apps/:appID/users',
    {
      schema: {
        tags,
        operationId: 'signUp',
        summary:
          'Sign up a user, or a pseudo user (RegistrationAndAuthorizationRequest / AnonymousUserRegistrationRequest)',
        security: appOrUser,
        description:
          "The content type chooses the body: a pseudo user's types take no identifier and no password. A password " +
          "must also be as long as the app's passwordMinLength asks (400 otherwise).",
        produces: [kiiMediaType('RegistrationResponse')],
        params: AppParams,
        body: { content: signUpBodies },
        response: { 201: KiiUser, ...errorResponses },
      },
      config: { callers: ['anonymous', 'user', 'admin'] },
      onRequest: refuseSpent('sign_up'),
      // Fastify validates a body only against the schema of its own content type: any other type is refused.
      preValidation: async (request) => {
        if (request.mediaType === undefined) throw invalidInput('body', 'is required');
        if (!(request.mediaType in signUpBodies)) throw unsupportedMediaType(request.mediaType);
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const input = userInputOf(request.body as Static<typeof UserBody>);
      let body: KiiUserBody;
      if (pseudoRegistration.test(request.headers['content-type'] ?? '')) {
        const { user, tokens } = await core.identity.signUpPseudo(principal, input);
        body = { ...presentKiiUser(user), _accessToken: tokens.accessToken };
      } else {
        body = presentKiiUser(await core.identity.signUp(principal, input));
      }
      return reply
        .status(201)
        .type(kiiType('RegistrationResponse'))
        .header('location', `/api/apps/${request.params.appID}/users/${body.userID}`)
        .send(body);
    },
  );

  api.get(
    '/apps/:appID/users/:userRef',
    {
      schema: {
        tags,
        operationId: 'getUser',
        summary: 'Read a user: me, by id, or by LOGIN_NAME:, EMAIL:, PHONE:',
        security: appOrUser,
        produces: [kiiMediaType('UserDataRetrievalResponse')],
        params: UserParams,
        response: { 200: KiiUser, ...errorResponses },
      },
      config: { callers: ['user', 'admin'] },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const view = await core.accounts.getUser(principal, parseUserRef(request.params.userRef));
      // The body is returned, not sent: an async handler that returns the reply has Fastify wait on it as a thenable
      // (listeners on the response, more turns of the microtask queue), a cost on the most frequent call.
      reply.type(kiiType('UserDataRetrievalResponse'));
      return presentKiiUserView(view);
    },
  );

  api.post(
    '/apps/:appID/users/:userRef',
    {
      schema: {
        tags,
        operationId: 'updateUser',
        summary: 'Update a user: given predefined fields change, custom fields are replaced wholesale',
        description:
          'A password may be set only on a user that has none, together with an identifier; an identifier may be ' +
          'set only on a user with a password (or with the password it gets now). Otherwise 400.',
        security: userOnly,
        consumes: [kiiMediaType('UserUpdateRequest'), 'application/json'],
        produces: [kiiMediaType('UserUpdateResponse')],
        params: TargetParams,
        body: UserBody,
        response: { 200: UpdateResponse, ...errorResponses },
      },
      config: { callers: ['user', 'admin'] },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const modifiedAt = await core.accounts.updateUser(
        principal,
        parseTarget(request.params.userRef),
        userInputOf(request.body),
      );
      reply.type(kiiType('UserUpdateResponse'));
      return { modifiedAt };
    },
  );

  api.delete(
    '/apps/:appID/users/:userRef',
    {
      schema: {
        tags,
        operationId: 'deleteUser',
        summary: 'Delete a user and end all its tokens',
        security: userOnly,
        params: TargetParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { callers: ['user', 'admin'] },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await core.identity.deleteUser(principal, parseTarget(request.params.userRef));
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/apps/:appID/users/:userRef/password',
    {
      schema: {
        tags,
        operationId: 'changePassword',
        summary: 'Change the password (the admin may omit oldPassword); every token of the user ends',
        description:
          "oldPassword is required of the user (400 without it); only the app's admin may leave it out. newPassword " +
          "must be as long as the app's passwordMinLength asks (400 otherwise).",
        security: userOnly,
        consumes: [kiiMediaType('ChangePasswordRequest'), 'application/json'],
        params: TargetParams,
        body: PasswordChange,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { callers: ['user', 'admin'] },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { oldPassword, newPassword } = request.body;
      await core.identity.changePassword(principal, parseTarget(request.params.userRef), oldPassword, newPassword);
      return reply.status(204).send(null);
    },
  );

  recoveryRoutes(app, core, refuseSpent);

  api.put(
    '/apps/:appID/users/:userRef/status',
    {
      schema: {
        tags,
        operationId: 'setUserStatus',
        summary: 'Disable or enable a user (admin); disabling ends its tokens',
        security: userOnly,
        consumes: [kiiMediaType('UserStatusUpdateRequest'), 'application/json'],
        params: TargetParams,
        body: StatusChange,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { callers: ['admin'] },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await core.identity.setDisabled(principal, parseTarget(request.params.userRef), request.body.disabled);
      return reply.status(204).send(null);
    },
  );
}

/** Kii's names of a user's addresses in paths, and the core's. */
const addressPaths = [
  { segment: 'email-address', kind: 'email', name: 'EmailAddress' },
  { segment: 'phone-number', kind: 'phone', name: 'PhoneNumber' },
] as const;

/**
 * Password reset and address verification as the official SDK sends them: a reset asked for (204 whether or not the
 * user exists) and completed with the PIN or link token that was sent; an address verified with its code, or its
 * verification sent again.
 */
function recoveryRoutes(app: FastifyInstance, core: Core, refuseSpent: (policy: RateLimitPolicy) => onRequest): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // The older `KiiUser.resetPassword` sends no body: that is a reset by email.
  const noBodyIsEmpty = async (request: FastifyRequest) => {
    if (request.body === undefined) request.body = {};
  };
  api.post(
    '/apps/:appID/users/:userRef/password/request-reset',
    {
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        ...optionalBody,
        summary:
          'Ask for a password reset: a link by email or SMS, or a PIN by SMS; 204 whether or not the user exists',
        security: appOrUser,
        consumes: [kiiMediaType('ResetPasswordRequest'), 'application/json'],
        params: ResetParams,
        body: ResetRequest,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { callers: ['anonymous', 'user', 'admin'] },
      onRequest: refuseSpent('recovery'),
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const { notificationMethod, smsResetMethod } = request.body ?? {};
      await core.recovery.requestPasswordReset(principalOf(request), request.params.userRef, {
        channel: notificationMethod === 'SMS' ? 'sms' : 'email',
        pin: smsResetMethod === 'PIN',
      });
      return reply.status(204).send(null);
    },
  );
  api.post(
    '/apps/:appID/users/:userRef/password/complete-reset',
    {
      schema: {
        tags,
        operationId: 'completePasswordReset',
        summary:
          'Set a new password with the PIN (or link token) that was sent; without newPassword one is generated and sent',
        security: appOrUser,
        consumes: [kiiMediaType('CompletePasswordResetRequest'), 'application/json'],
        params: ResetParams,
        body: CompleteResetRequest,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { callers: ['anonymous', 'user', 'admin'] },
      onRequest: refuseSpent('recovery'),
    },
    async (request, reply) => {
      const { pinCode, newPassword } = request.body;
      await core.recovery.completePasswordReset(principalOf(request), request.params.userRef, pinCode, newPassword);
      return reply.status(204).send(null);
    },
  );
  for (const address of addressPaths) {
    api.post(
      `/apps/:appID/users/:userRef/${address.segment}/verify`,
      {
        schema: {
          tags,
          operationId: `verify${address.name}`,
          summary: `Verify the user's ${address.kind === 'email' ? 'email address' : 'phone number'} with the code sent to it`,
          security: userOnly,
          consumes: [kiiMediaType('AddressVerificationRequest'), 'application/json'],
          params: UserParams,
          body: AddressVerificationRequest,
          response: { 204: Type.Null(), ...errorResponses },
        },
        config: { callers: ['user'] },
      },
      async (request, reply) => {
        await core.recovery.verifyAddress(
          principalOf(request),
          parseTarget(request.params.userRef),
          address.kind,
          request.body.verificationCode,
        );
        return reply.status(204).send(null);
      },
    );
    api.post(
      `/apps/:appID/users/:userRef/${address.segment}/resend-verification`,
      {
        schema: {
          tags,
          operationId: `resend${address.name}Verification`,
          summary: `Send the verification of the user's ${address.kind === 'email' ? 'email address' : 'phone number'} again`,
          security: userOnly,
          params: UserParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
        config: { callers: ['user', 'admin'] },
      },
      async (request, reply) => {
        await core.recovery.resendVerification(principalOf(request), parseTarget(request.params.userRef), address.kind);
        return reply.status(204).send(null);
      },
    );
  }
}

type onRequest = (request: FastifyRequest) => Promise<void>;

/** A Kii user body as the core takes it: the predefined fields, and every other key as a custom field. */
function userInputOf(body: Static<typeof UserBody>): SignUpInput {
  const { password, loginName, emailAddress, phoneNumber, displayName, country, locale } = body;
  return {
    password,
    loginName,
    emailAddress,
    phoneNumber,
    displayName,
    country,
    locale,
    customFields: customFieldsOf(body),
  };
}

function requireField(value: string | undefined, field: string): string {
  if (value === undefined) throw invalidInput(field, 'is required');
  return value;
}

/** `me`, `LOGIN_NAME:x`, `EMAIL:x`, `PHONE:x`, or an id. */
function parseUserRef(raw: string): UserRef {
  if (raw === 'me') return { kind: 'me' };
  const prefixed = /^(LOGIN_NAME|EMAIL|PHONE):(.+)$/s.exec(raw);
  if (!prefixed) return { kind: 'id', id: raw };
  const [, kind, value] = prefixed as unknown as [string, string, string];
  return { kind: kind === 'EMAIL' ? 'emailAddress' : kind === 'PHONE' ? 'phoneNumber' : 'loginName', value };
}

/** Changes name their target by `me` or id only. */
function parseTarget(raw: string): UserTarget {
  if (raw === 'me') return 'me';
  if (/^(LOGIN_NAME|EMAIL|PHONE):/.test(raw)) throw invalidInput('userID', 'changes name the user by me or by id');
  return { id: raw };
}
