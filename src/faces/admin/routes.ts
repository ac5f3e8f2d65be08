import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AuditAction } from '../../core/audit/audit.types.ts';
import { CoreError } from '../../core/errors.ts';
import type { NamedCatalogue } from '../../core/students/students.types.ts';
import { authorizeRoutes, principalOf } from '../../http/authorization.ts';
import { bearerToken } from '../../http/credentials.ts';
import type { Face, FaceOptions } from '../face.ts';
import { adminErrors, handleAdminError } from './errors.ts';
import {
  presentAdminUser,
  presentApp,
  presentAuditEvent,
  presentCredentialState,
  presentExport,
  presentIcon,
  presentJob,
  presentMessage,
  presentMessageTemplate,
  presentMovie,
  presentNamedOption,
  presentPreferenceOption,
  presentRatingsBody,
  presentRecommendationModel,
} from './present.ts';
import {
  Activity,
  ActivityQuery,
  AdminUser,
  AppBody,
  AuditPage,
  AuditQuery,
  adminSecurity,
  CatalogueItemParams,
  CatalogueListQuery,
  CountBody,
  CredentialStates,
  ExportDocument,
  HistoryIngest,
  IconPage,
  IconsUpsert,
  ImportStarted,
  IngestBody,
  JobBody,
  JobIdParams,
  JobListQuery,
  JobPage,
  LocksLifted,
  MessageTemplateBody,
  MessageTemplateList,
  MoviePage,
  MoviesUpsert,
  NamedOptionPage,
  NamedOptionsUpsert,
  OutboxPage,
  OutboxQuery,
  PinLockLifted,
  PreferenceOptionListQuery,
  PreferenceOptionPage,
  PreferenceOptionsUpsert,
  problemResponses,
  RatingsBodiesUpsert,
  RatingsBodyPage,
  RecommendationModelBody,
  RevokeResponse,
  RotatedAppKey,
  RotatedSecret,
  SendMessageBody,
  SentMessage,
  SettingsPatch,
  StatusBody,
  TemplateInputBody,
  TemplateParams,
  TrainingStarted,
  UserIdParams,
  UserListQuery,
  UserPage,
  UserPatchBody,
  UserPinState,
} from './schemas.ts';
import { adminSocialRoutes } from './social-routes.ts';

const tags = ['Admin API'];
const security = adminSecurity;

/** The admin API under `/admin/v1`: an app-admin token scopes every call to its app. */
/** An ISO 8601 time of a query (checked by the schema) as epoch ms. */
const epochOf = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

export const adminFace: Face = {
  name: 'Admin API',
  prefixes: ['/admin'],
  routePrefix: '/admin/v1',
  errors: adminErrors,
  handleError: handleAdminError,
  routes: adminRoutes,
};

