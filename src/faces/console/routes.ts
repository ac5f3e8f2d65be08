import { readFileSync } from 'node:fs';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { UserUpdate } from '../../core/accounts/accounts.types.ts';
import { type AppSettings, settingRanges } from '../../core/apps/apps.types.ts';
import { type AuditAction, auditActions } from '../../core/audit/audit.types.ts';
import { CoreError } from '../../core/errors.ts';
import type { Movie } from '../../core/movies/movies.types.ts';
import { authorizeRoutes, principalOf } from '../../http/authorization.ts';
import { callOrigin } from '../../http/call-origin.ts';
import type { Face, FaceOptions } from '../face.ts';
import {
  parseIconFile,
  parseMovieFile,
  parseNamedFile,
  parseOptionFile,
  parseRatingsBodyFile,
  readableProblems,
} from './catalogue-files.ts';
import { consoleErrors, handleConsoleError } from './errors.ts';
import {
  appKeyRotatedPage,
  auditPage,
  cataloguesPage,
  confirmationOf,
  confirmDeletePage,
  dashboardPage,
  type ItemField,
  itemFormPage,
  jobPage,
  jobStatusLine,
  jobsPage,
  movieEditPage,
  movieFormFields,
  type Notice,
  notices,
  type SessionView,
  secretRotatedPage,
  securityHeaders,
  sendPage,
  settingLabels,
  settingsPage,
  signInPage,
  userName,
  userPage,
  userResults,
  usersPage,
} from './pages.ts';
import { checkCsrfToken, checkSameOrigin, clearSession, csrfTokenOf, sessionToken, setSession } from './session.ts';

/**
 * The admin console under `/console`: server-rendered pages for an app's administrator, signed in with the app's
 * client id and secret. It is a face like the others: every page and action calls the same core services as the
 * admin API, with the admin principal the session's token proves, so the core decides and audits each one. Its
 * routes are hidden from /openapi.json: they are pages, not an API.
 */
export const consoleFace: Face = {
  name: 'Console',
  prefixes: ['/console'],
  routePrefix: '/console',
  errors: consoleErrors,
  handleError: handleConsoleError,
  routes: consoleRoutes,
};

/** The files the pages load, read once: the stylesheet and the search-as-you-type script. */
const staticFiles: ReadonlyMap<string, { type: string; body: Buffer }> = new Map(
  (
    [
      ['console.css', 'text/css; charset=utf-8'],
      ['console.js', 'text/javascript; charset=utf-8'],
    ] as const
  ).map(([name, type]) => [name, { type, body: readFileSync(new URL(`./static/${name}`, import.meta.url)) }]),
);

const hidden = { hide: true } as const;
/** An uploaded catalogue file may be this large (10,000 movies with long lists fit). */
const uploadLimitBytes = 16 * 1024 * 1024;
const text = (maxLength: number) => Type.String({ maxLength });
/** A form as browsers send it: flat strings; the form token travels with every change. */
const formOf = <T extends Record<string, ReturnType<typeof text>>>(fields: T) =>
  Type.Object({ _csrf: Type.Optional(text(200)), ...fields }, { additionalProperties: false });
const UserParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const NoticeQuery = Type.Object({ notice: Type.Optional(text(40)) });
const noticeOf = (key: string | undefined) =>
  key !== undefined && key in notices ? notices[key as Notice] : undefined;

