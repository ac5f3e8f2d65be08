import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testDatabases } from '../helpers/databases.ts';
import {
  type ApiDocument,
  type ApiOperation,
  type ApiRequest,
  buildWorld,
  credentialHeaders,
  documentAcceptsRequest,
  type GenerationContext,
  injectOptions,
  isAdminOnly,
  type JsonSchema,
  mediaTypeOf,
  readDocument,
  requirementKinds,
  validRequests,
  type World,
  worldHolds,
  worldProperties,
} from '../helpers/openapi-world.ts';
import { startPersona, type TestPersona } from '../helpers/persona.ts';

/*
 * The contract, tried from the outside: requests generated from `/openapi.json` alone — valid ones, and valid ones
 * with one rule broken on purpose — sent with real credentials of each security scheme, so that they get past
 * authentication. It fails on any 5xx, on a status or content type the document does not give for the operation,
 * and on a 2xx to a request the document says is invalid. Bounded: `FUZZ_RUNS` requests per operation (default 24);
 * `FUZZ_SEED` replays a run (the seed is printed, and fast-check prints the seed and path of a failure).
 */

const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 24);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/**
 * `FUZZ_REPORT_REFUSED=1` lists the 400s answered to requests the document calls valid: rules the server keeps that
 * the document does not state (each either belongs in the route's schema, or in the operation's description when a
 * schema cannot say it, such as rules across fields or about stored data).
 */
const reportRefusedValid = process.env.FUZZ_REPORT_REFUSED === '1';
const methodRank: Record<string, number> = { GET: 0, PATCH: 1, PUT: 2, POST: 3, DELETE: 4 };

/** A value of another JSON type than the schema's, as a client that got the type wrong would send. */
function wrongType(schema: JsonSchema): unknown[] {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const candidates: unknown[] = [];
  if (!types.includes('string')) candidates.push('text');
  if (!types.includes('integer') && !types.includes('number')) candidates.push(12345);
  if (!types.includes('boolean')) candidates.push(true);
  if (!types.includes('object')) candidates.push({ unexpected: 1 });
  if (!types.includes('array')) candidates.push(['item']);
  if (!types.includes('null')) candidates.push(null);
  return candidates;
}

/** Values that break one rule of `schema`, taking `value` (a valid one) as the starting point. */
function breakersOf(schema: JsonSchema, value: unknown): unknown[] {
  const broken: unknown[] = [...wrongType(schema)];
  if (typeof schema.minLength === 'number' && schema.minLength > 0) broken.push('');
  if (typeof schema.maxLength === 'number') broken.push('x'.repeat(Math.min(schema.maxLength + 1, 10_000)));
  if (typeof schema.pattern === 'string' && typeof value === 'string') broken.push(`${value} !`, ' ', '%');
  if (Array.isArray(schema.enum) || 'const' in schema) broken.push('not-one-of-them');
  if (schema.format === 'uuid') broken.push('not-a-uuid', '0198c2a4-5b7e-7c3d-9f1a');
  if (schema.format === 'date-time') broken.push('yesterday', '2026-02-30T25:00:00Z');
  if (typeof schema.minimum === 'number') broken.push(schema.minimum - 1);
  if (typeof schema.maximum === 'number') broken.push(schema.maximum + 1);
  if (schema.type === 'integer') broken.push(1.5);
  if (typeof schema.minItems === 'number' && schema.minItems > 0) broken.push([]);
  if (typeof schema.maxItems === 'number' && Array.isArray(value) && schema.maxItems < 200) {
    broken.push(Array.from({ length: schema.maxItems + 1 }, () => value[0] ?? 'x'));
  }
  return broken;
}

/** Every request that differs from `request` by one broken rule: of a parameter, of the body or of one property. */
function mutationsOf(operation: ApiOperation, request: ApiRequest): ApiRequest[] {
  const mutations: ApiRequest[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      for (const value of breakersOf(parameter.schema, request.pathParams[parameter.name])) {
        // An empty or object segment is another path, not a broken parameter of this one.
        if (value === '' || typeof value === 'object') continue;
        mutations.push({ ...request, pathParams: { ...request.pathParams, [parameter.name]: String(value) } });
      }
    } else if (parameter.in === 'query') {
      if (parameter.required) {
        const { [parameter.name]: _dropped, ...rest } = request.query;
        mutations.push({ ...request, query: rest });
      }
      for (const value of breakersOf(parameter.schema, request.query[parameter.name])) {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) continue;
        mutations.push({ ...request, query: { ...request.query, [parameter.name]: value } });
      }
    }
  }
  const schema = request.contentType ? operation.body?.content[request.contentType] : undefined;
  if (schema) {
    mutations.push({ ...request, body: undefined, contentType: request.contentType });
    for (const [path, site, value] of sitesOf(schema, request.body, [])) {
      for (const broken of breakersOf(site, value))
        mutations.push({ ...request, body: replaced(request.body, path, broken) });
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const key of (site.required as string[] | undefined) ?? []) {
          const { [key]: _dropped, ...rest } = value as Record<string, unknown>;
          mutations.push({ ...request, body: replaced(request.body, path, rest) });
        }
        if (site.additionalProperties === false) {
          mutations.push({ ...request, body: replaced(request.body, path, { ...value, unexpectedKey: 1 }) });
        }
      }
    }
  }
  return mutations;
}

