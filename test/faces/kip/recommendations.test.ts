import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { UserPrincipal } from '../../../src/core/principal.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, startPersona, type TestPersona } from '../../helpers/persona.ts';

interface Item {
  movieId: string;
  title: string;
  score: number;
  reasons: string[];
}

const film = (title: string, extra: Record<string, unknown>) => ({ id: randomUUID(), title, year: 2024, ...extra });

for (const database of testDatabases) {
  describe(`recommendations on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const call = (token: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
      persona.request({
        method,
        url,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown) => {
      const response = await call(token, method, url, payload);
      assert.equal(response.statusCode, 200, `${method} ${url}: ${response.body}`);
      return response.json();
    };

    /**
     * A small cinema: two Villeneuve films, a horror film, a popular comedy, two family films and an unrated one;
     * a crowd that watched the comedy a lot.
     */
    const world = async () => {
      const app = await persona.createApp('Recommending cinema');
      const admin = await persona.adminToken(app);
      await ok(admin, 'PUT', '/admin/v1/ratings-bodies', {
        items: [{ id: 'FSK', name: 'FSK', ratings: ['0', '6', '12', '16', '18'] }],
      });
      const films = {
        dune: film('Dune', { genres: ['Science Fiction'], directors: ['Denis Villeneuve'], ratings: { FSK: '12' } }),
        arrival: film('Arrival', {
          genres: ['Science Fiction'],
          directors: ['Denis Villeneuve'],
          ratings: { FSK: '12' },
        }),
        hereditary: film('Hereditary', { genres: ['Horror'], ratings: { FSK: '16' } }),
        comedy: film('The Comedy', { genres: ['Comedy'], ratings: { FSK: '6' } }),
        paddington: film('Paddington', { genres: ['Family'], ratings: { FSK: '0' } }),
        nemo: film('Finding Nemo', { genres: ['Family', 'Animation'], ratings: { FSK: '0' } }),
        unrated: film('Festival Short', { genres: ['Comedy'] }),
      };
      await ok(admin, 'PUT', '/admin/v1/movies', { items: Object.values(films) });
      await ok(admin, 'PUT', '/admin/v1/preference-options', {
        items: [
          { category: 'MovieGenre', label: 'Horror', attribute: 'genre:Horror' },
          { category: 'MovieGenre', label: 'Family', attribute: 'genre:Family' },
        ],
      });
      const crowd = await persona.createUser(app);
      const now = Date.now();
      const at = (daysAgo: number, minutes = 0) =>
        new Date(now - daysAgo * 86_400_000 - minutes * 60_000).toISOString();
      await ok(admin, 'POST', '/admin/v1/history', {
        items: [
          ...Array.from({ length: 6 }, (_, i) => ({ userId: crowd.id, movieId: films.comedy.id, watchedAt: at(1, i) })),
          { userId: crowd.id, movieId: films.paddington.id, watchedAt: at(2) },
          { userId: crowd.id, movieId: films.dune.id, watchedAt: at(200) },
          ...[films.hereditary, films.nemo, films.arrival, films.unrated].map((movie) => ({
            userId: crowd.id,
            movieId: movie.id,
            watchedAt: at(30),
          })),
        ],
      });
      await persona.core.recommendations.computePopularity(app.appId, now);
      const user = await persona.createUser(app);
      return { app, admin, films, user, at };
    };

    const recommendations = async (token: string, query = ''): Promise<Item[]> =>
      (await ok(token, 'GET', `/users/me/movies/recommendations${query}`)).data;

    it('recommends by popularity to a user with no history and no preferences', async () => {
      const { films, user } = await world();
      const items = await recommendations(user.accessToken);
      assert.equal(items[0]?.movieId, films.comedy.id);
      assert.deepEqual(items[0]?.reasons, ['popular']);
      assert.equal(items[0]?.title, 'The Comedy');
      // A viewing of half a year ago counts far less than yesterday's.
      const paddington = items.find((item) => item.movieId === films.paddington.id);
      const dune = items.find((item) => item.movieId === films.dune.id);
      assert.ok(paddington && dune && paddington.score > dune.score);
      for (let i = 1; i < items.length; i++) assert.ok((items[i - 1]?.score ?? 0) >= (items[i]?.score ?? 0));
    });

    it("boosts the user's positive preferences and names them", async () => {
      const { films, user } = await world();
      const options = (await ok(user.accessToken, 'GET', '/users/me/profile/preferences?filter=MovieGenre')).data;
      const horror = options.find((option: { label: string }) => option.label === 'Horror');
      await ok(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: horror.id, value: true });
      const items = await recommendations(user.accessToken);
      assert.equal(items[0]?.movieId, films.hereditary.id);
      assert.deepEqual(items[0]?.reasons, ['genre:Horror']);
    });

    it('recommends what is like what the user watched, never what the user watched, and follows a deleted viewing', async () => {
      const { admin, films, user, at } = await world();
      await ok(admin, 'POST', '/admin/v1/history', {
        items: [{ userId: user.id, movieId: films.dune.id, watchedAt: at(0) }],
      });
      const items = await recommendations(user.accessToken);
      assert.equal(items[0]?.movieId, films.arrival.id);
      assert.ok(items[0]?.reasons.includes(`similar-to:${films.dune.id}`));
      assert.ok(!items.some((item) => item.movieId === films.dune.id));
      const deleted = await call(user.accessToken, 'DELETE', `/users/me/movies/history/${films.dune.id}`);
      assert.equal(deleted.statusCode, 204);
      const afterDelete = await recommendations(user.accessToken);
      assert.ok(afterDelete.some((item) => item.movieId === films.dune.id));
      assert.ok(!afterDelete.some((item) => item.reasons.some((reason) => reason.startsWith('similar-to:'))));
    });

    it("never recommends a movie at or above the active profile's threshold, nor one its body has not rated", async () => {
      const { app, films, user } = await world();
      const principal = (await persona.core.sessions.authenticate(user.accessToken, undefined)) as UserPrincipal;
      const forChild = (rating: string): UserPrincipal => ({
        ...principal,
        profile: { id: randomUUID(), child: true, ratingThresholds: [{ ratingsBody: 'FSK', rating }] },
      });
      const ids = async (p: UserPrincipal) =>
        (await persona.core.recommendations.recommend(p, 'me', { page: 1, pageSize: 100 })).items
          .map((item) => item.movieId)
          .sort();
      const everything = await ids(principal);
      assert.equal(everything.length, 7);
      assert.deepEqual(await ids(forChild('12')), [films.comedy.id, films.nemo.id, films.paddington.id].sort());
      assert.deepEqual(await ids(forChild('6')), [films.nemo.id, films.paddington.id].sort());
      assert.deepEqual(await ids(forChild('0')), []);
      // A threshold its body does not know keeps everything out rather than nothing.
      assert.deepEqual(await ids(forChild('PG-13')), []);
      assert.ok(app.appId);
    });

    it('pages the ranked list with meta, and refuses bad paging', async () => {
      const { user } = await world();
      const all = await recommendations(user.accessToken, '?pageSize=100');
      const page = await ok(user.accessToken, 'GET', '/users/me/movies/recommendations?page=2&pageSize=3');
      assert.deepEqual(
        page.data.map((item: Item) => item.movieId),
        all.slice(3, 6).map((item) => item.movieId),
      );
      assert.deepEqual(page.meta, {
        page: 2,
        pageSize: 3,
        totalItems: all.length,
        totalPages: Math.ceil(all.length / 3),
      });
      for (const query of ['pageSize=0', 'pageSize=101']) {
        const response = await call(user.accessToken, 'GET', `/users/me/movies/recommendations?${query}`);
        assert.equal(response.statusCode, 400, response.body);
      }
      const other = await persona.createUser((await world()).app);
      const forbidden = await call(other.accessToken, 'GET', `/users/${user.id}/movies/recommendations`);
      assert.equal(forbidden.statusCode, 404, forbidden.body);
    });

    it('recomputes popularity in a job after an ingest', async () => {
      const { admin, app, at } = await world();
      const premiere = film('Premiere', { genres: ['Drama'] });
      await ok(admin, 'PUT', '/admin/v1/movies', { items: [premiere] });
      const fan = await persona.createUser(app);
      const popularity = () =>
        persona.database.db
          .selectFrom('movie_popularity')
          .select('score')
          .where('app_id', '=', app.appId)
          .where('movie_id', '=', premiere.id)
          .execute();
      assert.deepEqual(await popularity(), []);
      await ok(admin, 'POST', '/admin/v1/history', {
        items: [{ userId: fan.id, movieId: premiere.id, watchedAt: at(0) }],
      });
      // The job runs when the 10-second window of the ingest has closed.
      const deadline = Date.now() + 30_000;
      while ((await popularity()).length === 0) {
        assert.ok(Date.now() < deadline, 'the popularity job did not run');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  });
}