async function adminRoutes(app: FastifyInstance, { core, bulkBodyLimitBytes }: FaceOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // One hook for the whole face: every call is the app admin's, refused before its body is read or anything runs.
  authorizeRoutes(
    app,
    async (request) => {
      const token = bearerToken(request);
      if (!token) throw new CoreError('unauthenticated', 'This call needs an app-admin bearer token');
      return core.sessions.authenticate(token, undefined);
    },
    { callers: ['admin'] },
  );

  api.get(
    '/app',
    {
      schema: {
        tags,
        security,
        operationId: 'getApp',
        summary: 'The app and its settings',
        response: { 200: AppBody, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentApp(await core.apps.getAppAsAdmin(principal));
    },
  );

  api.patch(
    '/app',
    {
      schema: {
        tags,
        security,
        operationId: 'updateAppSettings',
        description:
          'The settings as changed must agree: refreshTokenTtlSeconds no shorter than accessTokenTtlSeconds, ' +
          'logInLockAfterFailures no less than logInDelayAfterFailures (400 otherwise).',
        summary: 'Change some settings',
        body: SettingsPatch,
        response: { 200: AppBody, ...problemResponses },
      },
    },
    async (request) => presentApp(await core.apps.updateSettings(principalOf(request), request.body.settings)),
  );

  api.post(
    '/app/rotate-secret',
    {
      schema: {
        tags,
        security,
        operationId: 'rotateClientSecret',
        summary: 'A new admin client secret, shown once: the old one and every admin token (this one too) end',
        response: { 200: RotatedSecret, ...problemResponses },
      },
    },
    async (request) => core.apps.rotateClientSecretAsAdmin(principalOf(request)),
  );

  api.post(
    '/app/rotate-key',
    {
      schema: {
        tags,
        security,
        operationId: 'rotateAppKey',
        summary: 'A new app key, shown once: every client app must then send it (admin tokens and sessions stay)',
        response: { 200: RotatedAppKey, ...problemResponses },
      },
    },
    async (request) => ({ appKey: await core.apps.rotateAppKeyAsAdmin(principalOf(request)) }),
  );

  api.get(
    '/activity',
    {
      schema: {
        tags,
        security,
        operationId: 'getActivity',
        summary: 'Sign-ups and active users (a token issued that day, still stored) per UTC day, oldest first',
        querystring: ActivityQuery,
        response: { 200: Activity, ...problemResponses },
      },
    },
    async (request) => ({ items: await core.identity.activityPerDay(principalOf(request), request.query.days) }),
  );

  api.get(
    '/audit',
    {
      schema: {
        tags,
        security,
        operationId: 'listAuditEvents',
        description: '`to` must be later than `from` (400 otherwise).',
        summary: 'The audit log, newest first: who did what and when (keyset-paged; filters by user, action, time)',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problemResponses },
      },
    },
    async (request) => {
      const { userId, action, from, to, cursor, limit } = request.query;
      const page = await core.audit.list(
        principalOf(request),
        { userId, action: action as AuditAction | undefined, from: epochOf(from), to: epochOf(to) },
        { cursor, limit },
      );
      return { items: page.items.map(presentAuditEvent), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/users',
    {
      schema: {
        tags,
        security,
        operationId: 'listUsers',
        summary: 'List users, optionally by a prefix of login name, email, phone or display name (keyset-paged)',
        querystring: UserListQuery,
        response: { 200: UserPage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.accounts.listUsers(principalOf(request), request.query);
      return { items: page.items.map(presentAdminUser), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/users/:id',
    {
      schema: {
        tags,
        security,
        operationId: 'adminGetUser',
        summary: 'One user',
        params: UserIdParams,
        response: { 200: AdminUser, ...problemResponses },
      },
    },
    async (request) => presentAdminUser(await core.accounts.getUserAsAdmin(principalOf(request), request.params.id)),
  );

  api.patch(
    '/users/:id',
    {
      schema: {
        tags,
        security,
        operationId: 'adminUpdateUser',
        description: 'Identifiers must stay unique in the app (409); custom fields total at most 63 KB as JSON (400).',
        summary: 'Change some fields of a user, with the rules of its own update (custom fields are replaced whole)',
        params: UserIdParams,
        body: UserPatchBody,
        response: { 200: AdminUser, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await core.accounts.updateUserAsAdmin(principal, request.params.id, request.body);
      return presentAdminUser(await core.accounts.getUserAsAdmin(principal, request.params.id));
    },
  );

  api.delete(
    '/users/:id',
    {
      schema: {
        tags,
        security,
        operationId: 'adminDeleteUser',
        summary: 'Delete a user and everything it owns',
        params: UserIdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.identity.deleteUserAsAdmin(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/users/:id/status',
    {
      schema: {
        tags,
        security,
        operationId: 'adminSetUserStatus',
        summary: 'Disable or enable a user',
        params: UserIdParams,
        body: StatusBody,
        response: { 200: AdminUser, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await core.identity.setDisabled(principal, { id: request.params.id }, request.body.disabled);
      return presentAdminUser(await core.accounts.getUserAsAdmin(principal, request.params.id));
    },
  );

  api.delete(
    '/users/:id/pin',
    {
      schema: {
        tags,
        security,
        operationId: 'resetUserPin',
        summary: "Reset a user's parental PIN (the account sets a new one without the old)",
        params: UserIdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.households.resetPin(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/users/:id/pin',
    {
      schema: {
        tags,
        security,
        operationId: 'getUserPinState',
        summary: "A user's parental PIN: whether it is set, wrong attempts and the lock (never the PIN)",
        params: UserIdParams,
        response: { 200: UserPinState, ...problemResponses },
      },
    },
    async (request) => {
      const state = await core.households.pinStateOfUser(principalOf(request), request.params.id);
      return { ...state, lockedUntil: state.lockedUntil === null ? null : new Date(state.lockedUntil).toISOString() };
    },
  );

  api.post(
    '/users/:id/pin/unlock',
    {
      schema: {
        tags,
        security,
        operationId: 'liftUserPinLock',
        summary:
          "Lift a user's parental PIN lock and forget the wrong attempts, keeping the PIN (audited user.pin_unlocked)",
        params: UserIdParams,
        response: { 200: PinLockLifted, ...problemResponses },
      },
    },
    async (request) => ({ lifted: await core.households.liftPinLock(principalOf(request), request.params.id) }),
  );

  api.post(
    '/users/:id/revoke-tokens',
    {
      schema: {
        tags,
        security,
        operationId: 'revokeUserTokens',
        summary: 'End every token of a user',
        params: UserIdParams,
        response: { 200: RevokeResponse, ...problemResponses },
      },
    },
    async (request) => ({
      revoked: await core.sessions.revokeTokensOfUser(principalOf(request), request.params.id),
    }),
  );

  api.get(
    '/users/:id/export',
    {
      schema: {
        tags,
        security,
        operationId: 'exportUser',
        summary: 'Everything stored about a user, as one document',
        params: UserIdParams,
        response: { 200: ExportDocument, ...problemResponses },
      },
    },
    async (request) => presentExport(await core.accounts.exportUser(principalOf(request), request.params.id)),
  );

  api.get(
    '/jobs',
    {
      schema: {
        tags,
        security,
        operationId: 'listJobs',
        summary: "The app's background jobs, newest first (keyset-paged), with progress, errors and attempts",
        querystring: JobListQuery,
        response: { 200: JobPage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.jobs.listJobs(principalOf(request), request.query);
      return { items: page.items.map(presentJob), nextCursor: page.nextCursor };
    },
  );

  api.post(
    '/jobs/:id/retry',
    {
      schema: {
        tags,
        security,
        operationId: 'retryJob',
        description: 'Only a failed job can be retried (409 otherwise).',
        summary: 'Run a failed job again, with all its attempts (audited as job.retried)',
        params: JobIdParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.jobs.retryJob(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/users/:id/credentials',
    {
      schema: {
        tags,
        security,
        operationId: 'getUserCredentialState',
        summary: "A user's log-in failures and locks: the account's own record and one per address",
        params: UserIdParams,
        response: { 200: CredentialStates, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      // An unknown user (or another app's) is a 404, not an empty list.
      await core.accounts.getUserAsAdmin(principal, request.params.id);
      const states = await core.credentialThrottle.credentialStateOfUser(principal, request.params.id);
      return { items: states.map(presentCredentialState) };
    },
  );

  api.post(
    '/users/:id/unlock',
    {
      schema: {
        tags,
        security,
        operationId: 'liftUserLocks',
        summary:
          "Lift a user's log-in locks and forget their failures, on every instance (audited credentials.unlocked)",
        params: UserIdParams,
        response: { 200: LocksLifted, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await core.accounts.getUserAsAdmin(principal, request.params.id);
      return { lifted: await core.credentialThrottle.liftLocksOfUser(principal, request.params.id) };
    },
  );

  api.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        security,
        operationId: 'getJob',
        summary: 'A background job of the app: its status, progress and outcome',
        params: JobIdParams,
        response: { 200: JobBody, ...problemResponses },
      },
    },
    async (request) => presentJob(await core.jobs.getJob(principalOf(request), request.params.id)),
  );

  const messagingTags = ['Admin API: messages'];

  api.post(
    '/users/:id/messages',
    {
      schema: {
        tags: messagingTags,
        security,
        operationId: 'sendUserMessage',
        summary: 'Send a user a password reset link or a verification of an address; delivered in the background',
        params: UserIdParams,
        body: SendMessageBody,
        response: { 202: SentMessage, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { message, channel } = request.body;
      const messageId = await core.recovery.sendAsAdmin(principalOf(request), request.params.id, message, channel);
      return reply.status(202).send({ messageId });
    },
  );

  api.get(
    '/outbox',
    {
      schema: {
        tags: messagingTags,
        security,
        operationId: 'listOutbox',
        summary: "The app's messages, newest first: waiting, sent, failed, and held (no transport configured)",
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...problemResponses },
      },
    },
    async (request) => {
      const { status, userId, cursor, limit } = request.query;
      const page = await core.messaging.listMessages(principalOf(request), { status, userId }, { cursor, limit });
      return { items: page.items.map(presentMessage), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/message-templates',
    {
      schema: {
        tags: messagingTags,
        security,
        operationId: 'listMessageTemplates',
        summary: "The app's own message templates (kinds and locales without one use the English defaults)",
        response: { 200: MessageTemplateList, ...problemResponses },
      },
    },
    async (request) => ({
      items: (await core.messaging.listTemplates(principalOf(request))).map(presentMessageTemplate),
    }),
  );

  api.put(
    '/message-templates/:kind/:locale',
    {
      schema: {
        tags: messagingTags,
        security,
        operationId: 'saveMessageTemplate',
        summary: 'Set the wording of one kind of message in one locale',
        params: TemplateParams,
        body: TemplateInputBody,
        response: { 200: MessageTemplateBody, ...problemResponses },
      },
    },
    async (request) =>
      presentMessageTemplate(
        await core.messaging.saveTemplate(
          principalOf(request),
          request.params.kind,
          request.params.locale,
          request.body,
        ),
      ),
  );

  api.delete(
    '/message-templates/:kind/:locale',
    {
      schema: {
        tags: messagingTags,
        security,
        operationId: 'deleteMessageTemplate',
        summary: "Delete the app's template: that locale falls back to the language's, then English",
        params: TemplateParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.messaging.deleteTemplate(principalOf(request), request.params.kind, request.params.locale);
      return reply.status(204).send(null);
    },
  );

  const catalogueTags = ['Admin API: catalogues'];

  api.put(
    '/preference-options',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'upsertPreferenceOptions',
        description:
          'Ids, and labels within a category, must not repeat in a batch nor belong to another option (400).',
        summary: 'Insert or update preference options, all or none (an item without id matches category and label)',
        body: PreferenceOptionsUpsert,
        response: { 200: CountBody, ...problemResponses },
      },
    },
    async (request) => ({
      count: await core.preferences.upsertOptions(principalOf(request), request.body.items),
    }),
  );

  api.post(
    '/preference-options/import',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'importPreferenceOptions',
        description:
          'Checked at once as `PUT /admin/v1/preference-options` checks a batch (400, no job); a label another option ' +
          'of its category holds is found by the job, which then fails saying so.',
        summary: 'Insert or update preference options, all or none, in a background job',
        body: PreferenceOptionsUpsert,
        response: { 202: ImportStarted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const jobId = await core.preferences.startOptionsImport(principalOf(request), request.body.items);
      return reply.status(202).send({ jobId });
    },
  );

  api.get(
    '/preference-options',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'listPreferenceOptions',
        summary: 'List preference options in id order (keyset-paged), of one category when given',
        querystring: PreferenceOptionListQuery,
        response: { 200: PreferenceOptionPage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.preferences.listOptions(principalOf(request), request.query);
      return { items: page.items.map(presentPreferenceOption), nextCursor: page.nextCursor };
    },
  );

  api.delete(
    '/preference-options/:id',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'deletePreferenceOption',
        summary: "Delete a preference option and every user's value for it",
        params: CatalogueItemParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.preferences.deleteOption(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const namedCatalogues: [path: string, catalogue: NamedCatalogue, noun: string, one: string, many: string][] = [
    ['/schools', 'schools', 'schools', 'School', 'Schools'],
    ['/study-levels', 'study_levels', 'study levels', 'StudyLevel', 'StudyLevels'],
  ];
  for (const [path, catalogue, noun, one, many] of namedCatalogues) {
    api.put(
      path,
      {
        schema: {
          tags: catalogueTags,
          security,
          operationId: `upsert${many}`,
          description: 'Ids must not repeat in a batch (400).',
          summary: `Insert or rename ${noun}, all or none (an item without id matches the name)`,
          body: NamedOptionsUpsert,
          response: { 200: CountBody, ...problemResponses },
        },
      },
      async (request) => ({
        count: await core.students.upsertOptions(principalOf(request), catalogue, request.body.items),
      }),
    );

    api.post(
      `${path}/import`,
      {
        schema: {
          tags: catalogueTags,
          security,
          operationId: `import${many}`,
          description: `Checked at once as \`PUT /admin/v1${path}\` checks a batch (400, no job); the job applies it in one transaction.`,
          summary: `Insert or rename ${noun}, all or none, in a background job`,
          body: NamedOptionsUpsert,
          response: { 202: ImportStarted, ...problemResponses },
        },
      },
      async (request, reply) => {
        const jobId = await core.students.startOptionsImport(principalOf(request), catalogue, request.body.items);
        return reply.status(202).send({ jobId });
      },
    );

    api.get(
      path,
      {
        schema: {
          tags: catalogueTags,
          security,
          operationId: `list${many}`,
          summary: `List ${noun} in id order (keyset-paged)`,
          querystring: CatalogueListQuery,
          response: { 200: NamedOptionPage, ...problemResponses },
        },
      },
      async (request) => {
        const page = await core.students.listOptions(principalOf(request), catalogue, request.query);
        return { items: page.items.map(presentNamedOption), nextCursor: page.nextCursor };
      },
    );

    api.delete(
      `${path}/:id`,
      {
        schema: {
          tags: catalogueTags,
          security,
          operationId: `delete${one}`,
          summary: `Delete one of the ${noun} (refused while student information names it)`,
          params: CatalogueItemParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await core.students.deleteOption(principalOf(request), catalogue, request.params.id);
        return reply.status(204).send(null);
      },
    );
  }

  api.put(
    '/ratings-bodies',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'upsertRatingsBodies',
        description: 'Ids must not repeat in a batch (400); a rating that movies carry cannot be dropped (409).',
        summary: 'Insert or replace ratings bodies with their ratings, mildest first (all or none)',
        body: RatingsBodiesUpsert,
        response: { 200: CountBody, ...problemResponses },
      },
    },
    async (request) => ({
      count: await core.movies.upsertRatingsBodies(principalOf(request), request.body.items),
    }),
  );

  api.get(
    '/ratings-bodies',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'listRatingsBodies',
        summary: 'List ratings bodies in id order (keyset-paged)',
        querystring: CatalogueListQuery,
        response: { 200: RatingsBodyPage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.movies.listRatingsBodies(principalOf(request), request.query);
      return { items: page.items.map(presentRatingsBody), nextCursor: page.nextCursor };
    },
  );

  api.delete(
    '/ratings-bodies/:id',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'deleteRatingsBody',
        summary: 'Delete a ratings body (refused while a movie is rated by it)',
        params: CatalogueItemParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.movies.deleteRatingsBody(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const movieTags = ['Admin API: movies and history'];

  api.put(
    '/movies',
    {
      bodyLimit: bulkBodyLimitBytes,
      schema: {
        tags: movieTags,
        security,
        operationId: 'upsertMovies',
        description:
          'Ids must not repeat in a batch; each rating must be one of its ratings body, a body of the app (400).',
        summary: 'Insert or replace up to 10,000 movies: checked whole, then written in chunks',
        body: MoviesUpsert,
        response: { 200: CountBody, ...problemResponses },
      },
    },
    async (request) => ({ count: await core.movies.upsertMovies(principalOf(request), request.body.items) }),
  );

  api.post(
    '/movies/import',
    {
      bodyLimit: bulkBodyLimitBytes,
      schema: {
        tags: movieTags,
        security,
        operationId: 'importMovies',
        description:
          'Checked whole at once as `PUT /admin/v1/movies` checks it (400 naming every bad item, and no job starts).',
        summary: 'Insert or replace up to 10,000 movies in a background job that reports its progress',
        body: MoviesUpsert,
        response: { 202: ImportStarted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const jobId = await core.movies.startMovieImport(principalOf(request), request.body.items);
      return reply.status(202).send({ jobId });
    },
  );

  api.get(
    '/movies',
    {
      schema: {
        tags: movieTags,
        security,
        operationId: 'listMovies',
        summary: 'List movies in id order (keyset-paged)',
        querystring: CatalogueListQuery,
        response: { 200: MoviePage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.movies.listMovies(principalOf(request), request.query);
      return { items: page.items.map(presentMovie), nextCursor: page.nextCursor };
    },
  );

  api.delete(
    '/movies/:id',
    {
      schema: {
        tags: movieTags,
        security,
        operationId: 'deleteMovie',
        summary: "Delete a movie (refused while it is in someone's history)",
        params: CatalogueItemParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.movies.deleteMovie(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/history',
    {
      bodyLimit: bulkBodyLimitBytes,
      schema: {
        tags: movieTags,
        security,
        operationId: 'ingestHistory',
        description:
          'Every userId must be a user of the app and every movieId a movie of the app (400 naming each item).',
        summary: 'Ingest up to 100,000 viewings, idempotent on user, movie and time: checked whole, written in chunks',
        body: HistoryIngest,
        response: { 200: IngestBody, ...problemResponses },
      },
    },
    async (request) => core.history.ingest(principalOf(request), request.body.items),
  );

  const recommenderTags = ['Admin API: recommendations'];

  api.post(
    '/recommendations/train',
    {
      schema: {
        tags: recommenderTags,
        security,
        operationId: 'trainRecommender',
        summary: "Start a training of the app's recommender model now; answers at once with the job",
        response: { 202: TrainingStarted, ...problemResponses },
      },
    },
    async (request, reply) => {
      const jobId = await core.recommendations.requestTraining(principalOf(request));
      return reply.status(202).send({ jobId });
    },
  );

  api.get(
    '/recommendations/model',
    {
      schema: {
        tags: recommenderTags,
        security,
        operationId: 'getRecommenderModel',
        summary: "The app's newest recommender model: version, algorithm, parameters, size, times, offline metrics",
        response: { 200: RecommendationModelBody, ...problemResponses },
      },
    },
    async (request) => presentRecommendationModel(await core.recommendations.newestModel(principalOf(request))),
  );

  api.put(
    '/icons',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'upsertIcons',
        description: 'Ids must not repeat in a batch (400).',
        summary: 'Insert or update profile icons (all or none)',
        body: IconsUpsert,
        response: { 200: CountBody, ...problemResponses },
      },
    },
    async (request) => ({ count: await core.icons.upsertIcons(principalOf(request), request.body.items) }),
  );

  api.get(
    '/icons',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'listIcons',
        summary: 'List profile icons in id order (keyset-paged)',
        querystring: CatalogueListQuery,
        response: { 200: IconPage, ...problemResponses },
      },
    },
    async (request) => {
      const page = await core.icons.listIcons(principalOf(request), request.query);
      return { items: page.items.map(presentIcon), nextCursor: page.nextCursor };
    },
  );

  api.delete(
    '/icons/:id',
    {
      schema: {
        tags: catalogueTags,
        security,
        operationId: 'deleteIcon',
        summary: 'Delete a profile icon',
        params: CatalogueItemParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await core.icons.deleteIcon(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  await adminSocialRoutes(app, { core, bulkBodyLimitBytes, principalOf });
}
