import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { testDatabases } from '../helpers/databases.ts';
import {
  type ApiDocument,
  type ApiOperation,
  type ApiRequest,
  buildWorld,
  type CallerKind,
  callerKinds,
  credentialHeaders,
  documentAcceptsRequest,
  injectOptions,
  isAdminOnly,
  isAnonymous,
  jobsSettled,
  readDocument,
  requirementKinds,
  sampleOne,
  snapshotDifference,
  snapshotOwner,
  validRequests,
  type World,
  worldHolds,
  worldProperties,
  worldValue,
} from '../helpers/openapi-world.ts';
import { startPersona, type TestPersona } from '../helpers/persona.ts';

/*
 * The outside view, kept: every operation of `/openapi.json` (a new route is walked without being listed here),
 * called with a valid request that names the owner's world, by every kind of caller. It fails on a 2xx that the
 * caller should not get, on any write that a refused call left behind (every row of the owner and the owner's app
 * is compared before and after), and on any 5xx.
 */

/**
 * Non-GET calls a token bound to a child profile may make (the child-profile policy, docs/faces/households.md):
 * switching profile (leaving a child profile for one that is not needs the PIN). Every other call that writes the
 * account is the account owner's alone.
 */
const childMayCall = new Set(['switchProfile']);

/** Operations whose valid request carries a code the server sent in a message (a reset PIN, a verification code). */
const needsSentCode = new Set(['completePasswordReset', 'verifyEmailAddress', 'verifyPhoneNumber']);

interface Expectation {
  /** Whether this caller may get a 2xx. */
  may2xx: boolean;
  /** When the call is refused, the statuses that may refuse it. */
  refusals: number[];
  /** Whether the owner's data must be as it was after the call (every call but the owner's own and its admin's). */
  leavesOwnerAlone: boolean;
  /** Whether the call must be served (the fixture's request is valid and the caller fits): no 400 and no 401. */
  served: boolean;
}

/** Whether the scheme of the operation that takes a token admits the app admin's token, as its description says. */
function admitsAdmin(document: ApiDocument, operation: ApiOperation): boolean {
  return operation.security.some((requirement) =>
    Object.keys(requirement).some((name) => {
      const scheme = document.securitySchemes[name] as { description?: string } | undefined;
      return /admin/i.test(name) || /\badmin\b/i.test(scheme?.description ?? '');
    }),
  );
}

/** What each kind of caller may get from an operation, from the document and the child-profile policy. */
function expectationOf(document: ApiDocument, operation: ApiOperation, world: World, caller: CallerKind): Expectation {
  const allowed: Expectation = { may2xx: true, refusals: [], leavesOwnerAlone: false, served: false };
  const refused = (refusals: number[]): Expectation => ({
    may2xx: false,
    refusals,
    leavesOwnerAlone: true,
    served: false,
  });
  if (isAnonymous(operation)) return allowed;
  // An operation that takes only the app's id and key (a v1 log-in) is anyone's who holds them: a token is beside the
  // point (the fuzz test calls it with the app's credentials).
  if (requirementKinds(document, operation).every((kind) => kind === 'app')) return allowed;
  const named = operation.parameters
    .filter((parameter) => parameter.in === 'path')
    .map((parameter) => worldValue(world, operation, parameter.name))
    .filter((value) => value !== undefined);
  const namesOwner = named.some((value) => value.owned);
  const namesWorld = named.length > 0;
  const adminOnly = isAdminOnly(operation);
  const appReadable = operation.method === 'GET' && requirementKinds(document, operation).includes('app');
  const takesApp = requirementKinds(document, operation).includes('app');
  switch (caller) {
    case 'none':
    case 'garbage':
    case 'revoked':
    case 'expired':
    case 'refreshAsBearer':
      return refused([401]);
    case 'foreignUser':
    case 'foreignAdmin': {
      // Another app's caller acts on its own app at best; naming anything of this app is refused.
      if (namesWorld) return refused([401, 403, 404]);
      const fits = caller === 'foreignAdmin' ? adminOnly || admitsAdmin(document, operation) : !adminOnly;
      return fits ? { ...allowed, leavesOwnerAlone: true } : refused([401, 403]);
    }
    case 'otherUser':
      if (adminOnly) return refused([403]);
      // A call the app's key may make (a password reset) names the user it is for, not a user the caller must be.
      if (takesApp) return allowed;
      if (namesOwner && !appReadable) return refused([403, 404]);
      return { ...allowed, leavesOwnerAlone: true };
    case 'admin':
      if (adminOnly) return { ...allowed, served: true };
      if (admitsAdmin(document, operation)) return allowed;
      return refused([403]);
    case 'child':
      if (adminOnly) return refused([403]);
      if (operation.method === 'GET') return allowed;
      // Calls the app's key may make (a sign-up) act on the app, not on the account.
      if (takesApp) return { ...allowed, leavesOwnerAlone: true };
      if (childMayCall.has(operation.operationId)) return allowed;
      return refused([403]);
    case 'owner':
      if (adminOnly) return refused([403]);
      // A code sent in a message is what these take: the world cannot know it, so they may answer 400.
      if (needsSentCode.has(operation.operationId)) return allowed;
      return { ...allowed, served: true };
  }
}

