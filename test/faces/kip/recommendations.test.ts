import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, eventually, startPersona, type TestPersona } from '../../helpers/persona.ts';
import { genreNames, type SyntheticWorld, syntheticWorld } from '../../helpers/synthetic-world.ts';

interface Item {
  movieId: string;
  title: string;
  score: number;
  reasons: string[];
}

const fsk = ['0', '6', '12', '16', '18'];
const dayMs = 86_400_000;

/** Calls of one Persona instance, as its admin and its users would make them. */
function client(persona: TestPersona) {
  const call = (token: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    persona.request({
      method,
      url,
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  const ok = async (token: string, method: InjectOptions['method'], url: string, payload?: unknown, status = 200) => {
    const response = await call(token, method, url, payload);
    assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
    return response.statusCode === 204 ? undefined : response.json();
  };
  const recommendations = async (token: string, query = '?pageSize=100') =>
    (await ok(token, 'GET', `/users/me/movies/recommendations${query}`)) as {
      data: Item[];
      meta: { totalItems: number };
    };
  /** Starts a training as the admin and waits for its job to succeed; returns the job. */
  const train = async (admin: string) => {
    const { jobId } = await ok(admin, 'POST', '/admin/v1/recommendations/train', undefined, 202);
    let job: { status: string; progress: unknown; result: { version: number } } | undefined;
    await eventually(async () => {
      job = await ok(admin, 'GET', `/admin/v1/jobs/${jobId}`);
      assert.notEqual(job?.status, 'failed', JSON.stringify(job));
      return job?.status === 'succeeded';
    }, 60_000);
    return job as NonNullable<typeof job>;
  };
  return { call, ok, recommendations, train };
}

/**
 * Loads a synthetic world into an app through the admin API: FSK ratings, genre preference options, the movies, a
 * crowd of pseudo users and their viewings.
 */
async function loadWorld(persona: TestPersona, app: CreatedApp, admin: string, world: SyntheticWorld) {
  const { ok } = client(persona);
  await ok(admin, 'PUT', '/admin/v1/ratings-bodies', { items: [{ id: 'FSK', name: 'FSK', ratings: fsk }] });
  await ok(admin, 'PUT', '/admin/v1/movies', { items: world.movies });
  await ok(admin, 'PUT', '/admin/v1/preference-options', {
    items: genreNames.map((genre) => ({ category: 'MovieGenre', label: genre, attribute: `genre:${genre}` })),
  });
  const crowd: string[] = [];
  for (let user = 0; user < world.users; user++) {
    crowd.push(
      (await persona.core.identity.signUpPseudo({ kind: 'anonymous', appId: app.appId }, { customFields: {} })).user.id,
    );
  }
  await ok(admin, 'POST', '/admin/v1/history', {
    items: world.viewings.map((viewing) => ({
      userId: crowd[viewing.user],
      movieId: world.movies[viewing.movie]?.id,
      watchedAt: new Date(viewing.watchedAt).toISOString(),
    })),
  });
  return crowd;
}

const smallWorld = (seed: number, newest = Date.now()) =>
  syntheticWorld({ seed, movies: 60, users: 120, viewings: [5, 14], newest });

for (const database of testDatabases) {
  describe(`recommendations on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const setUp = async (
      seed = 1,
      newest = Date.now(),
      beforeLoading?: (app: CreatedApp, admin: string) => Promise<void>,
    ) => {
      const app = await persona.createApp('Recommending cinema');
      const admin = await persona.adminToken(app);
      await beforeLoading?.(app, admin);
      const world = smallWorld(seed, newest);
      await loadWorld(persona, app, admin, world);
      return { app, admin, world };
    };

    it('trains on the admin’s request: 202 with the job at once, progress in the job, the model described', async () => {
      const { ok, call, train } = client(persona);
      const { app, admin, world } = await setUp(1, Date.now(), async (_, admin) => {
        const none = await call(admin, 'GET', '/admin/v1/recommendations/model');
        assert.equal(none.statusCode, 404, none.body);
        assert.equal(none.json().code, 'recommendation_model_not_found');
      });
      const user = await persona.createUser(app);
      const trainings = () =>
        persona.database.db
          .selectFrom('jobs')
          .select('id')
          .where('app_id', '=', app.appId)
          .where('kind', '=', 'recommendations.train')
          .where('dedupe_key', 'is', null)
          .execute();
      for (const token of [user.accessToken, await persona.adminToken(await persona.createApp('Another app'))]) {
        const refused = await call(token, 'POST', '/admin/v1/recommendations/train');
        if (token === user.accessToken) assert.equal(refused.statusCode, 403, refused.body);
        else assert.equal(refused.statusCode, 202, refused.body);
      }
      // Neither the user's call nor another app's admin asked for a training of this app.
      assert.deepEqual(await trainings(), []);
      const job = await train(admin);
      assert.deepEqual(job.progress, { phase: 'stored', fraction: 1 });
      const model = await ok(admin, 'GET', '/admin/v1/recommendations/model');
      assert.equal(model.version, job.result.version);
      assert.equal(model.algorithm, 'ease');
      assert.equal(model.items, new Set(world.viewings.map((v) => v.movie)).size);
      assert.equal(model.users, world.users);
      assert.ok(model.entries > 0 && model.sizeBytes > model.entries * 8);
      assert.ok(model.parameters.lambda > 0);
      assert.ok(model.metrics.heldOutUsers >= 10);
      assert.ok(model.metrics.model.ndcgAt10 > model.metrics.popularity.ndcgAt10, JSON.stringify(model.metrics));
      assert.ok(Date.parse(model.trainedAt) <= Date.now());
      // Each training is the next version; the two newest are kept, with their parts.
      await train(admin);
      await train(admin);
      assert.equal((await ok(admin, 'GET', '/admin/v1/recommendations/model')).version, model.version + 2);
      const stored = async (table: 'recommendation_models' | 'recommendation_model_parts') =>
        [
          ...new Set(
            (
              await persona.database.db.selectFrom(table).select('version').where('app_id', '=', app.appId).execute()
            ).map((row) => Number(row.version)),
          ),
        ].sort((a, b) => a - b);
      assert.deepEqual(await stored('recommendation_models'), [model.version + 1, model.version + 2]);
      assert.deepEqual(await stored('recommendation_model_parts'), [model.version + 1, model.version + 2]);
    });

    it('scores the current history: never a watched movie, reasons from the model, a deleted viewing counts at once', async () => {
      const { ok, call, recommendations, train } = client(persona);
      const { app, admin, world } = await setUp(2);
      await train(admin);
      const user = await persona.createUser(app);
      const horror = world.movies.filter((movie) => movie.genres.includes('Horror')).slice(0, 4);
      const now = Date.now();
      await ok(admin, 'POST', '/admin/v1/history', {
        items: horror.map((movie, i) => ({
          userId: user.id,
          movieId: movie.id,
          watchedAt: new Date(now - i * dayMs).toISOString(),
        })),
      });
      const watched = new Set(horror.map((movie) => movie.id));
      const first = await recommendations(user.accessToken);
      assert.equal(first.meta.totalItems, world.movies.length - watched.size);
      assert.ok(!first.data.some((item) => watched.has(item.movieId)));
      const similar = first.data[0]?.reasons.find((reason) => reason.startsWith('similar-to:'));
      assert.ok(similar && watched.has(similar.slice('similar-to:'.length)), JSON.stringify(first.data[0]));
      for (let i = 1; i < first.data.length; i++)
        assert.ok((first.data[i - 1]?.score ?? 0) >= (first.data[i]?.score ?? 0));
      // The model's genre shows: most of the top five are horror films, which the user was shown none of.
      const topHorror = first.data
        .slice(0, 5)
        .filter((item) => world.movies.find((m) => m.id === item.movieId)?.genres.includes('Horror'));
      assert.ok(topHorror.length >= 3, JSON.stringify(first.data.slice(0, 5)));

      const version = (await ok(admin, 'GET', '/admin/v1/recommendations/model')).version;
      const removed = horror[0]?.id as string;
      assert.equal((await call(user.accessToken, 'DELETE', `/users/me/movies/history/${removed}`)).statusCode, 204);
      const second = await recommendations(user.accessToken);
      assert.equal(second.meta.totalItems, first.meta.totalItems + 1);
      assert.ok(second.data.some((item) => item.movieId === removed));
      assert.ok(!second.data.some((item) => item.reasons.includes(`similar-to:${removed}`)));
      assert.equal((await ok(admin, 'GET', '/admin/v1/recommendations/model')).version, version);
      // The scheduled refresh sees the history changed since the model and asks for a training; once.
      assert.equal((await persona.core.recommendations.refreshAll([app.appId])).enqueued, 1);
      assert.equal((await persona.core.recommendations.refreshAll([app.appId])).enqueued, 0);
    });

    it('never recommends a movie at or above the thresholds of the token’s profile, for every profile of a household', async () => {
      const { ok, recommendations } = client(persona);
      const { app, admin, world } = await setUp(3);
      const user = await persona.createUser(app);
      await ok(admin, 'POST', '/admin/v1/history', {
        items: [{ userId: user.id, movieId: world.movies[0]?.id, watchedAt: new Date().toISOString() }],
      });
      const profiles = '/userprofiles/v1/user/userprofiles';
      const household = async (body: unknown) =>
        (
          await persona.request({
            method: 'POST',
            url: profiles,
            headers: { token: user.accessToken },
            payload: body as never,
          })
        ).json()._id as string;
      const thresholds = { kid: '6', child: '12', teen: '16' } as const;
      const tokens: [string, string | undefined][] = [['owner', undefined]];
      for (const [name, rating] of Object.entries(thresholds)) {
        const id = await household({
          name,
          childProfile: true,
          ratingsThresholds: [{ ratingsBody: 'FSK', ratingsThreshold: rating }],
        });
        const switched = await persona.request({
          method: 'POST',
          url: '/ias/v3/token/actions/changeUserProfile',
          headers: { token: user.accessToken },
          payload: { newUserProfileId: id },
        });
        assert.equal(switched.statusCode, 200, switched.body);
        tokens.push([switched.json().access_token, rating]);
      }
      tokens[0] = [user.accessToken, undefined];
      for (const [token, rating] of tokens) {
        const page = await recommendations(token);
        const allowed = world.movies.filter(
          (movie, index) =>
            index !== 0 && (rating === undefined || fsk.indexOf(movie.ratings.FSK) < fsk.indexOf(rating)),
        );
        assert.equal(page.meta.totalItems, allowed.length, `threshold ${rating}`);
        assert.deepEqual(page.data.map((item) => item.movieId).sort(), allowed.map((movie) => movie.id).sort());
      }
      // The order of a body's ratings is cached with the catalogue: a new order applies at the next request.
      const reordered = ['18', '16', '12', '6', '0'];
      await ok(admin, 'PUT', '/admin/v1/ratings-bodies', { items: [{ id: 'FSK', name: 'FSK', ratings: reordered }] });
      const [teenToken] = tokens.at(-1) as [string, string];
      const page = await recommendations(teenToken);
      const allowed = world.movies.filter(
        (movie, index) => index !== 0 && reordered.indexOf(movie.ratings.FSK) < reordered.indexOf('16'),
      );
      assert.ok(allowed.length > 0);
      assert.deepEqual(page.data.map((item) => item.movieId).sort(), allowed.map((movie) => movie.id).sort());
    });

    it('re-ranks by explicit preferences, and ranks a user without history by them, then popularity', async () => {
      const { ok, recommendations } = client(persona);
      const { app, admin } = await setUp(4);
      const user = await persona.createUser(app);
      const cold = await recommendations(user.accessToken);
      assert.equal(cold.data[0]?.reasons.at(-1), 'popular');
      for (let i = 1; i < cold.data.length; i++)
        assert.ok((cold.data[i - 1]?.score ?? 0) >= (cold.data[i]?.score ?? 0));
      const options = (await ok(user.accessToken, 'GET', '/users/me/profile/preferences?filter=MovieGenre')).data;
      const family = options.find((option: { label: string }) => option.label === 'Family');
      await ok(user.accessToken, 'PATCH', '/users/me/profile/preferences', { id: family.id, value: true });
      const liked = await recommendations(user.accessToken);
      const familyCount = liked.data.filter((item) => item.reasons.includes('genre:Family')).length;
      assert.ok(familyCount > 0);
      // Every Family film comes before every other film.
      assert.ok(liked.data.slice(0, familyCount).every((item) => item.reasons.includes('genre:Family')));
      assert.ok(admin);
    });

    it('pages the ranked list with meta, refuses bad paging, and keeps other apps out', async () => {
      const { call, ok, recommendations } = client(persona);
      const { app } = await setUp(7);
      const user = await persona.createUser(app);
      const all = await recommendations(user.accessToken);
      const page = await ok(user.accessToken, 'GET', '/users/me/movies/recommendations?page=2&pageSize=7');
      assert.deepEqual(
        page.data.map((item: Item) => item.movieId),
        all.data.slice(7, 14).map((item) => item.movieId),
      );
      assert.deepEqual(page.meta, { page: 2, pageSize: 7, totalItems: 60, totalPages: 9 });
      const past = await ok(user.accessToken, 'GET', '/users/me/movies/recommendations?page=10&pageSize=7');
      assert.deepEqual(past.data, []);
      for (const query of ['pageSize=0', 'pageSize=101', 'page=0']) {
        const response = await call(user.accessToken, 'GET', `/users/me/movies/recommendations?${query}`);
        assert.equal(response.statusCode, 400, response.body);
      }
      const stranger = await persona.createUser(await persona.createApp('Elsewhere'));
      const elsewhere = await call(stranger.accessToken, 'GET', `/users/${user.id}/movies/recommendations`);
      assert.equal(elsewhere.statusCode, 404, elsewhere.body);
      const sameApp = await persona.createUser(app);
      const forbidden = await call(sameApp.accessToken, 'GET', `/users/${user.id}/movies/recommendations`);
      assert.equal(forbidden.statusCode, 403, forbidden.body);
    });

    it('never answers an empty page while the catalogue has titles: right after the demo is loaded, with no history and no model', async () => {
      const { recommendations, ok } = client(persona);
      const app = await persona.createApp('Demo cinema');
      const summary = await loadDemo(persona.core, app.appId);
      const user = await persona.createUser(app);
      const page = await recommendations(user.accessToken);
      assert.equal(page.meta.totalItems, summary.movies);
      assert.equal(page.data.length, Math.min(100, summary.movies));
      assert.ok(page.data.every((item) => item.title.length > 0 && item.reasons.length > 0));
      const first = await ok(user.accessToken, 'GET', '/users/me/movies/recommendations');
      assert.equal(first.data.length, 20);
      // The request found no model and asked for one.
      const asked = await persona.database.db
        .selectFrom('jobs')
        .select('dedupe_key')
        .where('app_id', '=', app.appId)
        .where('kind', '=', 'recommendations.train')
        .execute();
      assert.equal(asked.length, 1);
      assert.match(asked[0]?.dedupe_key ?? '', /^missing:/);
    });

    it('ranks a catalogue whose history is years old by its popularity', async () => {
      const { recommendations, train } = client(persona);
      const { app, admin, world } = await setUp(5, Date.UTC(2009, 5, 1));
      await train(admin);
      const user = await persona.createUser(app);
      const page = await recommendations(user.accessToken);
      const viewers = new Map<string, number>();
      for (const viewing of world.viewings) {
        const id = world.movies[viewing.movie]?.id as string;
        viewers.set(id, (viewers.get(id) ?? 0) + 1);
      }
      const most = Math.max(...viewers.values());
      assert.ok(page.data[0]?.reasons.includes('popular'));
      // The top of the list is among the most watched, not the catalogue's id order.
      assert.ok((viewers.get(page.data[0]?.movieId as string) ?? 0) >= most * 0.6, JSON.stringify(page.data[0]));
      assert.ok((page.data[0]?.score ?? 0) > (page.data.at(-1)?.score ?? 0));
    });
  });
}

for (const database of testDatabases) {
  describe(`retraining after an ingest on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database, { env: { RECOMMENDER_RETRAIN_DELAY_SECONDS: '1' } });
    });
    after(() => persona.close());

    it('trains a new version by itself once the ingest window has closed', async () => {
      const { ok, train } = client(persona);
      const app = await persona.createApp('Retraining cinema');
      const admin = await persona.adminToken(app);
      const world = smallWorld(8);
      const crowd = await loadWorld(persona, app, admin, world);
      await train(admin);
      // The training the loading asked for has run (or found nothing new) before the version is taken.
      const unfinished = () =>
        persona.database.db
          .selectFrom('jobs')
          .select('id')
          .where('app_id', '=', app.appId)
          .where('kind', '=', 'recommendations.train')
          .where('status', 'in', ['queued', 'running'])
          .execute();
      await eventually(async () => (await unfinished()).length === 0, 30_000);
      const first = (await ok(admin, 'GET', '/admin/v1/recommendations/model')).version;
      await ok(admin, 'POST', '/admin/v1/history', {
        items: [{ userId: crowd[0], movieId: world.movies.at(-1)?.id, watchedAt: new Date().toISOString() }],
      });
      await eventually(async () => (await ok(admin, 'GET', '/admin/v1/recommendations/model')).version > first, 30_000);
    });
  });
}

