import assert from 'node:assert/strict';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { hashSecret } from '../../src/core/secrets.ts';
import { appHeaders, bearer, type TestPersona, type TestUser, uniqueName } from './persona.ts';

/*
 * The outside view of Persona, shared by the contract fuzz test and the caller matrix: `/openapi.json` read as a
 * client reads it, requests built from it alone, and a world of real data (an app, its admin, an owner with profiles,
 * history and student information, another user, another app) whose ids fill the operations' parameters. Nothing
 * here names an operation: a route added to any face is walked as soon as the document lists it.
 */

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface ApiOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** Alternatives: any one requirement suffices; an empty requirement (or no alternative) means anonymous. */
  security: Record<string, string[]>[];
  parameters: Parameter[];
  body: { required: boolean; content: Record<string, JsonSchema> } | undefined;
  /** Each documented status, with the media types its body is sent in (none for an empty body). */
  responses: Record<string, string[]>;
}

export interface ApiDocument {
  raw: { paths: Record<string, Record<string, unknown>>; components: Record<string, Record<string, unknown>> };
  operations: ApiOperation[];
  securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }>;
}

const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** Reads `/openapi.json` and lists its operations with every `$ref` resolved. */
export async function readDocument(persona: TestPersona): Promise<ApiDocument> {
  const response = await persona.request({ method: 'GET', url: '/openapi.json' });
  assert.equal(response.statusCode, 200);
  const raw = response.json() as ApiDocument['raw'];
  const schemas = (raw.components.schemas ?? {}) as Record<string, JsonSchema>;
  const resolve = (node: unknown, seen: string[] = []): unknown => {
    if (Array.isArray(node)) return node.map((item) => resolve(item, seen));
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: string }).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      assert.ok(schemas[name], `unknown $ref ${ref}`);
      assert.ok(!seen.includes(name), `recursive schema ${name}`);
      return resolve(schemas[name], [...seen, name]);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value, seen)]));
  };
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(raw.paths)) {
    for (const method of methods) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const requestBody = operation.requestBody as
        | { required?: boolean; content: Record<string, { schema: unknown }> }
        | undefined;
      const responses: Record<string, string[]> = {};
      for (const [status, response] of Object.entries(
        operation.responses as Record<string, { content?: Record<string, unknown> }>,
      )) {
        responses[status] = Object.keys(response.content ?? {});
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId),
        summary: String(operation.summary ?? ''),
        description: String(operation.description ?? ''),
        security: (operation.security as Record<string, string[]>[] | undefined) ?? [],
        parameters: ((operation.parameters as Parameter[] | undefined) ?? []).map((parameter) => ({
          ...parameter,
          required: parameter.required ?? false,
          schema: resolve(parameter.schema) as JsonSchema,
        })),
        body: requestBody && {
          required: requestBody.required ?? false,
          content: Object.fromEntries(
            Object.entries(requestBody.content).map(([type, media]) => [type, resolve(media.schema) as JsonSchema]),
          ),
        },
        responses,
      });
    }
  }
  const securitySchemes = (raw.components.securitySchemes ?? {}) as ApiDocument['securitySchemes'];
  return { raw, operations, securitySchemes };
}

// The document's rules, applied as a client reading it would: bodies as sent (JSON types are types), parameters as
// strings the schema's type reads (`page=2` is an integer).
const documentAjv = addFormats.default(new Ajv({ strict: false, allErrors: false, validateFormats: true }));
const parameterAjv = addFormats.default(new Ajv({ strict: false, coerceTypes: 'array', validateFormats: true }));
const compiled = new Map<object, ValidateFunction>();
const compiledParameters = new Map<object, ValidateFunction>();

/** Whether `value` meets `schema` as the document states it. */
export function documentAccepts(schema: JsonSchema, value: unknown): boolean {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = documentAjv.compile(withoutExamples(schema));
    compiled.set(schema, validate);
  }
  return validate(structuredClone(value));
}

function parameterAccepts(schema: JsonSchema, value: unknown): boolean {
  let validate = compiledParameters.get(schema);
  if (!validate) {
    validate = parameterAjv.compile(withoutExamples(schema));
    compiledParameters.set(schema, validate);
  }
  // Coercion rewrites arrays and objects it checks: hand it a copy.
  return validate(structuredClone(value));
}

