import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { CoreError } from '../../core/errors.ts';
import { authorizeRoutes } from '../../http/authorization.ts';
import { callOrigin } from '../../http/call-origin.ts';
import { component } from '../../http/openapi.ts';
import type { Face, FaceOptions } from '../face.ts';
import { handleLinkError, linkErrors } from './errors.ts';
import { resetDonePage, resetFormPage, verifiedPage } from './pages.ts';

const tags = ['Links'];

/** Every page is HTML: a named string so the document says so for each status. */
const LinkPage = component(
  'LinkPage',
  Type.String({ description: 'A small HTML page saying what happened (or the reset form)' }),
  { mediaTypes: () => ['text/html'] },
);

const pageResponses = { 200: LinkPage, 400: LinkPage, 404: LinkPage, 429: LinkPage, 503: LinkPage } as const;

const LinkParams = Type.Object({
  appID: Type.String({ minLength: 1, maxLength: 64 }),
  token: Type.String({ minLength: 1, maxLength: 200, description: 'The code id and secret the message carried' }),
});

const ResetForm = Type.Object(
  { newPassword: Type.String({ maxLength: 200 }) },
  { additionalProperties: false, description: 'The reset page’s form' },
);

/**
 * The links in messages (`PUBLIC_URL/links/...`): Persona's own small HTML pages, so that a user verifies an address
 * or resets a password from an email without any app. The link's token is the credential: no other is asked. A
 * reset link's GET only shows the form (mail scanners open links); the password changes when the form is sent.
 */
export const linksFace: Face = {
  name: 'Links',
  prefixes: ['/links'],
  routePrefix: '/links',
  errors: linkErrors,
  handleError: handleLinkError,
  routes: linkRoutes,
};

/** Pages with a token in their address: never cached, never sent on as a referrer, never framed. */
function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(body);
}

async function linkRoutes(app: FastifyInstance, { core }: FaceOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  authorizeRoutes(app, async () => {
    throw new CoreError('unauthenticated', 'A link carries its own credential');
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  });

  api.get(
    '/:appID/verify/:token',
    {
      schema: {
        tags,
        operationId: 'openVerificationLink',
        summary: 'Confirm the email address a verification link was sent to',
        security: [],
        produces: ['text/html'],
        params: LinkParams,
        response: pageResponses,
      },
      config: { callers: 'credentials' },
    },
    async (request, reply) => {
      const outcome = await core.recovery.verifyByLink(request.params.appID, request.params.token, callOrigin(request));
      return html(reply, 200, verifiedPage(outcome.appName, outcome.address));
    },
  );

  api.get(
    '/:appID/reset/:token',
    {
      schema: {
        tags,
        operationId: 'openResetLink',
        summary: 'The form to choose a new password (opening it changes nothing)',
        security: [],
        produces: ['text/html'],
        params: LinkParams,
        response: pageResponses,
      },
      config: { callers: 'credentials' },
    },
    async (request, reply) => {
      const outcome = await core.recovery.inspectResetLink(
        request.params.appID,
        request.params.token,
        callOrigin(request),
      );
      return html(reply, 200, resetFormPage(outcome.appName, outcome.passwordMinLength));
    },
  );

  api.post(
    '/:appID/reset/:token',
    {
      schema: {
        tags,
        operationId: 'submitResetLink',
        summary: "Set the new password the reset page's form sends; every token of the user ends",
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/html'],
        params: LinkParams,
        body: ResetForm,
        response: pageResponses,
      },
      config: { callers: 'credentials' },
    },
    async (request, reply) => {
      const { appID, token } = request.params;
      const origin = callOrigin(request);
      try {
        const outcome = await core.recovery.resetByLink(appID, token, request.body.newPassword, origin);
        return html(reply, 200, resetDonePage(outcome.appName));
      } catch (error) {
        const refusedPassword =
          error instanceof CoreError && ['password_too_short', 'password_invalid'].includes(error.code);
        if (!refusedPassword) throw error;
        const form = await core.recovery.inspectResetLink(appID, token, origin);
        return html(reply, 400, resetFormPage(form.appName, form.passwordMinLength, error.message));
      }
    },
  );
}
