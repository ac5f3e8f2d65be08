import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, startPersona, type TestPersona } from '../../helpers/persona.ts';

function assertProblem(response: LightMyRequestResponse, status: number): Record<string, unknown> {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  assert.doesNotMatch(response.body, /\bat .+\.ts:\d+/);
  return response.json();
}

function assertInvalid(response: LightMyRequestResponse, ...fields: string[]): void {
  const body = assertProblem(response, 400);
  const named = (body.errors as { field: string }[]).map((error) => error.field);
  for (const field of fields) assert.ok(named.includes(field), `${field} not in ${JSON.stringify(body.errors)}`);
}

const movie = (title: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  title,
  year: 2020,
  genres: ['Drama'],
  actors: [],
  directors: [],
  countries: ['BE'],
  technologies: ['2D'],
  versions: ['OV'],
  awards: [],
  ...extra,
});

interface Viewing {
  movieId: string;
  title: string;
  watchedAt: string;
  technology: string | null;
  version: string | null;
  posterUrl: string | null;
}

for (const database of testDatabases) {
  describe(`movies and history on ${database.name}`, { skip: database.skip }, () => {
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
      return response.json();
    };
    const countViewings = async (userId: string) =>
      (await persona.database.db.selectFrom('viewings').select('movie_id').where('user_id', '=', userId).execute())
        .length;

    const world = async () => {
      const app = await persona.createApp('Cinema');
      const admin = await persona.adminToken(app);
      await ok(admin, 'PUT', '/admin/v1/ratings-bodies', {
        items: [
          { id: 'FSK', name: 'Freiwillige Selbstkontrolle', ratings: ['0', '6', '12', '16', '18'] },
          { id: 'MPAA', name: 'Motion Picture Association', ratings: ['G', 'PG', 'PG-13', 'R', 'NC-17'] },
        ],
      });
      const movies = [
        movie('Amélie', { ratings: { FSK: '0', MPAA: 'R' }, posterUrl: 'https://img.example/amelie.jpg' }),
        movie('Alien', { genres: ['Horror', 'Science Fiction'], ratings: { FSK: '16' } }),
        movie('Up', { genres: ['Animation'], ratings: { MPAA: 'PG' } }),
      ];
      await ok(admin, 'PUT', '/admin/v1/movies', { items: movies });
      const user = await persona.createUser(app);
      const other = await persona.createUser(app);
      return { app, admin, movies, user, other };
    };

    describe('ratings bodies and movies', () => {
      it('stores ratings bodies in order and movies with their attributes and ratings', async () => {
        const { admin, movies } = await world();
        const bodies = await ok(admin, 'GET', '/admin/v1/ratings-bodies');
        assert.deepEqual(
          bodies.items.map((body: { id: string; ratings: string[] }) => [body.id, body.ratings]),
          [
            ['FSK', ['0', '6', '12', '16', '18']],
            ['MPAA', ['G', 'PG', 'PG-13', 'R', 'NC-17']],
          ],
        );
        const listed = await ok(admin, 'GET', '/admin/v1/movies?limit=100');
        const amelie = listed.items.find((item: { id: string }) => item.id === movies[0]?.id);
        assert.deepEqual(
          { ...amelie, modifiedAt: undefined },
          {
            ...movies[0],
            basedOn: null,
            modifiedAt: undefined,
          },
        );
      });

      it('refuses a rating its body does not know, naming the item, and stores nothing of the batch', async () => {
        const { admin } = await world();
        const before = await ok(admin, 'GET', '/admin/v1/movies?limit=100');
        const response = await call(admin, 'PUT', '/admin/v1/movies', {
          items: [
            movie('Fine'),
            movie('Bad rating', { ratings: { FSK: '21' } }),
            movie('Bad body', { ratings: { BBFC: '15' } }),
            movie('Bad year', { year: 1700 }),
            { ...movie('Bad id'), id: 'not-a-uuid' },
          ],
        });
        // The schema refuses what it can say first (the document says it too); ratings name the app's bodies: the core's.
        assertInvalid(response, 'items[3].year', 'items[4].id');
        const ratings = await call(admin, 'PUT', '/admin/v1/movies', {
          items: [
            movie('Fine'),
            movie('Bad rating', { ratings: { FSK: '21' } }),
            movie('Bad body', { ratings: { BBFC: '15' } }),
          ],
        });
        assertInvalid(ratings, 'items[1].ratings.FSK', 'items[2].ratings.BBFC');
        assert.deepEqual(await ok(admin, 'GET', '/admin/v1/movies?limit=100'), before);
      });

      it('upserts movies idempotently and replaces their lists', async () => {
        const { admin, movies } = await world();
        const [amelie] = movies;
        assert.ok(amelie);
        await ok(admin, 'PUT', '/admin/v1/movies', { items: movies });
        await ok(admin, 'PUT', '/admin/v1/movies', {
          items: [{ ...amelie, genres: ['Comedy'], ratings: { FSK: '6' } }],
        });
        const listed = await ok(admin, 'GET', '/admin/v1/movies?limit=100');
        assert.equal(listed.items.length, 3);
        const stored = listed.items.find((item: { id: string }) => item.id === amelie.id);
        assert.deepEqual(stored.genres, ['Comedy']);
        assert.deepEqual(stored.ratings, { FSK: '6' });
        const attributes = await persona.database.db
          .selectFrom('movie_attributes')
          .select(['kind', 'value'])
          .where('movie_id', '=', amelie.id)
          .orderBy('kind')
          .orderBy('value')
          .execute();
        assert.deepEqual(
          attributes.map((row) => ({ ...row })),
          [
            { kind: 'country', value: 'BE' },
            { kind: 'genre', value: 'Comedy' },
            { kind: 'technology', value: '2D' },
            { kind: 'version', value: 'OV' },
          ],
        );
      });

      it('upserts 10,000 movies in one request, and the same batch again changes nothing', async () => {
        const { admin } = await world();
        const items = Array.from({ length: 10_000 }, (_, i) =>
          movie(`Film ${i}`, {
            genres: ['Drama', `Genre ${i % 20}`],
            actors: [`Actor ${i % 500}`, `Actor ${(i + 1) % 500}`, `Actor ${(i + 2) % 500}`],
            directors: [`Director ${i % 300}`],
            ratings: { FSK: ['0', '6', '12', '16', '18'][i % 5] as string, MPAA: 'PG' },
          }),
        );
        const response = await call(admin, 'PUT', '/admin/v1/movies', { items });
        assert.equal(response.statusCode, 200, response.body.slice(0, 300));
        assert.deepEqual(response.json(), { count: 10_000 });
        const stored = async () =>
          persona.database.db
            .selectFrom('movies')
            .select(['id', 'modified_at'])
            .where('title', 'like', 'Film %')
            .orderBy('id')
            .execute();
        const first = await stored();
        assert.equal(first.length, 10_000);
        assert.deepEqual(await ok(admin, 'PUT', '/admin/v1/movies', { items }), { count: 10_000 });
        assert.deepEqual(await stored(), first);
      });

      it('keeps ratings, bodies and movies that something uses (409) and deletes those nothing uses', async () => {
        const { admin, movies, user } = await world();
        const [amelie, alien, up] = movies;
        assert.ok(amelie && alien && up);
        assertProblem(
          await call(admin, 'PUT', '/admin/v1/ratings-bodies', {
            items: [{ id: 'FSK', name: 'FSK', ratings: ['0', '6', '12', '18'] }],
          }),
          409,
        );
        assertProblem(await call(admin, 'DELETE', '/admin/v1/ratings-bodies/MPAA'), 409);
        await ok(admin, 'POST', '/admin/v1/history', {
          items: [{ userId: user.id, movieId: alien.id, watchedAt: '2026-01-01T20:00:00Z' }],
        });
        assertProblem(await call(admin, 'DELETE', `/admin/v1/movies/${alien.id}`), 409);
        assert.equal((await call(admin, 'DELETE', `/admin/v1/movies/${up.id}`)).statusCode, 204);
        assertProblem(await call(admin, 'DELETE', `/admin/v1/movies/${up.id}`), 404);
        // With Up gone, nothing is rated by MPAA but Amélie; reordering FSK keeps every rating in use.
        await ok(admin, 'PUT', '/admin/v1/ratings-bodies', {
          items: [{ id: 'FSK', name: 'FSK', ratings: ['0', '6', '12', '16', '18', 'unrated'] }],
        });
        assertProblem(await call(admin, 'DELETE', '/admin/v1/ratings-bodies/NOPE'), 404);
      });
    });

    describe('history', () => {
      it('ingests idempotently: the same batch twice is stored once', async () => {
        const { admin, movies, user } = await world();
        const [amelie, alien] = movies;
        assert.ok(amelie && alien);
        const batch = {
          items: [
            {
              userId: user.id,
              movieId: amelie.id,
              watchedAt: '2026-03-01T20:00:00Z',
              technology: 'IMAX',
              version: 'OV',
            },
            { userId: user.id, movieId: alien.id, watchedAt: '2026-03-02T20:00:00+01:00' },
            { userId: user.id, movieId: amelie.id, watchedAt: '2026-03-05T18:30:00.000Z' },
          ],
        };
        assert.deepEqual(await ok(admin, 'POST', '/admin/v1/history', batch), { count: 3, stored: 3 });
        assert.deepEqual(await ok(admin, 'POST', '/admin/v1/history', batch), { count: 3, stored: 0 });
        assert.equal(await countViewings(user.id), 3);
        const history = await ok(user.accessToken, 'GET', '/users/me/movies/history');
        assert.deepEqual(
          history.data.map((viewing: Viewing) => [viewing.title, viewing.watchedAt]),
          [
            ['Amélie', '2026-03-05T18:30:00.000Z'],
            ['Alien', '2026-03-02T19:00:00.000Z'],
            ['Amélie', '2026-03-01T20:00:00.000Z'],
          ],
        );
        assert.deepEqual(history.data[2], {
          movieId: amelie.id,
          title: 'Amélie',
          watchedAt: '2026-03-01T20:00:00.000Z',
          technology: 'IMAX',
          version: 'OV',
          posterUrl: 'https://img.example/amelie.jpg',
        });
        assert.deepEqual(history.meta, { page: 1, pageSize: 20, totalItems: 3, totalPages: 1 });
      });

      it('stores nothing of a batch with one bad item, and names every bad item', async () => {
        const { admin, app, movies, user } = await world();
        const foreigner = await persona.createUser(await persona.createApp('Other cinema'));
        const items = Array.from({ length: 4999 }, (_, i) => ({
          userId: user.id,
          movieId: movies[i % 3]?.id,
          watchedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        }));
        items.push({ userId: foreigner.id, movieId: randomUUID(), watchedAt: 'yesterday' });
        const response = await call(admin, 'POST', '/admin/v1/history', { items });
        assertInvalid(response, 'items[4999].watchedAt');
        const second = await call(admin, 'POST', '/admin/v1/history', {
          items: [
            ...items.slice(0, 4999),
            { userId: foreigner.id, movieId: randomUUID(), watchedAt: '2026-01-01T00:00:00Z' },
          ],
        });
        assertInvalid(second, 'items[4999].userId', 'items[4999].movieId');
        assert.equal(await countViewings(user.id), 0);
        assert.ok(app.appId);
      });

      it('completes a batch cut short when it is sent again', async () => {
        const { admin, movies, user } = await world();
        const items = Array.from({ length: 3000 }, (_, i) => ({
          userId: user.id,
          movieId: movies[i % 3]?.id,
          watchedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
        }));
        // The first 2000 went in before the "crash".
        await ok(admin, 'POST', '/admin/v1/history', { items: items.slice(0, 2000) });
        assert.deepEqual(await ok(admin, 'POST', '/admin/v1/history', { items }), { count: 3000, stored: 1000 });
        const history = await ok(user.accessToken, 'GET', '/users/me/movies/history?pageSize=1');
        assert.equal(history.meta.totalItems, 3000);
        assert.equal(await countViewings(user.id), 3000);
      });

      it('pages newest first; a deep page is the same slice a full read gives, before and after a delete', async () => {
        const { admin, movies, user } = await world();
        const count = 1050;
        const items = Array.from({ length: count }, (_, i) => ({
          userId: user.id,
          movieId: movies[i % 3]?.id as string,
          // Some viewings share a time, so the order needs the movie id too.
          watchedAt: new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 2) * 86_400_000).toISOString(),
        }));
        await ok(admin, 'POST', '/admin/v1/history', { items });
        const expected = [...items].sort((a, b) =>
          a.watchedAt === b.watchedAt ? b.movieId.localeCompare(a.movieId) : b.watchedAt.localeCompare(a.watchedAt),
        );
        const pageOf = async (page: number, pageSize: number) =>
          ok(user.accessToken, 'GET', `/users/${user.id}/movies/history?page=${page}&pageSize=${pageSize}`);
        const keys = (viewings: Viewing[]) => viewings.map((v) => `${v.watchedAt} ${v.movieId}`);
        const expectedKeys = (from: number, to: number) =>
          expected.slice(from, to).map((v) => `${new Date(v.watchedAt).toISOString()} ${v.movieId}`);
        for (const [page, pageSize] of [
          [1, 20],
          [50, 20],
          [6, 100],
          [11, 100],
          [53, 20],
          [34, 31],
        ] as const) {
          const response = await pageOf(page, pageSize);
          assert.deepEqual(keys(response.data), expectedKeys((page - 1) * pageSize, page * pageSize), `page ${page}`);
          assert.equal(response.meta.totalItems, count);
          assert.equal(response.meta.totalPages, Math.ceil(count / pageSize));
        }
        const past = await pageOf(54, 20);
        assert.deepEqual(past.data, []);
        assert.deepEqual(past.meta, { page: 54, pageSize: 20, totalItems: count, totalPages: 53 });

        // Deleting a movie moves every later viewing up; the deep page must follow.
        const [amelie] = movies;
        assert.ok(amelie);
        const deleted = await call(user.accessToken, 'DELETE', `/users/me/movies/history/${amelie.id}`);
        assert.equal(deleted.statusCode, 204, deleted.body);
        const remaining = expected.filter((v) => v.movieId !== amelie.id);
        const after = await pageOf(30, 20);
        assert.deepEqual(
          keys(after.data),
          remaining.slice(580, 600).map((v) => `${new Date(v.watchedAt).toISOString()} ${v.movieId}`),
        );
        assert.equal(after.meta.totalItems, remaining.length);
        assertProblem(await call(user.accessToken, 'DELETE', `/users/me/movies/history/${amelie.id}`), 404);
      });

      it('refuses bad paging, other users (403), unknown users (404) and malformed movie ids (400)', async () => {
        const { admin, movies, user, other } = await world();
        for (const query of ['pageSize=0', 'pageSize=101', 'page=0']) {
          assertInvalid(
            await call(user.accessToken, 'GET', `/users/me/movies/history?${query}`),
            query.split('=')[0] as string,
          );
        }
        assertProblem(await call(other.accessToken, 'GET', `/users/${user.id}/movies/history`), 403);
        assertProblem(
          await call(other.accessToken, 'DELETE', `/users/${user.id}/movies/history/${movies[0]?.id}`),
          403,
        );
        assertProblem(await call(user.accessToken, 'GET', `/users/${randomUUID()}/movies/history`), 404);
        assertProblem(await call(admin, 'GET', `/users/${randomUUID()}/movies/history`), 404);
        assertInvalid(await call(user.accessToken, 'DELETE', '/users/me/movies/history/nope'), 'movieId');
        assertProblem(await call(user.accessToken, 'DELETE', `/users/me/movies/history/${randomUUID()}`), 404);
        assertProblem(await call(user.accessToken, 'POST', '/admin/v1/history', { items: [] }), 403);
        assertProblem(await call(undefined, 'GET', '/users/me/movies/history'), 401);
        // The admin reads any user's history of the app.
        await ok(admin, 'GET', `/users/${user.id}/movies/history`);
      });

      it('ingests 100,000 viewings in one request', async () => {
        const { admin, movies, user, other } = await world();
        const items = Array.from({ length: 100_000 }, (_, i) => ({
          userId: i % 2 === 0 ? user.id : other.id,
          movieId: movies[i % 3]?.id,
          watchedAt: new Date(Date.UTC(2015, 0, 1) + i * 60_000).toISOString(),
          technology: i % 5 === 0 ? '4DX' : null,
        }));
        const response = await call(admin, 'POST', '/admin/v1/history', { items });
        assert.equal(response.statusCode, 200, response.body.slice(0, 500));
        assert.deepEqual(response.json(), { count: 100_000, stored: 100_000 });
        const deep = await ok(user.accessToken, 'GET', '/users/me/movies/history?page=2000&pageSize=20');
        assert.equal(deep.meta.totalItems, 50_000);
        assert.equal(deep.data.length, 20);
        assert.equal(deep.data[0].watchedAt, items[2 * (50_000 - 1 - 39_980)]?.watchedAt);
      });

      it("exports the user's history and deleting the user removes it", async () => {
        const { admin, movies, user } = await world();
        await ok(admin, 'POST', '/admin/v1/history', {
          items: [{ userId: user.id, movieId: movies[1]?.id, watchedAt: '2026-02-02T21:00:00Z', version: 'NL' }],
        });
        const exported = await ok(admin, 'GET', `/admin/v1/users/${user.id}/export`);
        assert.deepEqual(exported.history, [
          {
            movieId: movies[1]?.id,
            title: 'Alien',
            watchedAt: '2026-02-02T21:00:00.000Z',
            technology: null,
            version: 'NL',
          },
        ]);
        assert.equal((await call(admin, 'DELETE', `/admin/v1/users/${user.id}`)).statusCode, 204);
        assert.equal(await countViewings(user.id), 0);
        const stats = await persona.database.db
          .selectFrom('history_stats')
          .select('user_id')
          .where('user_id', '=', user.id)
          .execute();
        assert.deepEqual(stats, []);
      });
    });
  });
}
