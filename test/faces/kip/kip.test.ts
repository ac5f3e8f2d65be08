import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, startPersona, type TestPersona, type TestUser } from '../../helpers/persona.ts';

/** Asserts an RFC 7807 answer of the KIP face: status, problem+json, no stack; returns the body. */
function assertProblem(response: LightMyRequestResponse, status: number): Record<string, unknown> {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(body.status, status);
  for (const key of ['type', 'title', 'detail']) assert.equal(typeof body[key], 'string', key);
  assert.doesNotMatch(response.body, /\bat .+\.ts:\d+/);
  return body;
}

/** Asserts a validation problem that names each of `fields`. */
function assertInvalid(response: LightMyRequestResponse, ...fields: string[]): void {
  const body = assertProblem(response, 400);
  assert.equal(body.title, 'Request validation failed.');
  const named = (body.errors as { field: string; message: string }[]).map((error) => error.field);
  for (const field of fields) assert.ok(named.includes(field), `${field} not in ${JSON.stringify(body.errors)}`);
}

interface Option {
  id: string;
  category: string;
  label: string;
  value: boolean;
}

for (const database of testDatabases) {
  describe(`KIP face on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const call = (token: string | undefined, method: InjectOptions['method'], url: string, payload?: unknown) =>
      persona.request({
        method,
        url,
        headers: token === undefined ? {} : bearer(token),
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
      const response = await call(token, method, url, payload);
      assert.equal(response.statusCode, 200, `${method} ${url}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      return response.json();
    };

    /** An app with a small catalogue of every kind, an admin token and two users. */
    const world = async () => {
      const app = await persona.createApp('KIP app');
      const admin = await persona.adminToken(app);
      const options = [
        { category: 'MovieGenre', label: 'Horror', attribute: 'genre:Horror', position: 2 },
        { category: 'MovieGenre', label: 'Comedy', attribute: 'genre:Comedy', position: 1 },
        { category: 'MovieGenre', label: 'Drama', position: 1 },
        { category: 'MovieActor', label: 'Tom Hanks', attribute: 'actor:Tom Hanks' },
        { category: 'Newsletter', label: 'Weekly' },
        { category: 'OtherSport', label: 'Football' },
      ];
      assert.deepEqual(await ok(admin, 'PUT', '/admin/v1/preference-options', { items: options }), { count: 6 });
      const schools = [
        { id: 'be-0001', name: 'École Européenne de Bruxelles' },
        { id: 'be-0002', name: 'Sint-Jozefscollege Aalst' },
        { id: 'de-0001', name: 'Gymnasium Straße der Einheit' },
        { id: 'nl-0001', name: 'Stedelijk Gymnasium Leiden' },
      ];
      await ok(admin, 'PUT', '/admin/v1/schools', { items: schools });
      await ok(admin, 'PUT', '/admin/v1/study-levels', {
        items: [
          { id: 'bachelor', name: 'Bachelor' },
          { id: 'master', name: 'Master' },
          { id: 'secondaire', name: 'Enseignement secondaire' },
        ],
      });
      const user = await persona.createUser(app);
      const other = await persona.createUser(app);
      return { app, admin, user, other };
    };

    const preferences = async (token: string, who: string, query: string): Promise<Option[]> =>
      (await ok(token, 'GET', `/users/${who}/profile/preferences?${query}`)).data;

    describe('preferences', () => {
      it('lists every option of the filtered categories, in category then catalogue order, false when never set', async () => {
        const { user } = await world();
        const response = await ok(
          user.accessToken,
          'GET',
          '/users/me/profile/preferences?filter=MovieActor&filter=MovieGenre',
        );
        assert.deepEqual(
          response.data.map((option: Option) => [option.category, option.label, option.value]),
          [
            ['MovieGenre', 'Comedy', false],
            ['MovieGenre', 'Drama', false],
            ['MovieGenre', 'Horror', false],
            ['MovieActor', 'Tom Hanks', false],
          ],
        );
        assert.ok(response.data.every((option: Option) => /^[0-9a-f-]{36}$/.test(option.id)));
        assert.deepEqual(response.links, [
          { rel: 'self', href: '/users/me/profile/preferences?filter=MovieActor&filter=MovieGenre', method: 'GET' },
        ]);
        const commaForm = await preferences(user.accessToken, 'me', 'filter=MovieGenre,MovieActor');
        assert.deepEqual(commaForm, response.data);
        assert.deepEqual(
          (await preferences(user.accessToken, 'me', 'filter=Newsletter')).map((option) => option.label),
          ['Weekly'],
        );
      });

      it('sets a value, idempotently, and only for that user', async () => {
        const { user, other } = await world();
        const [comedy] = await preferences(user.accessToken, 'me', 'filter=MovieGenre');
        assert.ok(comedy);
        for (let i = 0; i < 2; i++) {
          const body = await ok(user.accessToken, 'PATCH', '/users/me/profile/preferences', {
            id: comedy.id,
            value: true,
          });
          assert.equal(body.data, comedy.id);
          assert.ok(Array.isArray(body.links));
        }
        const mine = await preferences(user.accessToken, 'me', 'filter=MovieGenre');
        assert.deepEqual(
          mine.map((option) => option.value),
          [true, false, false],
        );
        const theirs = await preferences(other.accessToken, 'me', 'filter=MovieGenre');
        assert.deepEqual(
          theirs.map((option) => option.value),
          [false, false, false],
        );
        await ok(user.accessToken, 'PATCH', `/users/${user.id}/profile/preferences`, { id: comedy.id, value: false });
        assert.equal((await preferences(user.accessToken, user.id, 'filter=MovieGenre'))[0]?.value, false);
      });

      it('refuses a missing or unknown category and names the filter', async () => {
        const { user } = await world();
        assertInvalid(await call(user.accessToken, 'GET', '/users/me/profile/preferences'), 'filter');
        // The schema names the category rule (`/openapi.json` says it too), and the filter value it refused.
        assertInvalid(
          await call(user.accessToken, 'GET', '/users/me/profile/preferences?filter=MovieGenre,Cats'),
          'filter[0]',
        );
        assertInvalid(
          await call(user.accessToken, 'GET', '/users/me/profile/preferences?filter=moviegenre'),
          'filter[0]',
        );
      });

      it('answers 404 for an option id the app does not have, and 400 for a body that is not {id, value}', async () => {
        const { app, user } = await world();
        assertProblem(
          await call(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: randomUUID(), value: true }),
          404,
        );
        // Another app's option is as unknown as one that never existed.
        const otherApp = await persona.createApp('Other KIP app');
        const otherAdmin = await persona.adminToken(otherApp);
        await ok(otherAdmin, 'PUT', '/admin/v1/preference-options', {
          items: [{ category: 'OtherSport', label: 'Chess' }],
        });
        const [chess] = (await ok(otherAdmin, 'GET', '/admin/v1/preference-options')).items;
        assertProblem(
          await call(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: chess.id, value: true }),
          404,
        );
        assertInvalid(
          await call(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: chess.id }),
          'value',
        );
        assertInvalid(
          await call(user.accessToken, 'PATCH', '/users/me/profile/preferences', { value: 'yes', id: 1 }),
          'id',
          'value',
        );
        assert.ok(app.appId !== otherApp.appId);
      });
    });

    describe('who may call', () => {
      it('lets the user and the app admin use {userId}; refuses other users (403), unknown ids and other apps (404)', async () => {
        const { admin, user, other } = await world();
        const path = (who: string) => `/users/${who}/profile/preferences?filter=OtherSport`;
        await ok(user.accessToken, 'GET', path(user.id));
        await ok(admin, 'GET', path(user.id));
        assertProblem(await call(other.accessToken, 'GET', path(user.id)), 403);
        assertProblem(await call(user.accessToken, 'GET', path(randomUUID())), 404);
        const otherApp = await persona.createApp('Foreign app');
        const foreigner = await persona.createUser(otherApp);
        assertProblem(await call(user.accessToken, 'GET', path(foreigner.id)), 404);
        assertProblem(await call(admin, 'GET', path(foreigner.id)), 404);
        // An admin token has no own user.
        assertProblem(await call(admin, 'GET', path('me')), 403);
        assertInvalid(await call(user.accessToken, 'GET', path('someone')), 'userId');
      });

      it('answers 401 without a token or with a token that is not one', async () => {
        const { user } = await world();
        for (const url of [
          '/users/me/profile/preferences?filter=MovieGenre',
          '/users/me/profile/student-information',
          '/metadata/users/school-options',
        ]) {
          assertProblem(await call(undefined, 'GET', url), 401);
          assertProblem(await call(`${user.accessToken}x`, 'GET', url), 401);
        }
      });

      it('refuses catalogue writes to users', async () => {
        const { user } = await world();
        for (const path of [
          '/preference-options',
          '/schools',
          '/study-levels',
          '/ratings-bodies',
          '/movies',
          '/icons',
        ]) {
          assertProblem(await call(user.accessToken, 'PUT', `/admin/v1${path}`, { items: [] }), 403);
          assertProblem(await call(user.accessToken, 'DELETE', `/admin/v1${path}/x`), 403);
        }
      });
    });

    describe('student information', () => {
      const info = { schoolId: 'be-0001', studyLevel: 'bachelor', academicYear: '2026-2027', lastYear: false };

      it('adds a year (200 with its id), reads it with names, and refuses the same year twice (409)', async () => {
        const { user } = await world();
        const created = await ok(user.accessToken, 'POST', '/users/me/profile/student-information/2026', info);
        assert.match(created.data, /^[0-9a-f-]{36}$/);
        assert.deepEqual(created.links, [
          { rel: 'self', href: '/users/me/profile/student-information/2026', method: 'GET' },
        ]);
        const read = await ok(user.accessToken, 'GET', '/users/me/profile/student-information/2026');
        assert.deepEqual(read.data, {
          id: created.data,
          year: '2026',
          schoolId: 'be-0001',
          schoolName: 'École Européenne de Bruxelles',
          studyLevel: 'bachelor',
          studyLevelName: 'Bachelor',
          academicYear: '2026-2027',
          lastYear: false,
        });
        const again = await call(user.accessToken, 'POST', '/users/me/profile/student-information/2026', {
          ...info,
          lastYear: true,
        });
        assertProblem(again, 409);
        assert.equal(
          (await ok(user.accessToken, 'GET', '/users/me/profile/student-information/2026')).data.lastYear,
          false,
        );
      });

      it('replaces a year with PUT, keeping its id, and creates one that is absent', async () => {
        const { admin, user } = await world();
        const created = await ok(user.accessToken, 'POST', `/users/${user.id}/profile/student-information/2025`, info);
        const replaced = await ok(admin, 'PUT', `/users/${user.id}/profile/student-information/2025`, {
          schoolId: 'nl-0001',
          studyLevel: 'master',
          academicYear: '2025-2026',
          lastYear: true,
        });
        assert.equal(replaced.data, created.data);
        const read = await ok(user.accessToken, 'GET', '/users/me/profile/student-information/2025');
        assert.equal(read.data.schoolName, 'Stedelijk Gymnasium Leiden');
        assert.equal(read.data.studyLevelName, 'Master');
        assert.equal(read.data.lastYear, true);
        const fresh = await ok(user.accessToken, 'PUT', '/users/me/profile/student-information/2027', info);
        assert.notEqual(fresh.data, created.data);
      });

      it('lists years newest first, paged, with meta and links', async () => {
        const { user } = await world();
        for (const year of [2021, 2024, 2022, 2023]) {
          await ok(user.accessToken, 'POST', `/users/me/profile/student-information/${year}`, info);
        }
        const first = await ok(user.accessToken, 'GET', '/users/me/profile/student-information?pageSize=3');
        assert.deepEqual(
          first.data.map((item: { year: string }) => item.year),
          ['2024', '2023', '2022'],
        );
        assert.deepEqual(first.meta, { page: 1, pageSize: 3, totalItems: 4, totalPages: 2 });
        const rels = first.links.map((link: { rel: string }) => link.rel);
        assert.deepEqual(rels, ['self', 'first', 'last', 'next']);
        const next = first.links.find((link: { rel: string }) => link.rel === 'next');
        const second = await ok(user.accessToken, 'GET', next.href);
        assert.deepEqual(
          second.data.map((item: { year: string }) => item.year),
          ['2021'],
        );
        assert.deepEqual(
          second.links.map((link: { rel: string }) => link.rel),
          ['self', 'first', 'last', 'prev'],
        );
        const past = await ok(user.accessToken, 'GET', '/users/me/profile/student-information?page=9&pageSize=3');
        assert.deepEqual(past.data, []);
        assert.deepEqual(past.meta, { page: 9, pageSize: 3, totalItems: 4, totalPages: 2 });
      });

      it('refuses bad years, unknown options and missing fields, storing nothing', async () => {
        const { user } = await world();
        const url = (year: string) => `/users/me/profile/student-information/${year}`;
        for (const year of ['1899', '2101', '26', 'abcd', '20260']) {
          assertInvalid(await call(user.accessToken, 'POST', url(year), info), 'year');
        }
        assertInvalid(
          await call(user.accessToken, 'POST', url('2026'), { ...info, schoolId: 'xx-9999', studyLevel: 'phd' }),
          'schoolId',
          'studyLevel',
        );
        assertInvalid(
          await call(user.accessToken, 'POST', url('2026'), { schoolId: 'be-0001' }),
          'studyLevel',
          'academicYear',
          'lastYear',
        );
        assertInvalid(await call(user.accessToken, 'PUT', url('2026'), { ...info, lastYear: 'no' }), 'lastYear');
        assertProblem(await call(user.accessToken, 'GET', url('2026')), 404);
        const list = await ok(user.accessToken, 'GET', '/users/me/profile/student-information');
        assert.deepEqual(list.meta, { page: 1, pageSize: 20, totalItems: 0, totalPages: 0 });
      });

      it('keeps a school that student information names (409) and deletes one that none names', async () => {
        const { admin, user } = await world();
        await ok(user.accessToken, 'POST', '/users/me/profile/student-information/2026', info);
        assertProblem(await call(admin, 'DELETE', '/admin/v1/schools/be-0001'), 409);
        assertProblem(await call(admin, 'DELETE', '/admin/v1/study-levels/bachelor'), 409);
        assert.equal((await call(admin, 'DELETE', '/admin/v1/schools/be-0002')).statusCode, 204);
        assertProblem(await call(admin, 'DELETE', '/admin/v1/schools/be-0002'), 404);
        const read = await ok(user.accessToken, 'GET', '/users/me/profile/student-information/2026');
        assert.equal(read.data.schoolName, 'École Européenne de Bruxelles');
      });
    });

    describe('metadata', () => {
      const names = async (token: string, path: string) =>
        (await ok(token, 'GET', path)).data.map((option: { name: string }) => option.name);

      it('searches names ignoring case and accents, for users and the admin', async () => {
        const { admin, user } = await world();
        assert.deepEqual(await names(user.accessToken, '/metadata/users/school-options?search=ecole'), [
          'École Européenne de Bruxelles',
        ]);
        assert.deepEqual(await names(admin, '/metadata/users/school-options?search=EUROPEENNE'), [
          'École Européenne de Bruxelles',
        ]);
        assert.deepEqual(await names(user.accessToken, '/metadata/users/school-options?search=strasse'), [
          'Gymnasium Straße der Einheit',
        ]);
        assert.deepEqual(await names(user.accessToken, '/metadata/users/school-options?search=gymnasium'), [
          'Gymnasium Straße der Einheit',
          'Stedelijk Gymnasium Leiden',
        ]);
        // `%` and `_` are literal characters, not patterns.
        assert.deepEqual(await names(user.accessToken, '/metadata/users/school-options?search=%25'), []);
        assert.deepEqual(await names(user.accessToken, '/metadata/users/study-level-options?search=ENSEIGNEMENT'), [
          'Enseignement secondaire',
        ]);
      });

      it('pages in name order; pageSize 0 and 101 are refused; a page past the end is empty with correct meta', async () => {
        const { user } = await world();
        const page = await ok(user.accessToken, 'GET', '/metadata/users/school-options?page=2&pageSize=3');
        assert.deepEqual(page.data, [{ id: 'nl-0001', name: 'Stedelijk Gymnasium Leiden' }]);
        assert.deepEqual(page.meta, { page: 2, pageSize: 3, totalItems: 4, totalPages: 2 });
        for (const query of ['pageSize=0', 'pageSize=101', 'page=0', 'page=-1', 'pageSize=abc']) {
          const response = await call(user.accessToken, 'GET', `/metadata/users/school-options?${query}`);
          assertInvalid(response, query.split('=')[0] as string);
        }
        const past = await ok(user.accessToken, 'GET', '/metadata/users/school-options?page=5&pageSize=3');
        assert.deepEqual(past.data, []);
        assert.deepEqual(past.meta, { page: 5, pageSize: 3, totalItems: 4, totalPages: 2 });
      });

      it("never shows another app's options", async () => {
        const { user } = await world();
        const otherApp = await persona.createApp('Other catalogue app');
        const otherAdmin = await persona.adminToken(otherApp);
        await ok(otherAdmin, 'PUT', '/admin/v1/schools', { items: [{ name: 'École Secrète' }] });
        assert.deepEqual(await names(user.accessToken, '/metadata/users/school-options?search=secrete'), []);
        assert.equal((await ok(otherAdmin, 'GET', '/admin/v1/schools')).items.length, 1);
        assertProblem(await call(otherAdmin, 'DELETE', '/admin/v1/schools/be-0001'), 404);
      });
    });

    describe('catalogue administration', () => {
      it('stores nothing of a batch with a bad item and names every bad item', async () => {
        const { admin } = await world();
        const before = await ok(admin, 'GET', '/admin/v1/preference-options?limit=100');
        const response = await call(admin, 'PUT', '/admin/v1/preference-options', {
          items: [
            { category: 'MovieGenre', label: 'Western' },
            { category: 'Cats', label: 'Persian' },
            { category: 'MovieGenre', label: ' ' },
            { category: 'MovieGenre', label: 'Western' },
            { category: 'MovieGenre', label: 'Noir', attribute: 'noir' },
          ],
        });
        // The schema names what it can say (the document says it too); a label repeated in the batch is the core's.
        assertInvalid(response, 'items[1].category', 'items[2].label', 'items[4].attribute');
        const repeated = await call(admin, 'PUT', '/admin/v1/preference-options', {
          items: [
            { category: 'MovieGenre', label: 'Western' },
            { category: 'MovieGenre', label: 'Western' },
          ],
        });
        assertInvalid(repeated, 'items[1].label');
        assert.deepEqual(await ok(admin, 'GET', '/admin/v1/preference-options?limit=100'), before);
      });

      it('upserts by id or by category and label, so the same batch twice changes nothing', async () => {
        const { admin, user } = await world();
        const batch = { items: [{ category: 'MovieCountry', label: 'Belgium', attribute: 'country:BE' }] };
        await ok(admin, 'PUT', '/admin/v1/preference-options', batch);
        const once = await ok(admin, 'GET', '/admin/v1/preference-options?category=MovieCountry');
        await ok(admin, 'PUT', '/admin/v1/preference-options', batch);
        const twice = await ok(admin, 'GET', '/admin/v1/preference-options?category=MovieCountry');
        assert.equal(twice.items.length, 1);
        assert.equal(twice.items[0].id, once.items[0].id);
        const [belgium] = once.items;
        await ok(admin, 'PUT', '/admin/v1/preference-options', {
          items: [{ id: belgium.id, category: 'MovieCountry', label: 'België', attribute: 'country:BE' }],
        });
        const renamed = await preferences(user.accessToken, 'me', 'filter=MovieCountry');
        assert.deepEqual(
          renamed.map((option) => [option.id, option.label]),
          [[belgium.id, 'België']],
        );
        // A label held by another option of the category is refused, naming the item.
        await ok(admin, 'PUT', '/admin/v1/preference-options', {
          items: [{ category: 'MovieCountry', label: 'France' }],
        });
        assertInvalid(
          await call(admin, 'PUT', '/admin/v1/preference-options', {
            items: [{ id: belgium.id, category: 'MovieCountry', label: 'France' }],
          }),
          'items[0].label',
        );
      });

      it("deletes an option with every user's value for it", async () => {
        const { admin, user } = await world();
        const [football] = await preferences(user.accessToken, 'me', 'filter=OtherSport');
        assert.ok(football);
        await ok(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: football.id, value: true });
        assert.equal((await call(admin, 'DELETE', `/admin/v1/preference-options/${football.id}`)).statusCode, 204);
        assert.deepEqual(await preferences(user.accessToken, 'me', 'filter=OtherSport'), []);
        assertProblem(await call(admin, 'DELETE', `/admin/v1/preference-options/${football.id}`), 404);
        const stored = await persona.database.db
          .selectFrom('user_preferences')
          .select('option_id')
          .where('option_id', '=', football.id)
          .execute();
        assert.deepEqual(stored, []);
      });

      it('pages catalogues with a cursor', async () => {
        const { admin } = await world();
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = cursor === null ? 'limit=4' : `limit=4&cursor=${cursor}`;
          const page: { items: { id: string }[]; nextCursor: string | null } = await ok(
            admin,
            'GET',
            `/admin/v1/preference-options?${query}`,
          );
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        assert.equal(seen.length, 6);
        assert.deepEqual([...seen].sort(), seen);
        assertInvalid(await call(admin, 'GET', '/admin/v1/preference-options?cursor=nonsense'), 'cursor');
      });

      it("exports the user's preferences and student information, and deleting the user removes them", async () => {
        const { admin, user } = await world();
        const [horror] = (await preferences(user.accessToken, 'me', 'filter=MovieGenre')).filter(
          (option) => option.label === 'Horror',
        );
        assert.ok(horror);
        await ok(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: horror.id, value: true });
        await ok(user.accessToken, 'POST', '/users/me/profile/student-information/2026', {
          schoolId: 'de-0001',
          studyLevel: 'master',
          academicYear: '2026/27',
          lastYear: true,
        });
        const exported = await ok(admin, 'GET', `/admin/v1/users/${user.id}/export`);
        assert.deepEqual(exported.preferences, [
          { id: horror.id, category: 'MovieGenre', label: 'Horror', value: true },
        ]);
        assert.equal(exported.studentInformation.length, 1);
        assert.equal(exported.studentInformation[0].schoolName, 'Gymnasium Straße der Einheit');
        assert.equal((await call(admin, 'DELETE', `/admin/v1/users/${user.id}`)).statusCode, 204);
        for (const table of ['user_preferences', 'student_information'] as const) {
          const rows = await persona.database.db
            .selectFrom(table)
            .select('user_id')
            .where('user_id', '=', user.id)
            .execute();
          assert.deepEqual(rows, [], table);
        }
      });
    });

    it('answers unknown paths under its prefixes in its own problem shape', async () => {
      const { user } = await world();
      const response = await call(user.accessToken, 'GET', '/users/me/profile/nothing-here');
      const body = assertProblem(response, 404);
      assert.equal(body.code, undefined);
      assert.ok(String(body.type).includes('/kip/'));
    });

    // Keeps the helper types honest: a user made by the factory is a KIP user too.
    it('serves a user who signed up through the Kii face with the same token', async () => {
      const { user }: { user: TestUser; app: CreatedApp } = await world();
      await ok(user.accessToken, 'GET', '/users/me/profile/preferences?filter=Newsletter');
    });
  });
}