function withoutExamples(schema: unknown): JsonSchema {
  if (Array.isArray(schema)) return schema.map(withoutExamples) as unknown as JsonSchema;
  if (typeof schema !== 'object' || schema === null) return schema as JsonSchema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== 'examples' && key !== 'example')
      .map(([key, value]) => [key, key === 'properties' ? mapValues(value, withoutExamples) : withoutExamples(value)]),
  );
}

const mapValues = (object: unknown, f: (value: unknown) => unknown) =>
  Object.fromEntries(Object.entries(object as Record<string, unknown>).map(([key, value]) => [key, f(value)]));

// ---------------------------------------------------------------------------------------------------------------
// The world

/** Every kind of caller the caller matrix tries. */
export const callerKinds = [
  'none',
  'garbage',
  'revoked',
  'expired',
  'refreshAsBearer',
  'foreignUser',
  'foreignAdmin',
  'otherUser',
  'child',
  'admin',
  'owner',
] as const;
export type CallerKind = (typeof callerKinds)[number];

export interface World {
  app: CreatedApp;
  foreignApp: CreatedApp;
  owner: TestUser;
  other: TestUser;
  foreign: TestUser;
  tokens: Record<Exclude<CallerKind, 'none'>, string>;
  /** The owner's profiles: the default one, a child profile, and a grown-up one that is neither. */
  profiles: { default: string; kid: string; partner: string };
  pin: string;
  ids: {
    movie: string;
    otherMovie: string;
    school: string;
    studyLevel: string;
    option: string;
    category: string;
    ratingsBody: string;
    rating: string;
    icon: string;
    year: string;
    job: string | undefined;
  };
}

const profilesUrl = '/userprofiles/v1/user/userprofiles';

/**
 * Builds a world on `persona`: two apps, each with an admin token and users; the owner has a PIN, a child profile, a
 * grown-up profile, preferences, student information and a history; tokens of every kind the matrix tries.
 */
