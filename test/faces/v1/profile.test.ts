import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';
import { assertV1Error, register, v1AppHeaders, v1Call } from './helpers.ts';

const allFields = [
  'id',
  'displayName',
  'handle',
  'biography',
  'dateOfBirth',
  'email',
  'locale',
  'country',
  'avatarUrl',
  'createdAt',
  'referralCode',
];

/** A handle no other test uses (3 to 30 of a-z, 0-9, _). */
const newHandle = (prefix = 'h') => uniqueName(prefix).toLowerCase().slice(-30);

for (const database of testDatabases) {
  describe(`v1 profile on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const read = (token: string, query: string) => v1Call(persona, token, 'GET', `/v1/user/profile?${query}`);
    const update = (token: string, body: unknown) => v1Call(persona, token, 'POST', '/v1/user/profile', body);

    it('answers exactly the fields asked, as a comma list or repeated', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      const comma = await read(session.sessionToken, 'fields=displayName,handle');
      assert.equal(comma.statusCode, 200, comma.body);
      assert.deepEqual(comma.json(), { displayName: null, handle: null });
      const repeated = await read(session.sessionToken, 'fields=email&fields=id&fields=email');
      assert.deepEqual(repeated.json(), { email: session.email, id: session.userId });
      const all = await read(session.sessionToken, `fields=${allFields.join(',')}`);
      assert.deepEqual(Object.keys(all.json()).sort(), [...allFields].sort());
      assert.match(all.json().createdAt, /^\d{4}-\d\d-\d\dT/);
      assert.match(all.json().referralCode, /^r-[0-9a-z]{8}$/);
    });

    it('refuses unknown or missing fields with 400 naming them', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      for (const query of ['fields=displayName,password', 'fields=passwordHash', 'fields=', '', 'fields=id,']) {
        const body = assertV1Error(await read(session.sessionToken, query), 400, 'generic_client_error', 10002);
        assert.ok(
          body.details?.some((detail) => detail.field.startsWith('fields')),
          JSON.stringify(body),
        );
      }
    });

    it('is the user’s own: no token is 401, an admin token 403', async () => {
      const app = await persona.createApp();
      assertV1Error(await v1Call(persona, undefined, 'GET', '/v1/user/profile?fields=id'), 401, 'GENERIC_UNAUTHORIZED');
      const admin = await persona.adminToken(app);
      assertV1Error(await read(admin, 'fields=id'), 403, 'generic_forbidden', 10006);
      assertV1Error(await update(admin, { biography: 'x' }), 403, 'generic_forbidden');
    });

    it('changes the profile and answers it whole; the referral code becomes the handle', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      const handle = newHandle('Me_');
      const changed = await update(session.sessionToken, {
        displayName: 'Ana Lima',
        handle,
        biography: 'Plays at night.',
        dateOfBirth: { year: 1990, month: 2, day: 28 },
        avatarUrl: 'https://cdn.example.com/a.png',
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const body = changed.json();
      assert.deepEqual(Object.keys(body).sort(), [...allFields].sort());
      assert.equal(body.handle, handle);
      assert.equal(body.referralCode, handle);
      assert.deepEqual(body.dateOfBirth, { year: 1990, month: 2, day: 28 });
      const again = await read(session.sessionToken, 'fields=displayName,biography,dateOfBirth,avatarUrl,handle');
      assert.deepEqual(again.json(), {
        displayName: 'Ana Lima',
        biography: 'Plays at night.',
        dateOfBirth: { year: 1990, month: 2, day: 28 },
        avatarUrl: 'https://cdn.example.com/a.png',
        handle,
      });
      const removed = await update(session.sessionToken, { avatarUrl: null });
      assert.equal(removed.json().avatarUrl, null);
      // The admin sees the public side with the rest of the account.
      const seen = await persona.request({
        method: 'GET',
        url: `/admin/v1/users/${session.userId}`,
        headers: bearer(await persona.adminToken(app)),
      });
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json().handle, handle);
      assert.equal(seen.json().biography, 'Plays at night.');
      assert.equal(seen.json().dateOfBirth, '1990-02-28');
      assert.equal(seen.json().avatarUrl, null);
    });

    it('refuses what the rules refuse, every problem named, and changes nothing', async () => {
      const app = await persona.createApp();
      const session = await register(persona, app);
      const nextYear = new Date().getUTCFullYear() + 1;
      const today = new Date();
      const cases: [Record<string, unknown>, string][] = [
        [{ handle: 'ab' }, 'handle'],
        [{ handle: 'has space' }, 'handle'],
        [{ handle: 'x'.repeat(31) }, 'handle'],
        [{ biography: 'b'.repeat(501) }, 'biography'],
        [{ displayName: '   ' }, 'displayName'],
        [{ displayName: '' }, 'displayName'],
        [{ dateOfBirth: { year: 1990, month: 2, day: 30 } }, 'dateOfBirth'],
        [{ dateOfBirth: { year: 1899, month: 12, day: 31 } }, 'dateOfBirth'],
        [{ dateOfBirth: { year: nextYear, month: 1, day: 1 } }, 'dateOfBirth'],
        [
          {
            dateOfBirth: {
              year: today.getUTCFullYear(),
              month: today.getUTCMonth() + 1,
              day: today.getUTCDate(),
            },
          },
          'dateOfBirth',
        ],
        [{ dateOfBirth: { year: 1990, month: 13, day: 1 } }, 'dateOfBirth'],
        [{ dateOfBirth: '1990-01-01' }, 'dateOfBirth'],
        [{ avatarUrl: 'ftp://example.com/a.png' }, 'avatarUrl'],
        [{ email: 'new@example.com' }, 'email'],
      ];
      for (const [body, field] of cases) {
        const refused = assertV1Error(await update(session.sessionToken, body), 400, 'generic_client_error');
        assert.ok(
          refused.details?.some((detail) => detail.field.startsWith(field)),
          `${JSON.stringify(body)}: ${JSON.stringify(refused)}`,
        );
      }
      // A change with one bad field changes none of the others.
      const mixed = await update(session.sessionToken, { displayName: 'Kept out', biography: 'b'.repeat(501) });
      assertV1Error(mixed, 400, 'generic_client_error');
      const unchanged = await read(session.sessionToken, 'fields=displayName,biography,handle,dateOfBirth');
      assert.deepEqual(unchanged.json(), { displayName: null, biography: null, handle: null, dateOfBirth: null });
    });

    it('keeps handles unique per app whatever their case, not across apps', async () => {
      const app = await persona.createApp();
      const other = await persona.createApp();
      const handle = newHandle();
      const first = await register(persona, app);
      const second = await register(persona, app);
      const elsewhere = await register(persona, other);
      assert.equal((await update(first.sessionToken, { handle: handle.toUpperCase() })).statusCode, 200);
      assertV1Error(await update(second.sessionToken, { handle }), 409, 'handle_taken', 10008);
      assert.equal((await read(second.sessionToken, 'fields=handle')).json().handle, null);
      // The owner may change the case of its own handle; another app's user may have the same one.
      assert.equal((await update(first.sessionToken, { handle })).statusCode, 200);
      assert.equal((await update(elsewhere.sessionToken, { handle })).statusCode, 200);
    });

    it('gives a handle to exactly one of 20 accounts claiming it at once', async () => {
      const app = await persona.createApp();
      const sessions = await Promise.all(Array.from({ length: 20 }, () => register(persona, app)));
      const handle = newHandle('race');
      const answers = await Promise.all(
        sessions.map((session, i) =>
          update(session.sessionToken, { handle: i % 2 === 0 ? handle : handle.toUpperCase() }),
        ),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      assert.deepEqual(statuses, [200, ...Array(19).fill(409)], answers.map((a) => a.body).join('\n'));
      for (const answer of answers.filter((a) => a.statusCode === 409)) assertV1Error(answer, 409, 'handle_taken');
      const holders = await persona.database.db
        .selectFrom('users')
        .select('id')
        .where('app_id', '=', app.appId)
        .where('handle_key', '=', handle)
        .execute();
      assert.equal(holders.length, 1);
    });

    it('gives a handle to exactly one of 10 registrations naming it at once; the others leave no account', async () => {
      const app = await persona.createApp();
      const handle = newHandle('reg');
      const emails = Array.from({ length: 10 }, () => `${uniqueName()}@example.com`);
      const answers = await Promise.all(
        emails.map((email) =>
          persona.request({
            method: 'POST',
            url: '/v1/user/auth/register',
            headers: v1AppHeaders(app),
            payload: { email, password: 'pass-word1', handle },
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      assert.deepEqual(statuses, [201, ...Array(9).fill(409)], answers.map((a) => a.body).join('\n'));
      const users = await persona.database.db
        .selectFrom('users')
        .select(['email_key', 'handle'])
        .where('app_id', '=', app.appId)
        .execute();
      assert.equal(users.length, 1);
      assert.equal(users[0]?.handle, handle);
    });
  });
}