async function consoleRoutes(app: FastifyInstance, { core, traffic }: FaceOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // Before anything else, a change sent from another origin's page is refused, signed in or not.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') checkSameOrigin(request);
  });
  authorizeRoutes(
    app,
    async (request) => {
      const token = sessionToken(request);
      if (!token) throw new CoreError('unauthenticated', 'Sign in to the console first');
      return core.sessions.authenticate(token, undefined);
    },
    { callers: ['admin'] },
  );
  // Every change of a signed-in session carries the session's form token: a page elsewhere cannot know it.
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    if (request.routeOptions.config.callers === 'credentials') return;
    checkCsrfToken(sessionToken(request) ?? '', (request.body as { _csrf?: unknown } | undefined)?._csrf);
  });
  app.addHook('onSend', async (_request, reply) => {
    securityHeaders(reply);
  });
  // File uploads (the console's only multipart form), parsed by the runtime's own `FormData`; files are read as text.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: uploadLimitBytes },
    async (request: FastifyRequest, body: Buffer) => {
      const contentType = request.headers['content-type'] ?? '';
      let form: FormData;
      try {
        form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      } catch {
        throw Object.assign(new Error('The form could not be read'), { statusCode: 400 });
      }
      const fields: Record<string, string> = {};
      for (const [name, value] of form) fields[name] = typeof value === 'string' ? value : await value.text();
      return fields;
    },
  );

  const sessionOf = (request: FastifyRequest, section: SessionView['section']): SessionView => {
    const principal = principalOf(request);
    if (principal.kind !== 'admin') throw new CoreError('forbidden', 'Only the app admin may use the console');
    return { csrf: csrfTokenOf(sessionToken(request) ?? ''), clientId: principal.clientId, section };
  };
  const seeOther = (reply: FastifyReply, location: string) => reply.status(303).header('location', location).send();
  const userUrl = (id: string, notice?: Notice) =>
    `/console/users/${encodeURIComponent(id)}${notice ? `?notice=${notice}` : ''}`;

  api.get('/static/:file', {
    schema: { ...hidden, params: Type.Object({ file: Type.String({ maxLength: 40 }) }) },
    config: { callers: 'credentials' },
    handler: async (request, reply) => {
      const file = staticFiles.get(request.params.file);
      if (!file) throw Object.assign(new Error('No such file'), { statusCode: 404 });
      return reply.type(file.type).send(file.body);
    },
  });

  api.get('/', { schema: hidden }, async (_request, reply) => seeOther(reply, '/console/users'));

  api.get('/sign-in', { schema: hidden, config: { callers: 'credentials' } }, async (_request, reply) =>
    sendPage(reply, 200, signInPage()),
  );

  api.post(
    '/sign-in',
    {
      schema: { ...hidden, body: formOf({ client_id: text(200), client_secret: text(200) }) },
      config: { callers: 'credentials' },
    },
    async (request, reply) => {
      const { client_id: clientId, client_secret: clientSecret } = request.body;
      try {
        const issued = await core.sessions.issueAdminToken(clientId, clientSecret, { origin: callOrigin(request) });
        setSession(request, reply, issued.accessToken, issued.expiresIn);
        return seeOther(reply, '/console/users');
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        if (error.code === 'invalid_grant') {
          traffic.logInFailed();
          return sendPage(reply, 401, signInPage('The client id or secret is not right.', clientId));
        }
        if (error.code === 'too_many_attempts' || error.code === 'rate_limited') {
          return sendPage(reply, 429, signInPage(error.message, clientId));
        }
        throw error;
      }
    },
  );

  api.post('/sign-out', { schema: { ...hidden, body: formOf({}) } }, async (request, reply) => {
    await core.sessions.endSession(principalOf(request));
    clearSession(request, reply);
    return seeOther(reply, '/console/sign-in');
  });

  api.get(
    '/users',
    {
      schema: {
        ...hidden,
        querystring: Type.Object({
          q: Type.Optional(text(320)),
          cursor: Type.Optional(text(200)),
          fragment: Type.Optional(text(1)),
          notice: Type.Optional(text(40)),
        }),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request, 'users');
      const query = (request.query.q ?? '').trim();
      const page = await core.accounts.listUsers(principalOf(request), {
        query: query === '' ? undefined : query,
        cursor: request.query.cursor,
        limit: 20,
      });
      const view = { query, users: page.items, nextCursor: page.nextCursor, notice: noticeOf(request.query.notice) };
      if (request.query.fragment === '1') return sendPage(reply, 200, userResults(view));
      return sendPage(reply, 200, usersPage(view, session));
    },
  );

  const showUser = async (request: FastifyRequest, userId: string, messages: { notice?: string; problem?: string }) => {
    const principal = principalOf(request);
    const [exported, audit, credentials, pin] = await Promise.all([
      core.accounts.exportUser(principal, userId),
      core.audit.list(principal, { userId }, { limit: 20 }),
      core.credentialThrottle.credentialStateOfUser(principal, userId),
      core.households.pinStateOfUser(principal, userId),
    ]);
    return userPage(
      {
        user: exported.user,
        tokens: exported.tokens,
        profiles: exported.profiles,
        preferences: exported.preferences.map((p) => ({
          label: p.option.label,
          category: p.option.category,
          value: p.value,
        })),
        history: [...exported.history].sort((a, b) => b.watchedAt - a.watchedAt),
        audit: audit.items,
        credentials,
        pin,
        ...messages,
      },
      sessionOf(request, 'users'),
    );
  };

  api.get(
    '/users/:id',
    { schema: { ...hidden, params: UserParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const notice = noticeOf(request.query.notice);
      return sendPage(reply, 200, await showUser(request, request.params.id, notice ? { notice } : {}));
    },
  );

  api.get('/users/:id/export', { schema: { ...hidden, params: UserParams } }, async (request, reply) => {
    const exported = await core.accounts.exportUser(principalOf(request), request.params.id);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="user-${exported.user.id.replace(/[^\w-]/g, '')}.json"`)
      .send(JSON.stringify(exported, null, 2));
  });

  const userAction = (
    path: string,
    act: (request: FastifyRequest, userId: string) => Promise<unknown>,
    notice: Notice,
  ) =>
    api.post(path, { schema: { ...hidden, params: UserParams, body: formOf({}) } }, async (request, reply) => {
      await act(request, request.params.id);
      return seeOther(reply, userUrl(request.params.id, notice));
    });
  userAction(
    '/users/:id/disable',
    (request, id) => core.identity.setDisabled(principalOf(request), { id }, true),
    'disabled',
  );
  userAction(
    '/users/:id/enable',
    (request, id) => core.identity.setDisabled(principalOf(request), { id }, false),
    'enabled',
  );
  userAction(
    '/users/:id/revoke-sessions',
    (request, id) => core.sessions.revokeTokensOfUser(principalOf(request), id),
    'revoked',
  );
  userAction(
    '/users/:id/lift-locks',
    async (request, id) => {
      // The user must be of this app: an unknown id is a 404 page, not an audit entry about nobody.
      await core.accounts.getUserAsAdmin(principalOf(request), id);
      return core.credentialThrottle.liftLocksOfUser(principalOf(request), id);
    },
    'unlocked',
  );
  userAction('/users/:id/reset-pin', (request, id) => core.households.resetPin(principalOf(request), id), 'pin-reset');
  userAction(
    '/users/:id/lift-pin-lock',
    (request, id) => core.households.liftPinLock(principalOf(request), id),
    'pin-unlocked',
  );

  const editable = ['displayName', 'emailAddress', 'phoneNumber', 'country', 'locale'] as const;
  api.post(
    '/users/:id/edit',
    {
      schema: {
        ...hidden,
        params: UserParams,
        body: formOf(Object.fromEntries(editable.map((field) => [field, Type.Optional(text(320))]))),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const userId = request.params.id;
      const user = await core.accounts.getUserAsAdmin(principal, userId);
      const body = request.body as Partial<Record<(typeof editable)[number], string>>;
      // Only what was changed is sent, and an emptied field is left as it was (the admin API clears none either).
      const update: UserUpdate = {};
      for (const field of editable) {
        const value = body[field]?.trim();
        if (value && value !== (user[field] ?? '')) update[field] = value;
      }
      if (Object.keys(update).length === 0) return seeOther(reply, userUrl(userId));
      try {
        await core.accounts.updateUserAsAdmin(principal, userId, update);
      } catch (error) {
        if (!(error instanceof CoreError) || consoleErrors[error.code].status >= 500) throw error;
        const status = consoleErrors[error.code].status;
        return sendPage(reply, status, await showUser(request, userId, { problem: `Not saved: ${error.message}` }));
      }
      return seeOther(reply, userUrl(userId, 'updated'));
    },
  );

  api.post(
    '/users/:id/delete',
    { schema: { ...hidden, params: UserParams, body: formOf({ confirm: text(320) }) } },
    async (request, reply) => {
      const principal = principalOf(request);
      const userId = request.params.id;
      const user = await core.accounts.getUserAsAdmin(principal, userId);
      if (request.body.confirm.trim() !== confirmationOf(user)) {
        const problem = `Not deleted: type ${confirmationOf(user)} to confirm the deletion of ${userName(user)}.`;
        return sendPage(reply, 400, await showUser(request, userId, { problem }));
      }
      await core.identity.deleteUserAsAdmin(principal, userId);
      return seeOther(reply, '/console/users?notice=deleted');
    },
  );

  api.get(
    '/audit',
    {
      schema: {
        ...hidden,
        querystring: Type.Object({
          userId: Type.Optional(text(64)),
          action: Type.Optional(text(64)),
          from: Type.Optional(text(40)),
          to: Type.Optional(text(40)),
          cursor: Type.Optional(text(200)),
        }),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request, 'audit');
      const { cursor } = request.query;
      const filter = {
        userId: request.query.userId?.trim() ?? '',
        action: request.query.action ?? '',
        from: request.query.from ?? '',
        to: request.query.to ?? '',
      };
      const page = await core.audit.list(
        principalOf(request),
        {
          userId: filter.userId || undefined,
          action: (filter.action || undefined) as AuditAction | undefined,
          from: timeOf('from', filter.from),
          to: timeOf('to', filter.to),
        },
        { cursor, limit: 25 },
      );
      return sendPage(
        reply,
        200,
        auditPage({ filter, actions: auditActions, events: page.items, nextCursor: page.nextCursor }, session),
      );
    },
  );

  /** Each catalogue the admin API loads: how to list a page of it, show a row, delete an item. */
  const catalogues: Record<
    string,
    {
      title: string;
      headings: string[];
      list: (request: FastifyRequest, cursor: string | undefined) => Promise<CataloguePage>;
      remove: (request: FastifyRequest, id: string) => Promise<void>;
    }
  > = {
    'preference-options': {
      title: 'Preference options',
      headings: ['Label', 'Category', 'Attribute'],
      list: async (request, cursor) =>
        pageOf(
          await core.preferences.listOptions(principalOf(request), { cursor, limit: 20 }),
          (o) => [o.label, o.category, o.attribute ?? '—'],
          (o) => ({ category: o.category, label: o.label, attribute: o.attribute ?? '', position: String(o.position) }),
        ),
      remove: (request, id) => core.preferences.deleteOption(principalOf(request), id),
    },
    schools: {
      title: 'Schools',
      headings: ['Name'],
      list: async (request, cursor) =>
        pageOf(
          await core.students.listOptions(principalOf(request), 'schools', { cursor, limit: 20 }),
          (o) => [o.name],
          (o) => ({ name: o.name }),
        ),
      remove: (request, id) => core.students.deleteOption(principalOf(request), 'schools', id),
    },
    'study-levels': {
      title: 'Study levels',
      headings: ['Name'],
      list: async (request, cursor) =>
        pageOf(
          await core.students.listOptions(principalOf(request), 'study_levels', { cursor, limit: 20 }),
          (o) => [o.name],
          (o) => ({ name: o.name }),
        ),
      remove: (request, id) => core.students.deleteOption(principalOf(request), 'study_levels', id),
    },
    'ratings-bodies': {
      title: 'Ratings bodies',
      headings: ['Name', 'Ratings'],
      list: async (request, cursor) =>
        pageOf(
          await core.movies.listRatingsBodies(principalOf(request), { cursor, limit: 20 }),
          (b) => [b.name, b.ratings.join(', ')],
          (b) => ({ name: b.name, ratings: b.ratings.join('\n') }),
        ),
      remove: (request, id) => core.movies.deleteRatingsBody(principalOf(request), id),
    },
    movies: {
      title: 'Movies',
      headings: ['Title', 'Year'],
      list: async (request, cursor) =>
        pageOf(await core.movies.listMovies(principalOf(request), { cursor, limit: 20 }), (m) => [
          m.title,
          String(m.year),
        ]),
      remove: (request, id) => core.movies.deleteMovie(principalOf(request), id),
    },
    icons: {
      title: 'Icons',
      headings: ['Image', 'Aspect', 'URI'],
      list: async (request, cursor) =>
        pageOf(
          await core.icons.listIcons(principalOf(request), { cursor, limit: 20 }),
          (i) => [i.imageId, i.aspect, i.uri],
          (i) => ({ uri: i.uri, aspect: i.aspect, imageId: i.imageId }),
        ),
      remove: (request, id) => core.icons.deleteIcon(principalOf(request), id),
    },
  };
  const catalogueKinds = Object.entries(catalogues).map(([kind, { title }]) => ({ kind, title }));
  const showCatalogue = async (
    request: FastifyRequest,
    kind: string,
    cursor: string | undefined,
    messages: { notice?: string | undefined; problem?: string | undefined; uploadProblems?: readonly string[] },
  ) => {
    const catalogue = catalogues[kind];
    if (!catalogue) throw Object.assign(new Error('No such catalogue'), { statusCode: 404 });
    const page = await catalogue.list(request, cursor);
    return cataloguesPage(
      {
        kinds: catalogueKinds,
        kind,
        title: catalogue.title,
        headings: catalogue.headings,
        editable: kind === 'movies' || kind in itemForms,
        creatable: kind in itemForms || kind === 'movies',
        uploadable: kind in uploads,
        ...page,
        ...messages,
      },
      sessionOf(request, 'catalogues'),
    );
  };

  api.get(
    '/catalogues',
    {
      schema: {
        ...hidden,
        querystring: Type.Object({
          kind: Type.Optional(text(40)),
          cursor: Type.Optional(text(200)),
          notice: Type.Optional(text(40)),
        }),
      },
    },
    async (request, reply) => {
      const { kind = 'preference-options', cursor, notice } = request.query;
      return sendPage(reply, 200, await showCatalogue(request, kind, cursor, { notice: noticeOf(notice) }));
    },
  );

  const ItemParams = Type.Object({ kind: text(40), id: Type.String({ minLength: 1, maxLength: 200 }) });
  api.get(
    '/catalogues/:kind/:id/delete',
    { schema: { ...hidden, params: ItemParams, querystring: Type.Object({ name: Type.Optional(text(300)) }) } },
    async (request, reply) => {
      const { kind, id } = request.params;
      const catalogue = catalogues[kind];
      if (!catalogue) throw Object.assign(new Error('No such catalogue'), { statusCode: 404 });
      const view = { kind, catalogue: catalogue.title, id, name: request.query.name || id };
      return sendPage(reply, 200, confirmDeletePage(view, sessionOf(request, 'catalogues')));
    },
  );

  api.post(
    '/catalogues/:kind/:id/delete',
    { schema: { ...hidden, params: ItemParams, body: formOf({ confirmed: Type.Optional(text(3)) }) } },
    async (request, reply) => {
      const { kind, id } = request.params;
      const catalogue = catalogues[kind];
      if (!catalogue) throw Object.assign(new Error('No such catalogue'), { statusCode: 404 });
      // A delete not confirmed on the confirmation page is asked about first.
      if (request.body.confirmed !== 'yes') {
        return seeOther(reply, `/console/catalogues/${kind}/${encodeURIComponent(id)}/delete`);
      }
      try {
        await catalogue.remove(request, id);
      } catch (error) {
        // An item in use is kept: the page says why, beside the list it is in.
        if (!(error instanceof CoreError) || error.code !== 'catalogue_item_in_use') throw error;
        const page = await showCatalogue(request, kind, undefined, { problem: `Not deleted: ${error.message}.` });
        return sendPage(reply, 409, page);
      }
      return seeOther(reply, `/console/catalogues?kind=${kind}&notice=item-deleted`);
    },
  );

  const MovieParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
  api.get('/catalogues/movies/:id/edit', { schema: { ...hidden, params: MovieParams } }, async (request, reply) => {
    const movie = await core.movies.getMovie(principalOf(request), request.params.id);
    return sendPage(reply, 200, movieEditPage({ movie }, sessionOf(request, 'catalogues')));
  });

  const MovieBody = formOf(
    Object.fromEntries([['id'], ...movieFormFields].map(([field]) => [field as string, Type.Optional(text(20_000))])),
  );
  /** Saves the movie form through `upsertMovies`; `existing` undefined: a new movie with the id the form names. */
  const saveMovie = async (request: FastifyRequest, reply: FastifyReply, existing: Movie | undefined) => {
    const principal = principalOf(request);
    const sent = request.body as Record<string, string | undefined>;
    const lines = (field: string) =>
      (sent[field] ?? '')
        .split(/\r?\n/)
        .map((value) => value.trim())
        .filter((value) => value !== '');
    const year = (sent.year ?? '').trim();
    const id = existing?.id ?? (sent.id ?? '').trim();
    const refuse = (errors: Map<string, string>) =>
      sendPage(
        reply,
        400,
        movieEditPage(
          { movie: existing, sent: sent as Record<string, string>, errors },
          sessionOf(request, 'catalogues'),
        ),
      );
    if (!existing && id !== '') {
      // Creating never replaces: a movie of that id is edited on its own page.
      const taken = await core.movies.getMovie(principal, id).then(
        () => true,
        (error: unknown) => {
          if (error instanceof CoreError && (error.code === 'movie_not_found' || error.code === 'invalid_input')) {
            return false;
          }
          throw error;
        },
      );
      if (taken) return refuse(new Map([['id', 'a movie has this id already; edit it from the list']]));
    }
    try {
      await core.movies.upsertMovies(principal, [
        {
          id,
          title: sent.title ?? '',
          year: /^\d+$/.test(year) ? Number(year) : Number.NaN,
          basedOn: sent.basedOn?.trim() || null,
          posterUrl: sent.posterUrl?.trim() || null,
          genres: lines('genres'),
          directors: lines('directors'),
          actors: lines('actors'),
          countries: lines('countries'),
          technologies: lines('technologies'),
          versions: lines('versions'),
          awards: lines('awards'),
          ratings: existing?.ratings ?? {},
        },
      ]);
    } catch (error) {
      if (!(error instanceof CoreError) || error.code !== 'invalid_input') throw error;
      const fields = (error.details as { fields?: { field: string; message: string }[] }).fields ?? [];
      // `items[0].genres[2]` is said beside the genres field.
      return refuse(
        new Map(
          fields.map(({ field, message }) => [/^items\[0\]\.(\w+)/.exec(field)?.[1] ?? 'title', message] as const),
        ),
      );
    }
    return seeOther(reply, '/console/catalogues?kind=movies&notice=item-saved');
  };

  api.post(
    '/catalogues/movies/:id/edit',
    { schema: { ...hidden, params: MovieParams, body: MovieBody } },
    async (request, reply) =>
      saveMovie(request, reply, await core.movies.getMovie(principalOf(request), request.params.id)),
  );
  api.get('/catalogues/movies/new', { schema: hidden }, async (request, reply) =>
    sendPage(reply, 200, movieEditPage({ movie: undefined }, sessionOf(request, 'catalogues'))),
  );
  api.post('/catalogues/movies/new', { schema: { ...hidden, body: MovieBody } }, (request, reply) =>
    saveMovie(request, reply, undefined),
  );

  const lines = (value: string | undefined) =>
    (value ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
  /** A number typed in a form: anything but an integer is NaN, which the core refuses with its own words. */
  const integer = (value: string | undefined) => {
    const typed = (value ?? '').trim();
    return /^-?\d+$/.test(typed) ? Number(typed) : Number.NaN;
  };
  /** The catalogues whose items the console creates and edits one at a time, through the admin API's bulk calls. */
  const itemForms: Record<
    string,
    {
      fields: ItemField[];
      /** Saves one item (`id` undefined: a new one) with the core call of the admin API's `PUT`. */
      save: (
        request: FastifyRequest,
        id: string | undefined,
        sent: Record<string, string | undefined>,
      ) => Promise<unknown>;
    }
  > = {
    'preference-options': {
      fields: [
        { name: 'category', label: 'Category', required: true, hint: 'One of the KIP categories, as in the list.' },
        { name: 'label', label: 'Label', required: true },
        { name: 'attribute', label: 'Attribute', hint: 'kind:value, such as genre:Comedy; empty for none.' },
        { name: 'position', label: 'Position', hint: 'The option’s place in its category; empty puts it last.' },
      ],
      save: (request, id, sent) =>
        core.preferences.upsertOptions(principalOf(request), [
          {
            id,
            category: (sent.category ?? '').trim(),
            label: sent.label ?? '',
            attribute: sent.attribute?.trim() || null,
            position: sent.position?.trim() ? integer(sent.position) : undefined,
          },
        ]),
    },
    schools: {
      fields: [{ name: 'name', label: 'Name', required: true }],
      save: (request, id, sent) =>
        core.students.upsertOptions(principalOf(request), 'schools', [{ id, name: sent.name ?? '' }]),
    },
    'study-levels': {
      fields: [{ name: 'name', label: 'Name', required: true }],
      save: (request, id, sent) =>
        core.students.upsertOptions(principalOf(request), 'study_levels', [{ id, name: sent.name ?? '' }]),
    },
    'ratings-bodies': {
      fields: [
        { name: 'id', label: 'Id', required: true, createOnly: true, hint: 'Letters, digits or . _ : -, such as FSK.' },
        { name: 'name', label: 'Name', required: true },
        { name: 'ratings', label: 'Ratings (one a line, mildest first)', lines: true, required: true },
      ],
      save: (request, id, sent) =>
        core.movies.upsertRatingsBodies(principalOf(request), [
          { id: id ?? (sent.id ?? '').trim(), name: sent.name ?? '', ratings: lines(sent.ratings) },
        ]),
    },
    icons: {
      fields: [
        { name: 'id', label: 'Id', required: true, createOnly: true },
        { name: 'uri', label: 'URI', required: true },
        { name: 'aspect', label: 'Aspect', hint: 'Empty for the default.' },
        { name: 'imageId', label: 'Image id', hint: 'Empty for the default.' },
      ],
      save: (request, id, sent) =>
        core.icons.upsertIcons(principalOf(request), [
          {
            id: id ?? (sent.id ?? '').trim(),
            uri: (sent.uri ?? '').trim(),
            aspect: sent.aspect?.trim() || undefined,
            imageId: sent.imageId?.trim() || undefined,
          },
        ]),
    },
  };
  const itemFormOf = (kind: string) => {
    const form = itemForms[kind];
    const catalogue = catalogues[kind];
    if (!form || !catalogue) throw Object.assign(new Error('No such catalogue'), { statusCode: 404 });
    return { ...form, title: catalogue.title };
  };
  const ItemValues = Type.Object(
    { name: Type.Optional(text(300)), category: Type.Optional(text(100)), label: Type.Optional(text(300)) },
    { additionalProperties: Type.String({ maxLength: 20_000 }) },
  );
  const ItemBody = Type.Object(
    { _csrf: Type.Optional(text(200)) },
    { additionalProperties: Type.String({ maxLength: 20_000 }) },
  );
  /** Saves the form; the core's refusal (`items[0].name`) is said beside its field, nothing saved. */
  const saveItem = async (request: FastifyRequest, reply: FastifyReply, kind: string, id: string | undefined) => {
    const form = itemFormOf(kind);
    const { _csrf, ...sent } = request.body as Record<string, string | undefined>;
    try {
      await form.save(request, id, sent);
    } catch (error) {
      if (!(error instanceof CoreError) || error.code !== 'invalid_input') throw error;
      const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
      const known = new Set(form.fields.map((field) => field.name));
      const fallback = form.fields.find((field) => !(id !== undefined && field.createOnly))?.name ?? 'name';
      const errors = new Map<string, string>();
      for (const { field, message } of fields.length > 0 ? fields : [{ field: '', message: error.message }]) {
        const named = /^items\[0\]\.(\w+)/.exec(field)?.[1] ?? '';
        const at = known.has(named) && !(id !== undefined && named === 'id') ? named : fallback;
        errors.set(at, errors.has(at) ? `${errors.get(at)}; ${message}` : message);
      }
      const values = Object.fromEntries(Object.entries(sent).map(([key, value]) => [key, value ?? '']));
      const view = { kind, catalogue: form.title, fields: form.fields, id, values, errors };
      return sendPage(reply, 400, itemFormPage(view, sessionOf(request, 'catalogues')));
    }
    return seeOther(reply, `/console/catalogues?kind=${kind}&notice=item-saved`);
  };

  const KindParams = Type.Object({ kind: text(40) });
  api.get('/catalogues/:kind/new', { schema: { ...hidden, params: KindParams } }, async (request, reply) => {
    const form = itemFormOf(request.params.kind);
    const view = { kind: request.params.kind, catalogue: form.title, fields: form.fields, values: {} };
    return sendPage(reply, 200, itemFormPage(view, sessionOf(request, 'catalogues')));
  });
  api.post('/catalogues/:kind/new', { schema: { ...hidden, params: KindParams, body: ItemBody } }, (request, reply) =>
    saveItem(request, reply, request.params.kind, undefined),
  );
  api.get(
    '/catalogues/:kind/:id/edit',
    { schema: { ...hidden, params: ItemParams, querystring: ItemValues } },
    async (request, reply) => {
      const { kind, id } = request.params;
      const form = itemFormOf(kind);
      const values = request.query as Record<string, string>;
      const view = { kind, catalogue: form.title, fields: form.fields, id, values };
      return sendPage(reply, 200, itemFormPage(view, sessionOf(request, 'catalogues')));
    },
  );
  api.post(
    '/catalogues/:kind/:id/edit',
    { schema: { ...hidden, params: ItemParams, body: ItemBody } },
    (request, reply) => saveItem(request, reply, request.params.kind, request.params.id),
  );

  api.post(
    '/jobs/:id/retry',
    {
      schema: {
        ...hidden,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: formOf({}),
      },
    },
    async (request, reply) => {
      await core.jobs.retryJob(principalOf(request), request.params.id);
      return seeOther(reply, `/console/jobs/${encodeURIComponent(request.params.id)}`);
    },
  );

  /** The catalogues a file can be uploaded to: how to read the file, and the core call that starts its job. */
  const uploads: Record<
    string,
    (
      request: FastifyRequest,
      text: string,
    ) => Promise<{
      problems: string[];
      places: string[];
      /** Starts the import's job; answers its id. */
      start?: () => Promise<string>;
      /** Or saves the whole file at once, in one transaction (a small catalogue). */
      save?: () => Promise<unknown>;
    }>
  > = {
    movies: async (request, text) => {
      const parsed = parseMovieFile(text);
      return { ...parsed, start: () => core.movies.startMovieImport(principalOf(request), parsed.items) };
    },
    'preference-options': async (request, text) => {
      const parsed = parseOptionFile(text);
      return { ...parsed, start: () => core.preferences.startOptionsImport(principalOf(request), parsed.items) };
    },
    schools: async (request, text) => {
      const parsed = parseNamedFile(text);
      return {
        ...parsed,
        start: () => core.students.startOptionsImport(principalOf(request), 'schools', parsed.items),
      };
    },
    'ratings-bodies': async (request, text) => {
      const parsed = parseRatingsBodyFile(text);
      return { ...parsed, save: () => core.movies.upsertRatingsBodies(principalOf(request), parsed.items) };
    },
    icons: async (request, text) => {
      const parsed = parseIconFile(text);
      return { ...parsed, save: () => core.icons.upsertIcons(principalOf(request), parsed.items) };
    },
    'study-levels': async (request, text) => {
      const parsed = parseNamedFile(text);
      return {
        ...parsed,
        start: () => core.students.startOptionsImport(principalOf(request), 'study_levels', parsed.items),
      };
    },
  };

  api.post(
    '/catalogues/:kind/upload',
    {
      schema: { ...hidden, params: Type.Object({ kind: text(40) }), body: formOf({ file: text(uploadLimitBytes) }) },
      bodyLimit: uploadLimitBytes,
    },
    async (request, reply) => {
      const { kind } = request.params;
      const upload = uploads[kind];
      if (!upload) throw Object.assign(new Error('No upload for this catalogue'), { statusCode: 404 });
      const parsed = await upload(request, request.body.file);
      const refuse = async (uploadProblems: readonly string[]) =>
        sendPage(reply, 400, await showCatalogue(request, kind, undefined, { uploadProblems }));
      if (parsed.problems.length > 0) return refuse(parsed.problems);
      if (parsed.places.length === 0) return refuse(['The file holds no items.']);
      try {
        if (parsed.save) {
          await parsed.save();
          return seeOther(reply, `/console/catalogues?kind=${kind}&notice=file-saved`);
        }
        const jobId = await parsed.start?.();
        return seeOther(reply, `/console/jobs/${jobId}`);
      } catch (error) {
        // A ratings body whose dropped rating movies still use is kept: said as the file's problem too.
        const refused = error instanceof CoreError && ['invalid_input', 'catalogue_item_in_use'].includes(error.code);
        if (!refused) throw error;
        const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
        return refuse(fields ? readableProblems(fields, parsed.places) : [error.message]);
      }
    },
  );

  const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
  /** Where the reader sees what a job made. */
  const outcomeOf = (job: { kind: string; payload: unknown }) => {
    if (job.kind === 'movies.import') return { href: '/console/catalogues?kind=movies', label: 'See the movies' };
    if (job.kind === 'preferences.import') {
      return { href: '/console/catalogues?kind=preference-options', label: 'See the preference options' };
    }
    if (job.kind === 'students.import') {
      const schools = (job.payload as { catalogue?: unknown } | null)?.catalogue === 'schools';
      return schools
        ? { href: '/console/catalogues?kind=schools', label: 'See the schools' }
        : { href: '/console/catalogues?kind=study-levels', label: 'See the study levels' };
    }
    return undefined;
  };

  api.get('/jobs/:id', { schema: { ...hidden, params: JobParams } }, async (request, reply) => {
    const session = sessionOf(request, 'jobs');
    const job = await core.jobs.getJob(principalOf(request), request.params.id);
    return sendPage(reply, 200, jobPage({ job, outcome: outcomeOf(job) }, session));
  });

  // What the job page's script polls: the job's state, in the page's own words.
  api.get('/jobs/:id/progress', { schema: { ...hidden, params: JobParams } }, async (request, reply) => {
    const job = await core.jobs.getJob(principalOf(request), request.params.id);
    const { fraction } = (job.progress ?? {}) as { fraction?: unknown };
    return reply.type('application/json').send({
      status: job.status,
      percent: job.status === 'succeeded' ? 100 : typeof fraction === 'number' ? Math.round(fraction * 100) : 0,
      text: jobStatusLine(job),
      finished: job.status === 'succeeded' || job.status === 'failed',
    });
  });

  api.get('/dashboard', { schema: hidden }, async (request, reply) => {
    const session = sessionOf(request, 'dashboard');
    const days = await core.identity.activityPerDay(principalOf(request), 30);
    const view = {
      traffic: traffic.windows(),
      windowSeconds: traffic.windowMs / 1000,
      keptMinutes: traffic.keptMs / 60_000,
      days,
    };
    return sendPage(reply, 200, dashboardPage(view, session));
  });

  api.get(
    '/jobs',
    { schema: { ...hidden, querystring: Type.Object({ cursor: Type.Optional(text(200)) }) } },
    async (request, reply) => {
      const session = sessionOf(request, 'jobs');
      const page = await core.jobs.listJobs(principalOf(request), { cursor: request.query.cursor, limit: 25 });
      return sendPage(reply, 200, jobsPage({ jobs: page.items, nextCursor: page.nextCursor }, session));
    },
  );

  api.get('/settings', { schema: { ...hidden, querystring: NoticeQuery } }, async (request, reply) => {
    const session = sessionOf(request, 'settings');
    const app = await core.apps.getAppAsAdmin(principalOf(request));
    return sendPage(
      reply,
      200,
      settingsPage({ settings: app.settings, ranges: settingRanges, notice: noticeOf(request.query.notice) }, session),
    );
  });

  const settingNames = Object.keys(settingLabels) as (keyof AppSettings)[];
  api.post(
    '/settings',
    {
      schema: {
        ...hidden,
        body: formOf(Object.fromEntries(settingNames.map((name) => [name, Type.Optional(text(40))]))),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request, 'settings');
      const principal = principalOf(request);
      const app = await core.apps.getAppAsAdmin(principal);
      const sent = request.body as Record<string, string>;
      // Only the settings that differ are sent to the core, so the audit entry names what the admin changed.
      const changed: Record<string, number | boolean> = {};
      for (const name of settingNames) {
        const current = app.settings[name];
        const value = typeof current === 'boolean' ? sent[name] === 'on' : numberOf(sent[name] ?? '');
        if (value !== current) changed[name] = value;
      }
      try {
        if (Object.keys(changed).length > 0) await core.apps.updateSettings(principal, changed);
      } catch (error) {
        if (!(error instanceof CoreError) || error.code !== 'invalid_input') throw error;
        const errors = new Map(
          (error.details.fields ?? [{ field: 'body', message: error.message }]).map((f) => [f.field, f.message]),
        );
        return sendPage(
          reply,
          400,
          settingsPage({ settings: app.settings, ranges: settingRanges, sent, errors }, session),
        );
      }
      return seeOther(reply, '/console/settings?notice=saved');
    },
  );

  api.post('/settings/rotate-app-key', { schema: { ...hidden, body: formOf({}) } }, async (request, reply) => {
    const session = sessionOf(request, 'settings');
    const principal = principalOf(request);
    const appKey = await core.apps.rotateAppKeyAsAdmin(principal);
    return sendPage(reply, 200, appKeyRotatedPage(principal.appId, appKey, session));
  });

  api.post('/settings/rotate-secret', { schema: { ...hidden, body: formOf({}) } }, async (request, reply) => {
    const rotated = await core.apps.rotateClientSecretAsAdmin(principalOf(request));
    // The rotation ended this session's token with every other admin token.
    clearSession(request, reply);
    return sendPage(reply, 200, secretRotatedPage(rotated.clientId, rotated.clientSecret));
  });
}

interface CataloguePage {
  items: { id: string; cells: string[]; editQuery?: string | undefined }[];
  nextCursor: string | null;
}

/**
 * A page of a catalogue as rows; `values` are the item's fields as its form shows them, carried by the edit link
 * (the core has no read of one item of these catalogues; the form only starts from them, the core checks what is sent).
 */
function pageOf<T extends { id: string }>(
  page: { items: T[]; nextCursor: string | null },
  cells: (item: T) => string[],
  values?: (item: T) => Record<string, string>,
): CataloguePage {
  return {
    items: page.items.map((item) => ({
      id: item.id,
      cells: cells(item),
      editQuery: values ? new URLSearchParams(values(item)).toString() : undefined,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * A number typed in a settings field. Anything that is not an integer is kept as NaN, which the core refuses with
 * the field's range: the core, not the form, says what is allowed.
 */
function numberOf(typed: string): number {
  const trimmed = typed.trim().replace(/[ _,]/g, '');
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A time the audit filter's fields give (`datetime-local`, read as UTC), or `invalid_input` naming the field. */
function timeOf(field: string, value: string): number | undefined {
  if (value === '') return undefined;
  const iso = /[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`;
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) throw new CoreError('invalid_input', `${field}: is not a time`, { field });
  return epoch;
}