export async function buildWorld(persona: TestPersona): Promise<World> {
  const app = await persona.createApp('World app');
  const foreignApp = await persona.createApp('Foreign app');
  const admin = await persona.adminToken(app);
  const foreignAdmin = await persona.adminToken(foreignApp);
  const ok = async (options: InjectOptions): Promise<unknown> => {
    const response = await persona.request(options);
    assert.ok(response.statusCode < 300, `${options.method} ${options.url}: ${response.statusCode} ${response.body}`);
    return response.body === '' ? undefined : response.json();
  };
  const asAdmin = (method: InjectOptions['method'], url: string, payload: unknown) =>
    ok({ method, url, headers: bearer(admin), payload: payload as InjectOptions['payload'] });

  const ratingsBody = 'FSK';
  await asAdmin('PUT', '/admin/v1/ratings-bodies', {
    items: [{ id: ratingsBody, name: 'FSK', ratings: ['0', '6', '12', '16', '18'] }],
  });
  const movie = '0198c2a4-5b7e-7c3d-9f1a-000000000001';
  const otherMovie = '0198c2a4-5b7e-7c3d-9f1a-000000000002';
  await asAdmin('PUT', '/admin/v1/movies', {
    items: [
      { id: movie, title: 'The Owner Watched', year: 2001, genres: ['Drama'], ratings: { FSK: '6' } },
      { id: otherMovie, title: 'Nobody Watched', year: 2002, genres: ['Comedy'], ratings: { FSK: '0' } },
    ],
  });
  await asAdmin('PUT', '/admin/v1/schools', { items: [{ id: 'school-1', name: 'École Une' }] });
  await asAdmin('PUT', '/admin/v1/study-levels', { items: [{ id: 'level-1', name: 'Bachelor' }] });
  await asAdmin('PUT', '/admin/v1/icons', { items: [{ id: 'icon-fox', uri: 'https://example.com/fox.png' }] });
  await asAdmin('PUT', '/admin/v1/preference-options', {
    items: [{ category: 'MovieGenre', label: 'Drama', attribute: 'genre:Drama' }],
  });
  const options = (await asAdmin('GET', '/admin/v1/preference-options', undefined)) as { items: { id: string }[] };
  const option = options.items[0]?.id;
  assert.ok(option);

  // Addresses of its own, so that the calls that send to them (verifications, the admin's messages) can be served.
  const owner = await persona.createUser(app, {
    displayName: 'Owner',
    emailAddress: `${uniqueName('owner')}@example.com`,
    phoneNumber: `+3247${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  });
  const other = await persona.createUser(app);
  const foreign = await persona.createUser(foreignApp);
  const asOwner = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    ok({
      method,
      url,
      headers: bearer(owner.accessToken),
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  const pin = '2468';
  await asOwner('PUT', '/userprofiles/v1/user/pin', { pin });
  const kid = (
    (await asOwner('POST', profilesUrl, {
      name: 'Kid',
      childProfile: true,
      ratingsThresholds: [{ ratingsBody, ratingsThreshold: '12' }],
      iconName: 'icon-fox',
    })) as { _id: string }
  )._id;
  const partner = ((await asOwner('POST', profilesUrl, { name: 'Partner' })) as { _id: string })._id;
  const list = (await asOwner('GET', profilesUrl)) as { resourceSet: { _id: string; default: boolean }[] };
  const defaultProfile = list.resourceSet.find((profile) => profile.default)?._id;
  assert.ok(defaultProfile);
  await asOwner('PATCH', '/users/me/profile/preferences', { id: option, value: true });
  const year = '2025';
  await asOwner('PUT', `/users/me/profile/student-information/${year}`, {
    schoolId: 'school-1',
    studyLevel: 'level-1',
    academicYear: '2025-2026',
    lastYear: false,
  });
  await asAdmin('POST', '/admin/v1/history', {
    items: [{ userId: owner.id, movieId: movie, watchedAt: '2026-01-02T20:00:00Z' }],
  });
  const child = (
    (await asOwner('POST', '/ias/v3/token/actions/changeUserProfile', { newUserProfileId: kid })) as {
      access_token: string;
    }
  ).access_token;

  // A token that ended: the first of two log-ins, refreshed away (its pair ends).
  const logIn = async () =>
    (await ok({
      method: 'POST',
      url: '/api/oauth2/token',
      headers: appHeaders(app),
      payload: { username: owner.loginName, password: owner.password },
    })) as { access_token: string; refresh_token: string };
  const ended = await logIn();
  await ok({
    method: 'POST',
    url: '/api/oauth2/token',
    headers: appHeaders(app),
    payload: { grant_type: 'refresh_token', refresh_token: ended.refresh_token },
  });
  // A token that expired: its row says so (the token was never used, so no cache holds it).
  const expiring = await logIn();
  await persona.database.db
    .updateTable('tokens')
    .set({ expires_at: Date.now() - 60_000 })
    .where('token_hash', '=', hashSecret(expiring.access_token.slice(expiring.access_token.indexOf('.') + 1)))
    .execute();
  const job = await persona.database.db
    .selectFrom('jobs')
    .select('id')
    .where('app_id', '=', app.appId)
    .executeTakeFirst();

  return {
    app,
    foreignApp,
    owner,
    other,
    foreign,
    profiles: { default: defaultProfile, kid, partner },
    pin,
    tokens: {
      garbage: `${app.appId}.not-a-token-of-this-app`,
      revoked: ended.access_token,
      expired: expiring.access_token,
      refreshAsBearer: owner.refreshToken,
      foreignUser: foreign.accessToken,
      foreignAdmin,
      otherUser: other.accessToken,
      child,
      admin,
      owner: owner.accessToken,
    },
    ids: {
      movie,
      otherMovie,
      school: 'school-1',
      studyLevel: 'level-1',
      option,
      category: 'MovieGenre',
      ratingsBody,
      rating: '12',
      icon: 'icon-fox',
      year,
      job: job?.id,
    },
  };
}

/**
 * Whether the world still serves: every token that should work works, the ended ones are still refused, and the
 * owner still has its profiles. A call that deleted the owner, ended its tokens or rotated the admin's secret
 * spoils it; the caller then builds a new one.
 */
export async function worldHolds(persona: TestPersona, world: World): Promise<boolean> {
  const { sessions } = persona.core;
  const works = (token: string) =>
    sessions.authenticate(token, undefined).then(
      () => true,
      () => false,
    );
  for (const kind of ['owner', 'otherUser', 'child', 'admin', 'foreignUser', 'foreignAdmin'] as const) {
    if (!(await works(world.tokens[kind]))) return false;
  }
  for (const kind of ['revoked', 'expired', 'refreshAsBearer'] as const) {
    if (await works(world.tokens[kind])) return false;
  }
  const profiles = await persona.request({ method: 'GET', url: profilesUrl, headers: bearer(world.tokens.owner) });
  if (profiles.statusCode !== 200) return false;
  const ids = (profiles.json() as { resourceSet: { _id: string }[] }).resourceSet.map((profile) => profile._id);
  return [world.profiles.default, world.profiles.kid, world.profiles.partner].every((id) => ids.includes(id));
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots: everything stored about the owner and the owner's app

/**
 * Tables that reads or background work write, so that they change without any call writing the owner's data: the
 * job queue and its runner's leases, the popularity the recommender recomputes, history page marks (computed by the
 * first deep read), the throttle's and rate limits' counters, the recommender's models and the outbox's delivery state.
 */
const unstableTables = new Set([
  'jobs',
  'movie_popularity',
  'history_marks',
  'credential_failures',
  'rate_limit_counters',
  // Trained by a job that a recommendations read may start, and delivered by a job that marks its message sent.
  'recommendation_models',
  'recommendation_model_parts',
  'messages',
]);

const ownerTables = new WeakMap<TestPersona, { name: string; appColumn: string; userColumn: string | undefined }[]>();

/** The tables that hold rows of an app, with the columns that name the app and the user (read once per Persona). */
async function tablesOf(persona: TestPersona) {
  const { db, schema } = persona.database;
  return (await db.introspection.getTables())
    .filter((table) => (schema === undefined || table.schema === schema) && !unstableTables.has(table.name))
    .flatMap((table) => {
      const columns = new Set(table.columns.map((column) => column.name));
      const appColumn = table.name === 'apps' ? 'id' : columns.has('app_id') ? 'app_id' : undefined;
      const userColumn = table.name === 'users' ? 'id' : columns.has('user_id') ? 'user_id' : undefined;
      return appColumn ? [{ name: table.name, appColumn, userColumn }] : [];
    });
}

/**
 * Waits until the app's background jobs that are due have run (a password reset sends its message and writes its
 * audit entry in a job), so that what they write is not taken for the write of the call that follows. At most 15 s.
 */
export async function jobsSettled(persona: TestPersona, world: World): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = Date.now();
    const pending = await persona.database.db
      .selectFrom('jobs')
      .select('id')
      .where('app_id', '=', world.app.appId)
      .where((eb) =>
        eb.or([eb('status', '=', 'running'), eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)])]),
      )
      .limit(1)
      .execute();
    if (pending.length === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Every row of the owner's app that is the app's own (catalogues, settings) or the owner's (user, tokens, profiles,
 * PIN, preferences, student information, history, audit entries about the owner), as one sorted string. Found by
 * introspection, so a table added later is covered without being named. Rows of other users of the app are left
 * out: they may act on their own accounts.
 */
export async function snapshotOwner(persona: TestPersona, world: World): Promise<string> {
  const { db } = persona.database;
  let tables = ownerTables.get(persona);
  if (!tables) {
    tables = await tablesOf(persona);
    ownerTables.set(persona, tables);
  }
  const lines: string[] = [];
  for (const { name, appColumn, userColumn } of tables) {
    const table = { name };
    let query = sql`select * from ${sql.table(table.name)} where ${sql.ref(appColumn)} = ${world.app.appId}`;
    if (userColumn) {
      query = sql`${query} and (${sql.ref(userColumn)} = ${world.owner.id} or ${sql.ref(userColumn)} is null)`;
    }
    const { rows } = await query.execute(db);
    for (const row of rows) lines.push(`${table.name} ${JSON.stringify(row)}`);
  }
  return lines.sort().join('\n');
}

/** The lines of `after` that `before` lacks and the reverse, for a failure message. */
export function snapshotDifference(before: string, after: string): string {
  const was = new Set(before.split('\n'));
  const is = new Set(after.split('\n'));
  const added = [...is].filter((line) => !was.has(line)).map((line) => `+ ${line.slice(0, 300)}`);
  const removed = [...was].filter((line) => !is.has(line)).map((line) => `- ${line.slice(0, 300)}`);
  return [...removed, ...added].slice(0, 12).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** How each security scheme is satisfied: a token in its place, or the app's own credentials. */
function schemeCredential(
  document: ApiDocument,
  name: string,
): { kind: 'token' | 'appId' | 'appKey' | 'appBasic'; header: string; prefix: string } {
  const scheme = document.securitySchemes[name];
  assert.ok(scheme, `security scheme ${name} is not declared`);
  if (scheme.type === 'http' && scheme.scheme === 'bearer')
    return { kind: 'token', header: 'authorization', prefix: 'Bearer ' };
  if (scheme.type === 'http' && scheme.scheme === 'basic')
    return { kind: 'appBasic', header: 'authorization', prefix: 'Basic ' };
  assert.equal(scheme.type, 'apiKey', `scheme ${name}`);
  assert.equal(scheme.in, 'header', `scheme ${name}`);
  const header = String(scheme.name).toLowerCase();
  // An app's id and key travel in named headers; every other header scheme carries an access token.
  if (/app-?id$/.test(header)) return { kind: 'appId', header, prefix: '' };
  if (/app-?key$/.test(header)) return { kind: 'appKey', header, prefix: '' };
  return { kind: 'token', header, prefix: '' };
}

/** Whether an operation may be called without any credentials (the document gives it an empty requirement). */
export const isAnonymous = (operation: ApiOperation) =>
  operation.security.length === 0 || operation.security.some((requirement) => Object.keys(requirement).length === 0);

/** Whether some requirement of the operation is met by a token alone. */
export const takesToken = (document: ApiDocument, operation: ApiOperation) =>
  operation.security.some(
    (requirement) =>
      Object.keys(requirement).length > 0 &&
      Object.keys(requirement).every((name) => schemeCredential(document, name).kind === 'token'),
  );

/** Whether only an app-admin token meets the operation's security (its schemes name an admin token and nothing else). */
export const isAdminOnly = (operation: ApiOperation) =>
  operation.security.length > 0 &&
  operation.security.every((requirement) => Object.keys(requirement).some((name) => /admin/i.test(name)));

/**
 * The headers that send `token` as the operation's security asks, or the app's credentials for a requirement of app
 * credentials (`requirement` picks one; by default the first that takes a token).
 */
export function credentialHeaders(
  document: ApiDocument,
  operation: ApiOperation,
  credential: { token: string } | { app: CreatedApp } | undefined,
  requirementIndex?: number,
): Record<string, string> {
  if (!credential) return {};
  const requirements = operation.security.filter((requirement) => Object.keys(requirement).length > 0);
  const fits = (requirement: Record<string, string[]>) =>
    Object.keys(requirement).every(
      (name) => (schemeCredential(document, name).kind === 'token') === 'token' in credential,
    );
  const requirement =
    requirementIndex !== undefined ? requirements[requirementIndex] : (requirements.find(fits) ?? requirements[0]);
  // An operation that takes no credentials is still sent the token, as a bearer token, as clients do.
  if (!requirement) return 'token' in credential ? bearer(credential.token) : appHeaders(credential.app);
  const headers: Record<string, string> = {};
  for (const name of Object.keys(requirement)) {
    const { kind, header, prefix } = schemeCredential(document, name);
    if ('token' in credential) headers[header] = `${prefix}${credential.token}`;
    else if (kind === 'appId') headers[header] = credential.app.appId;
    else if (kind === 'appKey') headers[header] = credential.app.appKey;
    else if (kind === 'appBasic')
      headers[header] =
        `${prefix}${Buffer.from(`${credential.app.appId}:${credential.app.appKey}`).toString('base64')}`;
    else headers[header] = `${prefix}not-a-token`;
  }
  return headers;
}

/** The requirements of an operation that a caller can meet: by a token, or by the app's credentials. */
export function requirementKinds(document: ApiDocument, operation: ApiOperation): ('token' | 'app')[] {
  return operation.security
    .filter((requirement) => Object.keys(requirement).length > 0)
    .map((requirement) =>
      Object.keys(requirement).every((name) => schemeCredential(document, name).kind === 'token') ? 'token' : 'app',
    );
}

/**
 * The id of the owner's world that a path parameter names, by its name and the path segment before it (`{id}` after
 * `users` is the owner, after `movies` a movie…); undefined for a parameter the world has nothing for.
 */
export function worldValue(
  world: World,
  operation: ApiOperation,
  name: string,
): { value: string; owned: boolean } | undefined {
  const segments = operation.path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  const owned = (value: string) => ({ value, owned: true });
  const appLevel = (value: string | undefined) => (value === undefined ? undefined : { value, owned: false });
  const byName: Record<string, { value: string; owned: boolean } | undefined> = {
    appID: appLevel(world.app.appId),
    appId: appLevel(world.app.appId),
    userRef: owned(world.owner.id),
    userId: owned(world.owner.id),
    year: owned(world.ids.year),
    movieId: owned(world.ids.movie),
    profileId: owned(world.profiles.partner),
  };
  if (name in byName) return byName[name];
  if (name !== 'id') return undefined;
  const bySegment: Record<string, { value: string; owned: boolean } | undefined> = {
    users: owned(world.owner.id),
    profiles: owned(world.profiles.partner),
    userprofiles: owned(world.profiles.partner),
    jobs: appLevel(world.ids.job),
    'preference-options': appLevel(world.ids.option),
    schools: appLevel(world.ids.school),
    'study-levels': appLevel(world.ids.studyLevel),
    'ratings-bodies': appLevel(world.ids.ratingsBody),
    movies: appLevel(world.ids.otherMovie),
    icons: appLevel(world.ids.icon),
  };
  return bySegment[before];
}

/**
 * Values of the owner's world for body properties and query parameters of these names, so that generated requests
 * name things that exist: the owner's credentials, catalogue items, profiles. A value is used only where the
 * schema accepts it; functions give a fresh value for each request (new login names, new profile names).
 */
export function worldProperties(world: World): Record<string, () => unknown> {
  return {
    username: () => world.owner.loginName,
    password: () => world.owner.password,
    oldPassword: () => world.owner.password,
    newPassword: () => 'new-pass-word-2',
    loginName: () => uniqueName('fuzz'),
    client_id: () => world.app.clientId,
    client_secret: () => world.app.clientSecret,
    schoolId: () => world.ids.school,
    studyLevel: () => world.ids.studyLevel,
    newUserProfileId: () => world.profiles.partner,
    ratingsBody: () => world.ids.ratingsBody,
    ratingsThreshold: () => world.ids.rating,
    iconName: () => world.ids.icon,
    movieId: () => world.ids.movie,
    userId: () => world.owner.id,
    category: () => world.ids.category,
    filter: () => [world.ids.category],
    pin: () => world.pin,
    currentPin: () => world.pin,
    name: () => uniqueName('Name'),
    id: () => world.ids.option,
    uri: () => 'https://example.com/icon.png',
    posterUrl: () => 'https://example.com/poster.png',
    watchedAt: () => '2026-02-03T20:00:00Z',
    academicYear: () => '2025-2026',
    aspect: () => '1x1',
    // A message template's bodies, holding what any kind of message needs.
    text: () => 'Hello {{userName}}: {{link}}, {{code}} or {{password}}.',
    html: () => '<p>Hello {{userName}}: <a href="{{link}}">open</a>, {{code}} or {{password}}.</p>',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Generation from schemas

export interface GenerationContext {
  /** Values of the world by property name, offered (where the schema accepts them) beside generated ones. */
  known: Record<string, () => unknown>;
  /** How often a known value is used rather than a generated one, 0 to 1. */
  knownWeight: number;
  /**
   * Which optional properties and parameters are generated: all, or only those named here (the matrix sends what is
   * required, and what a call needs of its caller though the schema cannot require it, such as the old password).
   */
  optional: 'all' | string[];
}

const exampleOf = (schema: JsonSchema): unknown =>
  Array.isArray(schema.examples) && schema.examples.length > 0 ? schema.examples[0] : undefined;

/** Strings of every sort: printable ASCII mostly, some of any Unicode. */
const anyString = (minLength: number, maxLength: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
  );

/** A fast-check arbitrary of values that `schema` accepts (most of them: the result is filtered by the schema). */
export function arbitraryOf(schema: JsonSchema, context: GenerationContext, name?: string): fc.Arbitrary<unknown> {
  const generated = generatedOf(schema, context);
  const known = name !== undefined ? context.known[name] : undefined;
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (known) {
    const value = known();
    if (documentAccepts(schema, value)) {
      const fresh = fc.constant(null).map(() => known());
      if (context.knownWeight >= 1) return fresh;
      candidates.push(fresh);
    }
  }
  if (candidates.length === 0) return generated;
  const weight = Math.round(context.knownWeight * 10);
  return fc.oneof(
    { weight, arbitrary: candidates[0] as fc.Arbitrary<unknown> },
    { weight: 10 - weight, arbitrary: generated },
  );
}

function generatedOf(schema: JsonSchema, context: GenerationContext): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key] as JsonSchema[] | undefined;
    if (!branches) continue;
    const rest = { ...schema };
    delete rest[key];
    const arbitraries = branches.map((branch) => arbitraryOf(mergeSchemas(rest, branch), context));
    return fc.oneof(...arbitraries).filter((value) => documentAccepts(schema, value));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [String(schema.type)] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => generatedOf({ ...schema, type }, context)));
  const type = types[0] ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.max(Number(schema.minimum ?? -1_000_000), Number.MIN_SAFE_INTEGER);
      const max = Math.min(Number(schema.maximum ?? 1_000_000), Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({
        min: Number(schema.minimum ?? -1e9),
        max: Number(schema.maximum ?? 1e9),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringOf(schema);
    case 'array': {
      const items = arbitraryOf((schema.items as JsonSchema | undefined) ?? {}, context);
      // Only what is asked for when sending the least (the matrix): one item, so that items naming the world agree.
      const minLength =
        context.optional === 'all' ? Number(schema.minItems ?? 0) : Math.max(1, Number(schema.minItems ?? 0));
      const maxLength = context.optional === 'all' ? Math.min(Number(schema.maxItems ?? 4), minLength + 4) : minLength;
      return fc.array(items, { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const keys = Object.keys(properties).filter(
        (key) => context.optional === 'all' || required.has(key) || context.optional.includes(key),
      );
      const model = Object.fromEntries(
        keys.map((key) => [key, arbitraryOf(properties[key] as JsonSchema, context, key)]),
      );
      const record = fc.record(model, { requiredKeys: keys.filter((key) => required.has(key)) });
      if (schema.additionalProperties === true && context.optional === 'all') {
        const extra = fc.dictionary(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 2,
        });
        return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
      }
      return record;
    }
    default: {
      const example = exampleOf(schema);
      return example === undefined ? fc.jsonValue({ maxDepth: 2 }) : fc.constant(example);
    }
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Number(schema.maxLength ?? minLength + 40);
  const fits = (value: string) => {
    const length = [...value].length;
    return length >= minLength && length <= maxLength;
  };
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(fits);
  }
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'uri':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
  }
  return anyString(minLength, Math.min(maxLength, minLength + 40));
}

/** `base` with `branch`'s keywords added (properties and required lists merged). */
function mergeSchemas(base: JsonSchema, branch: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...base, ...branch };
  if (base.properties || branch.properties) {
    merged.properties = { ...(base.properties as object), ...(branch.properties as object) };
  }
  if (base.required || branch.required) {
    merged.required = [...new Set([...((base.required as string[]) ?? []), ...((branch.required as string[]) ?? [])])];
  }
  return merged;
}

/** One value drawn from an arbitrary, reproducibly. */
export function sampleOne<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  const [value] = fc.sample(arbitrary, { seed, numRuns: 1 });
  return value as T;
}

// ---------------------------------------------------------------------------------------------------------------
// A request of an operation

export interface ApiRequest {
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  contentType: string | undefined;
  body: unknown;
}

/** The arbitrary of requests of an operation that the document says are valid. */
export function validRequests(
  operation: ApiOperation,
  world: World,
  context: GenerationContext,
): fc.Arbitrary<ApiRequest> {
  const pathModel: Record<string, fc.Arbitrary<string>> = {};
  const queryModel: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredQuery: string[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      const known = worldValue(world, operation, parameter.name)?.value;
      const generated = arbitraryOf(parameter.schema, { ...context, known: {} }) as fc.Arbitrary<string>;
      pathModel[parameter.name] =
        known !== undefined && parameterAccepts(parameter.schema, known)
          ? context.knownWeight >= 1
            ? fc.constant(known)
            : fc.oneof({ weight: 9, arbitrary: fc.constant(known) }, { weight: 1, arbitrary: generated })
          : generated.map(String);
    } else if (parameter.in === 'query') {
      if (!parameter.required && context.optional !== 'all' && !context.optional.includes(parameter.name)) continue;
      queryModel[parameter.name] = arbitraryOf(parameter.schema, context, parameter.name);
      if (parameter.required) requiredQuery.push(parameter.name);
    }
  }
  const types = Object.keys(operation.body?.content ?? {});
  const body: fc.Arbitrary<{ contentType: string | undefined; body: unknown }> =
    types.length === 0
      ? fc.constant({ contentType: undefined, body: undefined })
      : fc.oneof(
          ...types.map((type) =>
            arbitraryOf(operation.body?.content[type] as JsonSchema, context)
              .filter((value) => documentAccepts(operation.body?.content[type] as JsonSchema, formValue(type, value)))
              .map((value) => ({ contentType: type, body: formValue(type, value) })),
          ),
        );
  return fc
    .record({
      pathParams: fc.record(pathModel),
      query: fc.record(queryModel, { requiredKeys: requiredQuery }),
      body,
    })
    .map(({ pathParams, query, body }) => ({ pathParams, query, ...body }));
}

/** A form-encoded body carries strings only: what the document then reads is each value as a string. */
function formValue(type: string, value: unknown): unknown {
  if (type !== 'application/x-www-form-urlencoded' || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]),
  );
}

/** Whether the document says this request's parameters and body are valid. */
export function documentAcceptsRequest(operation: ApiOperation, request: ApiRequest): boolean {
  for (const parameter of operation.parameters) {
    const source = parameter.in === 'path' ? request.pathParams : parameter.in === 'query' ? request.query : undefined;
    if (!source) continue;
    const value = source[parameter.name];
    if (value === undefined) {
      if (parameter.required) return false;
      continue;
    }
    // What the server reads is the text sent: `true` travels as "true", which no integer accepts.
    const sent = Array.isArray(value) ? value.map(asSent) : asSent(value);
    if (!parameterAccepts(parameter.schema, sent)) return false;
  }
  if (operation.body) {
    // No body at all, or an empty one under a content type: either way nothing was sent.
    if (request.contentType === undefined || request.body === undefined) return !operation.body.required;
    const schema = operation.body.content[request.contentType];
    if (!schema) return false;
    return documentAccepts(schema, formValue(request.contentType, request.body));
  }
  return true;
}

const asSent = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The inject options that send a request of an operation with these headers. */
export function injectOptions(
  operation: ApiOperation,
  request: ApiRequest,
  headers: Record<string, string>,
): InjectOptions {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(String(request.pathParams[name] ?? '')),
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, asSent(item));
  }
  const search = query.toString();
  const options: InjectOptions = {
    method: operation.method as InjectOptions['method'],
    url: search ? `${path}?${search}` : path,
    headers: { ...headers, ...(request.contentType ? { 'content-type': request.contentType } : {}) },
  };
  if (request.contentType !== undefined) {
    const form = request.contentType === 'application/x-www-form-urlencoded';
    const fields = formValue(request.contentType, request.body);
    options.payload =
      form && typeof fields === 'object' && fields !== null && !Array.isArray(fields)
        ? new URLSearchParams(fields as Record<string, string>).toString()
        : JSON.stringify(request.body);
  }
  return options;
}

/** The media type of a response, without parameters. */
export const mediaTypeOf = (response: LightMyRequestResponse) =>
  String(response.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase() ?? '';