const postgres = testDatabases.find((d) => d.name === 'postgres');

describe('a model trained on one instance is served by another, and a restart does not retrain', {
  skip: postgres?.skip ?? true,
}, () => {
  let a: TestPersona | undefined;
  let b: TestPersona | undefined;
  let c: TestPersona | undefined;

  before(async () => {
    assert.ok(postgres);
    a = await startPersona(postgres);
    b = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
    });
  });
  after(async () => {
    await c?.close();
    await b?.close();
    await a?.close();
  });

  it('serves the newest version everywhere', async () => {
    assert.ok(a && b && postgres);
    const onA = client(a);
    const onB = client(b);
    const app = await a.createApp('Two instances');
    const admin = await a.adminToken(app);
    const world = smallWorld(6);
    const crowd = await loadWorld(a, app, admin, world);
    await onA.train(admin);
    const user = await b.createUser(app);
    const seen = world.movies[0]?.id as string;
    // A premiere nobody has watched yet: the first model cannot know it.
    const premiere = { id: randomUUID(), title: 'Premiere', year: 2026, genres: ['Drama'], ratings: { FSK: '0' } };
    await onA.ok(admin, 'PUT', '/admin/v1/movies', { items: [premiere] });
    await onA.ok(admin, 'POST', '/admin/v1/history', {
      items: [{ userId: user.id, movieId: seen, watchedAt: new Date().toISOString() }],
    });
    const before = await onB.recommendations(user.accessToken);
    assert.ok(!before.data[0]?.reasons.includes(`similar-to:${seen}`) || before.data[0]?.movieId !== premiere.id);
    // Everyone who saw the first film now sees the premiere too; a new model, trained on A, learns it.
    const now = Date.now();
    await onA.ok(admin, 'POST', '/admin/v1/history', {
      items: crowd.slice(0, 60).flatMap((userId, i) => [
        { userId, movieId: seen, watchedAt: new Date(now - i * 1000).toISOString() },
        { userId, movieId: premiere.id, watchedAt: new Date(now - i * 1000 + 500).toISOString() },
      ]),
    });
    const job = await onA.train(admin);
    const after = await onB.recommendations(user.accessToken);
    assert.equal(after.data[0]?.movieId, premiere.id, JSON.stringify(after.data.slice(0, 3)));
    assert.ok(after.data[0]?.reasons.includes(`similar-to:${seen}`));
    assert.equal((await onB.ok(admin, 'GET', '/admin/v1/recommendations/model')).version, job.result.version);

    // A new instance serves the stored model at once, and trains nothing.
    c = await startPersona(postgres, {
      shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
    });
    const onC = client(c);
    assert.equal((await onC.recommendations(user.accessToken)).data[0]?.movieId, premiere.id);
    assert.equal((await c.core.recommendations.refreshAll([app.appId])).enqueued, 0);
    assert.equal((await onC.ok(admin, 'GET', '/admin/v1/recommendations/model')).version, job.result.version);
  });
});
