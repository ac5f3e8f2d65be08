import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import Type, { type TSchema } from 'typebox';
import { type StorageFault, storageFaults } from '../db/errors.ts';

/**
 * What the document says about a named schema beyond the schema itself: the media types it is sent in, by status
 * (a face's error body goes out as `application/problem+json`, or as one of Kii's exception types).
 */
interface Component {
  name: string;
  mediaTypes: ((status: number) => string[]) | undefined;
}

// Keyed by the schema object itself: naming is the document's business, so validation and serialisation never see it.
const components = new Map<object, Component>();

/**
 * Names a schema for the OpenAPI document: wherever a route uses this very object (as a body, a response or inside
 * either), `/openapi.json` refers to `#/components/schemas/<name>` instead of repeating it. `mediaTypes` gives the
 * types a response of that status is sent in, when they are not `application/json`. Returns the schema unchanged.
 */
export function component<T extends TSchema>(
  name: string,
  schema: T,
  options: { mediaTypes?: (status: number) => string[] } = {},
): T {
  for (const known of components.values()) {
    if (known.name === name) throw new Error(`two schemas are named ${name} in the OpenAPI document`);
  }
  components.set(schema, { name, mediaTypes: options.mediaTypes });
  return schema;
}

/**
 * The security schemes of every face, by the names route schemas give in `security`. Clients send the same opaque
 * access token to every face; each face reads it from its own headers, so each has a scheme of its own.
 */
const securitySchemes = {
  kiiAppId: {
    type: 'apiKey',
    in: 'header',
    name: 'x-kii-appid',
    description: "The app's id (Persona also reads `x-app-id`). Sent together with `x-kii-appkey`.",
  },
  kiiAppKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-kii-appkey',
    description: "The app's key (Persona also reads `x-app-key`). Sent together with `x-kii-appid`.",
  },
  kiiAppBasic: {
    type: 'http',
    scheme: 'basic',
    description:
      '`appID:appKey` as HTTP Basic; on the token endpoints with `grant_type=client_credentials`, `client_id:client_secret`.',
  },
  kiiToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opaque',
    description: 'An access token from `POST /api/oauth2/token` (a user, pseudo user or app admin).',
  },
  kipToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opaque',
    description:
      "A user's access token, from any face's token endpoint (`POST /api/oauth2/token`); the app admin's token where " +
      'the admin may act (a user named by id in the path, the catalogues).',
  },
  householdToken: {
    type: 'apiKey',
    in: 'header',
    name: 'token',
    description: "A user's access token, as NAGRA clients send it.",
  },
  householdNvAuthorizations: {
    type: 'apiKey',
    in: 'header',
    name: 'nv-authorizations',
    description: "A user's access token, with or without `Bearer `.",
  },
  householdBearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opaque',
    description: "A user's access token as `Authorization: Bearer`.",
  },
  v1AppId: {
    type: 'apiKey',
    in: 'header',
    name: 'x-app-id',
    description: "The app's id (Kii's `x-kii-appid` also does). Sent together with `x-app-key`.",
  },
  v1AppKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-app-key',
    description: "The app's key (Kii's `x-kii-appkey` also does). Sent together with `x-app-id`.",
  },
  v1Session: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opaque',
    description:
      "A session token from `POST /v1/user/auth/register`, `/login` or `/refresh-session` (any face's access token); " +
      "public profiles also take the app admin's token.",
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opaque',
    description:
      'An app-admin token: `POST /api/oauth2/token` with `grant_type=client_credentials`, `client_id`, `client_secret`.',
  },
} as const;

export type SecuritySchemeName = keyof typeof securitySchemes;
/** A route's `security`: any one of the requirements suffices; `{}` means the call may be anonymous. */
export type Security = Partial<Record<SecuritySchemeName, []>>[];

const tags = [
  { name: 'Kii user API', description: 'Kii Cloud user management: `/api/...`, Kii content types and error bodies.' },
  { name: 'KIP: preferences', description: 'KIP People API: `{data, meta, links}` envelopes, RFC 7807 errors.' },
  { name: 'KIP: student information', description: 'KIP People API: student information per academic year.' },
  { name: 'KIP: metadata', description: 'KIP People API: the catalogues users choose from.' },
  { name: 'KIP: movies', description: 'KIP People API: watch history and recommendations.' },
  {
    name: 'Household profiles',
    description: 'NAGRA-style household profiles, icons, PIN; errors `{status, code, message}`.',
  },
  {
    name: 'v1 User Profile',
    description: 'XBorg-style profile API under `/v1`: sessions, profile, errors `{code, message}`.',
  },
  { name: 'Admin API', description: "An app's operators: settings and users, with an app-admin token." },
  { name: 'Admin API: catalogues', description: 'Preference options, schools, study levels, ratings bodies, icons.' },
  { name: 'Admin API: movies and history', description: 'The movie catalogue and bulk history ingestion.' },
  { name: 'Admin API: social', description: 'Containers (communities) and their members, notifications.' },
  {
    name: 'Admin API: messages',
    description: 'Messages to users: send a reset or a verification, the outbox, templates per kind and locale.',
  },
  {
    name: 'Links',
    description: 'The pages links in messages open: confirm an address, choose a new password (HTML).',
  },
  { name: 'Operations', description: 'Liveness and readiness.' },
];