/** GETs first, then writes, deletions last: fewer calls spoil the world for those after them. */
const methodRank: Record<string, number> = { GET: 0, PATCH: 1, PUT: 2, POST: 3, DELETE: 4 };
/** Fixed, so that a failure is met again by running the test again. */
const seed = 19;

for (const database of testDatabases) {
  describe(`the caller matrix on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let document: ApiDocument;

    before(async () => {
      persona = await startPersona(database);
      document = await readDocument(persona);
    });
    after(() => persona?.close());

    it('gives every operation to the callers who may have it, and nothing to the others', async () => {
      const started = Date.now();
      let world = await buildWorld(persona);
      let rebuilt = 0;
      const problems: string[] = [];
      let calls = 0;
      const operations = [...document.operations].sort(
        (a, b) => (methodRank[a.method] ?? 5) - (methodRank[b.method] ?? 5),
      );
      assert.ok(operations.length > 50, `only ${operations.length} operations`);

      const requestOf = (operation: ApiOperation): ApiRequest => {
        const context = { known: worldProperties(world), knownWeight: 1, optional: ['oldPassword', 'currentPin'] };
        const request = sampleOne(validRequests(operation, world, context), seed);
        assert.ok(
          documentAcceptsRequest(operation, request),
          `${operation.operationId}: the fixture's request is valid`,
        );
        return request;
      };
      const send = async (operation: ApiOperation, request: ApiRequest, caller: CallerKind) => {
        calls++;
        const headers =
          caller === 'none' ? {} : credentialHeaders(document, operation, { token: world.tokens[caller] });
        return persona.request(injectOptions(operation, request, headers));
      };

      for (const operation of operations) {
        let request = requestOf(operation);
        // Callers the owner's data must survive first, each between two snapshots; then those who may change it.
        const order = [...callerKinds].sort(
          (a, b) =>
            Number(!expectationOf(document, operation, world, a).leavesOwnerAlone) -
            Number(!expectationOf(document, operation, world, b).leavesOwnerAlone),
        );
        await jobsSettled(persona, world);
        let snapshot = await snapshotOwner(persona, world);
        for (const caller of order) {
          const expected = expectationOf(document, operation, world, caller);
          const response: LightMyRequestResponse = await send(operation, request, caller);
          const status = response.statusCode;
          const where = `${operation.method} ${operation.path} (${operation.operationId}) as ${caller}`;
          const found: string[] = [];
          if (status >= 500) found.push(`answered ${status}: ${response.body.slice(0, 200)}`);
          else if (status < 300 && !expected.may2xx) found.push(`answered ${status} to a caller who may not have it`);
          else if (status >= 300 && !expected.may2xx && !expected.refusals.includes(status)) {
            found.push(`refused with ${status}, not ${expected.refusals.join(' or ')}: ${response.body.slice(0, 200)}`);
          } else if (expected.served && (status === 400 || status === 401)) {
            found.push(`was not served (${status}): ${response.body.slice(0, 300)}`);
          }
          if (expected.leavesOwnerAlone) {
            const now = await snapshotOwner(persona, world);
            if (now !== snapshot) found.push(`left a write behind (${status}):\n${snapshotDifference(snapshot, now)}`);
            snapshot = now;
          }
          for (const problem of found) problems.push(`${where} ${problem}`);
          if (status < 300 && operation.method !== 'GET' && !(await worldHolds(persona, world))) {
            world = await buildWorld(persona);
            rebuilt++;
            request = requestOf(operation);
            snapshot = await snapshotOwner(persona, world);
          }
        }
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `caller matrix on ${database.name}: ${operations.length} operations, ${calls} calls, ${rebuilt} worlds rebuilt, ${seconds} s`,
      );
      assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`);
    });
  });
}
