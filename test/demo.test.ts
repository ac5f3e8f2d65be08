import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { preferenceCategories } from '../src/core/preferences/preferences.types.ts';
import { testDatabases } from './helpers/databases.ts';
import { bearer, startPersona, type TestPersona } from './helpers/persona.ts';

const run = promisify(execFile);
const catalogueTables = [
  'preference_options',
  'schools',
  'study_levels',
  'ratings_bodies',
  'ratings',
  'movies',
  'movie_attributes',
  'movie_ratings',
  'icons',
] as const;

for (const database of testDatabases) {
  describe(`npm run cli -- demo load on ${database.name}`, { skip: database.skip }, () => {
    const target = database.create();
    const { npm_config_loglevel: _inherited, ...outer } = process.env;
    const env = { ...outer, DATABASE_URL: target.url, ...(target.schema ? { DATABASE_SCHEMA: target.schema } : {}) };
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database, { shared: target });
    });
    after(async () => {
      await persona.close();
      await target.drop();
    });

    const load = async (appId: string) =>
      JSON.parse((await run('npm', ['run', 'cli', '--', 'demo', 'load', '--app', appId, '--json'], { env })).stdout);
    const snapshot = async (appId: string) => {
      const rows: Record<string, unknown[]> = {};
      for (const table of catalogueTables) {
        const found = await persona.database.db.selectFrom(table).selectAll().where('app_id', '=', appId).execute();
        rows[table] = found
          .map((row) => JSON.stringify({ ...row }))
          .sort()
          .map((row) => JSON.parse(row));
      }
      return rows;
    };

    it('fills every catalogue, and loading it twice changes nothing', async () => {
      const app = await persona.createApp('Demo cinema');
      const summary = await load(app.appId);
      assert.equal(summary.appId, app.appId);
      assert.ok(summary.preferenceOptions >= 200, JSON.stringify(summary));
      assert.ok(summary.movies >= 200);
      assert.ok(summary.schools >= 20 && summary.studyLevels >= 5 && summary.icons >= 8 && summary.ratingsBodies >= 2);
      const first = await snapshot(app.appId);
      assert.equal(first.movies?.length, summary.movies);
      await load(app.appId);
      assert.deepEqual(await snapshot(app.appId), first);
      // Another app's catalogues are untouched.
      const other = await persona.createApp('Untouched');
      assert.deepEqual(
        Object.values(await snapshot(other.appId)).map((rows) => rows.length),
        catalogueTables.map(() => 0),
      );
    });

    it('lets a new user try the KIP endpoints at once', async () => {
      const app = await persona.createApp('Demo cinema');
      await load(app.appId);
      const user = await persona.createUser(app);
      const get = async (url: string) => {
        const response = await persona.request({ method: 'GET', url, headers: bearer(user.accessToken) });
        assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
        return response.json();
      };
      const preferences = await get(`/users/me/profile/preferences?filter=${preferenceCategories.join(',')}`);
      const categories = new Set(preferences.data.map((option: { category: string }) => option.category));
      assert.deepEqual([...categories], [...preferenceCategories]);
      const schools = await get('/metadata/users/school-options?search=ecole');
      assert.ok(schools.data.some((school: { name: string }) => school.name.startsWith('École')));
      const levels = await get('/metadata/users/study-level-options?search=etudes');
      assert.equal(levels.data[0]?.name, 'Études postuniversitaires');

      const horror = preferences.data.find((option: { label: string }) => option.label === 'Horror');
      const patched = await persona.request({
        method: 'PATCH',
        url: '/users/me/profile/preferences',
        headers: bearer(user.accessToken),
        payload: { id: horror.id, value: true },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const recommendations = await get('/users/me/movies/recommendations?pageSize=5');
      assert.equal(recommendations.data.length, 5);
      for (const item of recommendations.data) assert.ok(item.reasons.includes('genre:Horror'), JSON.stringify(item));

      const movies = await persona.database.db
        .selectFrom('movie_ratings')
        .select(['movie_id', (eb) => eb.fn.countAll<number>().as('bodies')])
        .where('app_id', '=', app.appId)
        .groupBy('movie_id')
        .execute();
      assert.ok(movies.every((movie) => Number(movie.bodies) >= 2));
      assert.deepEqual((await get('/users/me/movies/history')).data, []);
    });

    it('refuses an unknown app', async () => {
      await assert.rejects(
        run('npm', ['run', 'cli', '--', 'demo', 'load', '--app', 'no-such-app'], { env }),
        (error: { code?: number; stderr?: string }) => error.code === 1 && /No app has the id/.test(error.stderr ?? ''),
      );
    });
  });
}