const statusDescriptions: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'No content',
  '400': 'The request is malformed or refused by a rule',
  '401': 'Credentials are missing, unknown or expired',
  '403': 'The caller may not do this',
  '404': 'No such resource (or not visible to this caller)',
  '409': 'Conflicts with the current state',
  '503': 'The database did not answer in time, or cannot store anything (the body names the cause)',
};

/** The `cause` every face's error body carries when the database's storage failed (503; docs/errors.md). */
export const StorageFaultCause = Type.Unsafe<StorageFault>({
  type: 'string',
  enum: [...storageFaults],
  description: 'Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md',
});

type SchemaNode = Record<string, unknown>;

/**
 * Spread into a route's schema whose body may be left out (the route fills in `{}` before validation): the document
 * then says the request body is optional, which @fastify/swagger alone never does.
 */
export const optionalBody = { 'x-optional-body': true } as const;

/** Marks the request bodies of routes with `optionalBody` as not required, and drops the marker. */
function withOptionalBodies(document: Record<string, unknown>): Record<string, unknown> {
  const paths = (document.paths ?? {}) as Record<string, Record<string, SchemaNode>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (operation['x-optional-body'] === undefined) continue;
      delete operation['x-optional-body'];
      if (operation.requestBody) (operation.requestBody as SchemaNode).required = false;
    }
  }
  return document;
}

/**
 * A copy of `schema` for the document in which every named schema (but `keep`) is a `$ref` to its component. The
 * route's own schema objects are never changed: fastify validates and serialises with them.
 */
function withRefs(schema: unknown, keep?: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => withRefs(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const named = schema === keep ? undefined : components.get(schema);
  if (named) return { $ref: `${named.name}#` };
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withRefs(value)]));
}

/**
 * A route's responses as the document gives them: each with its status's description, in the media types it is
 * really sent in (a named error body says which; success bodies take the route's `produces`, else JSON), the body a
 * `$ref` where it is named.
 */
function documentedResponses(response: Record<string, unknown>, produces: readonly string[] | undefined) {
  return Object.fromEntries(
    Object.entries(response).map(([status, schema]) => {
      const node = schema as SchemaNode;
      const description = statusDescriptions[status] ?? 'Response';
      if (node.type === 'null') return [status, { ...node, description }];
      const mediaTypes =
        components.get(node)?.mediaTypes?.(Number(status)) ??
        (Number(status) < 300 && produces ? [...produces] : ['application/json']);
      const documented = withRefs(node);
      return [
        status,
        { description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: documented }])) },
      ];
    }),
  );
}

function documentedSchema(schema: FastifySchema): FastifySchema {
  const { body, response, produces, ...rest } = schema as FastifySchema & { produces?: string[] };
  return {
    ...rest,
    ...(body ? { body: withRefs(body) } : {}),
    ...(response ? { response: documentedResponses(response as Record<string, unknown>, produces) } : {}),
  };
}

/** `/openapi.json` (OpenAPI 3.1, generated from the route schemas) and `/docs` (Swagger UI, served locally). */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Persona',
        version: '0.1.0',
        description:
          'One user-profile core behind several API faces: the Kii user API, the KIP People API, household ' +
          'profiles, the v1 User Profile API and the admin API. Each face has its own credentials, content types ' +
          'and error body; an access token from any face works on every face.',
      },
      // Relative: "Try it out" on /docs calls the Persona that serves the page, wherever it runs.
      servers: [{ url: '/', description: 'The Persona serving this document' }],
      tags,
      components: { securitySchemes },
    },
    transform: ({ schema, url }) => ({ schema: schema ? documentedSchema(schema) : schema, url }),
    transformObject: (documents) =>
      'openapiObject' in documents
        ? (withOptionalBodies(documents.openapiObject as Record<string, unknown>) as typeof documents.openapiObject)
        : documents.swaggerObject,
    // Shared schemas keep their `$id` as their component name (the default would be `def-<n>`).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // The named schemas live in a scope of their own, which no route shares: only the document reads them.
  await app.register((scope, _options, done) => {
    for (const [schema, { name }] of components)
      scope.addSchema({ ...(withRefs(schema, schema) as object), $id: name });
    done();
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