/** The body itself and each value inside it (two levels of objects and first items of arrays), with its schema. */
function sitesOf(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[],
): [(string | number)[], JsonSchema, unknown][] {
  const sites: [(string | number)[], JsonSchema, unknown][] = [[path, schema, value]];
  if (path.length > 4) return sites;
  if (Array.isArray(value) && schema.items && value.length > 0) {
    sites.push(...sitesOf(schema.items as JsonSchema, value[0], [...path, 0]));
  } else if (typeof value === 'object' && value !== null) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, item] of Object.entries(value)) {
      if (properties[key]) sites.push(...sitesOf(properties[key], item, [...path, key]));
    }
  }
  return sites;
}

function replaced(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

for (const database of testDatabases) {
  describe(`the contract, fuzzed from /openapi.json on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let document: ApiDocument;
    let world: World;

    before(async () => {
      persona = await startPersona(database);
      document = await readDocument(persona);
      world = await buildWorld(persona);
    });
    after(() => persona?.close());

    it('answers every generated request with a documented status and content type, and no invalid one with a 2xx', async () => {
      console.log(`contract fuzz on ${database.name}: seed ${seed}, ${runsPerOperation} requests per operation`);
      const started = Date.now();
      let requests = 0;
      let refusedInvalid = 0;
      const refusedValid = new Set<string>();
      const operations = [...document.operations].sort(
        (a, b) => (methodRank[a.method] ?? 5) - (methodRank[b.method] ?? 5),
      );
      for (const [index, operation] of operations.entries()) {
        // The credentials a caller who may call it has: the admin's token, the owner's, or the app's key.
        const credentials = (current: World) => {
          const kinds = requirementKinds(document, operation);
          const token = isAdminOnly(operation) ? current.tokens.admin : current.tokens.owner;
          return [
            ...kinds.map((kind, requirement) => ({
              requirement,
              credential: kind === 'token' ? { token } : { app: current.app },
            })),
            ...(kinds.length === 0 ? [{ requirement: undefined, credential: undefined }] : []),
          ];
        };
        const context: GenerationContext = { known: worldProperties(world), knownWeight: 0.7, optional: 'all' };
        const valid = validRequests(operation, world, context);
        const requestArbitrary = fc.oneof(
          valid.map((request) => ({ request, mutated: false })),
          valid.chain((request) => {
            const mutations = mutationsOf(operation, request);
            return mutations.length === 0
              ? fc.constant({ request, mutated: false })
              : fc.constantFrom(...mutations).map((mutation) => ({ request: mutation, mutated: true }));
          }),
        );
        const property = fc.asyncProperty(requestArbitrary, fc.nat(), async ({ request }, pick) => {
          const choices = credentials(world);
          const { requirement, credential } = choices[pick % choices.length] as (typeof choices)[number];
          const headers = credentialHeaders(document, operation, credential, requirement);
          const options = injectOptions(operation, request, headers);
          const response = await persona.request(options);
          requests++;
          const status = String(response.statusCode);
          const where = `${options.method} ${options.url} ${String(options.payload ?? '').slice(0, 300)}`;
          assert.ok(response.statusCode < 500, `${where} → ${status} ${response.body.slice(0, 300)}`);
          const documented = operation.responses[status] ?? operation.responses.default;
          assert.ok(documented, `${where} → ${status}, which ${operation.operationId} does not document`);
          if (documented.length === 0) assert.equal(response.body, '', `${where} → ${status} has a body`);
          else {
            const type = mediaTypeOf(response);
            assert.ok(
              documented.some((media) => media.toLowerCase() === type),
              `${where} → ${status} in ${type}, not ${documented.join(', ')}`,
            );
          }
          if (reportRefusedValid && response.statusCode === 400 && documentAcceptsRequest(operation, request)) {
            refusedValid.add(`${operation.operationId}: ${response.body.slice(0, 240)}`);
          }
          if (!documentAcceptsRequest(operation, request)) {
            assert.ok(
              response.statusCode >= 400,
              `${where} → ${status}: accepted, but the document says the request is invalid`,
            );
            refusedInvalid++;
          }
          if (response.statusCode < 300 && operation.method !== 'GET' && !(await worldHolds(persona, world))) {
            world = await buildWorld(persona);
          }
        });
        await fc.assert(property, { numRuns: runsPerOperation, seed: seed + index, endOnFailure: true });
      }
      if (reportRefusedValid) console.log([...refusedValid].sort().join('\n'));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `contract fuzz on ${database.name}: ${operations.length} operations, ${requests} requests (${refusedInvalid} invalid ones refused), ${seconds} s`,
      );
      assert.ok(refusedInvalid > operations.length, 'the fuzz sent invalid requests');
    });
  });
}
