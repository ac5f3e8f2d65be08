import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { JobRunner } from '../../../src/core/jobs/job-runner.ts';
import { JobsRepository } from '../../../src/core/jobs/jobs.repository.ts';
import type { PersonaEvent } from '../../../src/events/bus.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, eventually, heard, startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';
import { assertV1Error, register, seedMembers, seedUsers, type V1Session, v1Call } from './helpers.ts';

const newSlug = () => uniqueName('c').toLowerCase().slice(-40);

interface ListedNotification {
  id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  containerId: string | null;
  createdAt: string;
  readAt: string | null;
}

for (const database of testDatabases) {
  describe(`v1 notifications on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;

    before(async () => {
      persona = await startPersona(database);
    });
    after(() => persona.close());

    const admin = async (app: CreatedApp, method: InjectOptions['method'], url: string, payload?: unknown) =>
      persona.request({
        method,
        url: `/admin/v1${url}`,
        headers: bearer(await persona.adminToken(app)),
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      });
    const container = async (app: CreatedApp) => {
      const response = await admin(app, 'PUT', '/containers', { slug: newSlug(), name: 'Guild' });
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { id: string; slug: string };
    };
    const send = async (app: CreatedApp, body: Record<string, unknown>) => {
      const response = await admin(app, 'POST', '/notifications', {
        type: 'news',
        title: 'Hello',
        body: 'Hi',
        ...body,
      });
      return response;
    };
    const list = async (session: V1Session, containerId: string, query = '') => {
      const response = await v1Call(
        persona,
        session.sessionToken,
        'GET',
        `/v1/user/notifications?containerId=${containerId}${query}`,
      );
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as {
        items: ListedNotification[];
        total: number;
        unread: number;
        page: number;
        limit: number;
      };
    };
    const markRead = (session: V1Session, body?: unknown) =>
      v1Call(persona, session.sessionToken, 'POST', '/v1/user/notifications/read', body);

    it('sends to users in a container or app-wide; lists newest first with total and unread', async () => {
      const app = await persona.createApp();
      const [guild, other] = [await container(app), await container(app)];
      const [ana, bo] = [await register(persona, app), await register(persona, app)];
      const inGuild = await send(app, { userIds: [ana.userId, bo.userId], containerId: guild.slug, data: { a: 1 } });
      assert.equal(inGuild.statusCode, 201, inGuild.body);
      assert.deepEqual(inGuild.json(), { count: 2 });
      assert.equal((await send(app, { userIds: [ana.userId], title: 'Everywhere' })).statusCode, 201);
      assert.equal((await send(app, { userIds: [ana.userId], containerId: other.id, title: 'Other' })).statusCode, 201);

      const page = await list(ana, guild.id);
      assert.equal(page.total, 2);
      assert.equal(page.unread, 2);
      assert.equal(page.page, 1);
      assert.equal(page.limit, 20);
      assert.deepEqual(
        page.items.map((n) => [n.title, n.containerId]),
        [
          ['Everywhere', null],
          ['Hello', guild.id],
        ],
      );
      const [, first] = page.items;
      assert.deepEqual(first && { ...first, id: '', createdAt: '' }, {
        id: '',
        type: 'news',
        title: 'Hello',
        body: 'Hi',
        data: { a: 1 },
        containerId: guild.id,
        createdAt: '',
        readAt: null,
      });
      assert.deepEqual(
        (await list(ana, other.slug)).items.map((n) => n.title),
        ['Other', 'Everywhere'],
      );
      assert.deepEqual(
        (await list(ana, guild.id, '&page=2&limit=1')).items.map((n) => n.title),
        ['Hello'],
      );
      assert.equal((await list(bo, guild.id)).total, 1);
    });

    it('marks read: 201, idempotent, by ids, by container (with the app-wide ones) or all; only the own', async () => {
      const app = await persona.createApp();
      const [guild, other] = [await container(app), await container(app)];
      const [ana, bo] = [await register(persona, app), await register(persona, app)];
      await send(app, { userIds: [ana.userId, bo.userId], containerId: guild.id, title: 'G1' });
      await send(app, { userIds: [ana.userId], containerId: guild.id, title: 'G2' });
      await send(app, { userIds: [ana.userId], title: 'App-wide' });
      await send(app, { userIds: [ana.userId], containerId: other.id, title: 'O1' });
      const g1 = (await list(ana, guild.id)).items.find((n) => n.title === 'G1') as ListedNotification;
      const boG1 = (await list(bo, guild.id)).items[0] as ListedNotification;

      const byIds = await markRead(ana, { ids: [g1.id, boG1.id, 'not-an-id'] });
      assert.equal(byIds.statusCode, 201, byIds.body);
      assert.equal(byIds.body, '');
      assert.equal((await list(ana, guild.id)).unread, 2);
      assert.equal((await list(bo, guild.id)).unread, 1, "another user's id is ignored");
      assert.equal((await markRead(ana, { ids: [g1.id] })).statusCode, 201);
      assert.equal((await list(ana, guild.id)).items.find((n) => n.id === g1.id)?.readAt !== null, true);

      assert.equal((await markRead(ana, { containerId: guild.slug })).statusCode, 201);
      assert.equal((await list(ana, guild.id)).unread, 0);
      assert.equal((await list(ana, other.id)).unread, 1, 'the app-wide one was read through the guild');

      assert.equal((await markRead(ana)).statusCode, 201);
      assert.equal((await list(ana, other.id)).unread, 0);
      assert.equal((await markRead(ana, {})).statusCode, 201);
      assertV1Error(await markRead(ana, { containerId: 'no-such' }), 404, 'generic_not_found');
      assertV1Error(await markRead(ana, { ids: [] }), 400, 'generic_client_error');
    });

    it('refuses bad lists and callers', async () => {
      const app = await persona.createApp();
      const guild = await container(app);
      const ana = await register(persona, app);
      const get = (token: string | undefined, query: string) =>
        v1Call(persona, token, 'GET', `/v1/user/notifications${query}`);
      assertV1Error(await get(ana.sessionToken, ''), 400, 'generic_client_error');
      assertV1Error(await get(ana.sessionToken, `?containerId=${guild.id}&limit=101`), 400, 'generic_client_error');
      assertV1Error(await get(ana.sessionToken, `?containerId=${guild.id}&page=0`), 400, 'generic_client_error');
      assertV1Error(await get(ana.sessionToken, '?containerId=no-such'), 404, 'generic_not_found');
      assertV1Error(await get(undefined, `?containerId=${guild.id}`), 401, 'GENERIC_UNAUTHORIZED');
      assertV1Error(await get(await persona.adminToken(app), `?containerId=${guild.id}`), 403, 'generic_forbidden');
      const other = await persona.createApp();
      assertV1Error(
        await get((await register(persona, other)).sessionToken, `?containerId=${guild.id}`),
        404,
        'generic_not_found',
      );
    });

    it('refuses bad sends, naming each problem, and stores nothing', async () => {
      const app = await persona.createApp();
      const other = await persona.createApp();
      const guild = await container(app);
      const ana = await register(persona, app);
      const stranger = await register(persona, other);
      const cases: [Record<string, unknown>, string][] = [
        [{ userIds: [ana.userId, stranger.userId] }, 'userIds[1]'],
        [{}, 'userIds'],
        [{ userIds: [ana.userId], type: 'has space' }, 'type'],
        [{ userIds: [ana.userId], title: '' }, 'title'],
        [{ userIds: [ana.userId], body: 'b'.repeat(2001) }, 'body'],
        [{ userIds: [ana.userId], data: { big: 'x'.repeat(5000) } }, 'data'],
        [{ userIds: [ana.userId], extra: true }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const refused = await send(app, body);
        assert.equal(refused.statusCode, 400, `${JSON.stringify(body).slice(0, 80)}: ${refused.body}`);
        const fields = (refused.json().errors ?? []).map((e: { field: string }) => e.field).join(' ');
        assert.ok(fields.includes(field) || refused.body.includes(field), `${field}: ${refused.body}`);
      }
      const elsewhere = await admin(other, 'POST', '/notifications', {
        containerId: guild.id,
        type: 'news',
        title: 'x',
        body: 'y',
      });
      assert.equal(elsewhere.statusCode, 404, elsewhere.body);
      const asUser = await persona.request({
        method: 'POST',
        url: '/admin/v1/notifications',
        headers: bearer(ana.sessionToken),
        payload: { userIds: [ana.userId], type: 'news', title: 'x', body: 'y' },
      });
      assert.equal(asUser.statusCode, 403, asUser.body);
      assert.equal((await list(ana, guild.id)).total, 0);
    });

    it('notifies the referrer, app-wide, when someone joins through the referral', async () => {
      const app = await persona.createApp();
      const guild = await container(app);
      const handle = uniqueName('ref').toLowerCase().slice(-30);
      const referrer = await register(persona, app, { handle });
      const joined = await register(persona, app, { referrerHandle: handle, handle: `${handle.slice(0, 26)}_new` });
      const page = await list(referrer, guild.id);
      assert.equal(page.total, 1);
      const [notification] = page.items;
      assert.equal(notification?.type, 'referral.joined');
      assert.equal(notification?.containerId, null);
      assert.deepEqual(notification?.data, { userId: joined.userId, handle: `${handle.slice(0, 26)}_new` });
    });

    it('fans out to 100,000 members in one request answered at once, in chunks that let other requests through', async () => {
      const app = await persona.createApp();
      const guild = await container(app);
      const reader = await register(persona, app);
      // The members are written straight into the database: adding them through the admin API is tested elsewhere.
      const members = [reader.userId, ...(await seedUsers(persona, app, 99_999))];
      await seedMembers(persona, app, guild.id, members);

      const chunks: PersonaEvent[] = [];
      const unsubscribe = persona.bus.subscribe((event) => {
        if (event.type === 'notifications.created' && event.appId === app.appId) chunks.push(event);
      });
      const firstChunk = heard(persona, (e) => e.type === 'notifications.created' && e.appId === app.appId, 60_000);
      const queued = await send(app, { containerId: guild.id, title: 'To everyone' });
      assert.equal(queued.statusCode, 202, queued.body);
      const { jobId } = queued.json();
      assert.equal(typeof jobId, 'string');

      // A request made once the fan-out runs is answered before the fan-out ends.
      await firstChunk;
      const profile = await v1Call(persona, reader.sessionToken, 'GET', '/v1/user/profile?fields=id');
      assert.equal(profile.statusCode, 200);
      const chunksWhenAnswered = chunks.length;
      assert.ok(chunksWhenAnswered < 100, `the request waited for ${chunksWhenAnswered} of 100 chunks`);

      await eventually(async () => {
        const job = await admin(app, 'GET', `/jobs/${jobId}`);
        return job.json().status === 'succeeded';
      }, 120_000);
      unsubscribe();
      const job = (await admin(app, 'GET', `/jobs/${jobId}`)).json();
      assert.deepEqual(job.result, { sent: 100_000 });
      assert.equal(chunks.length, 100);
      const stored = await persona.database.db
        .selectFrom('notifications')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('count'),
          eb.fn.count<number | string>('user_id').distinct().as('users'),
        ])
        .where('app_id', '=', app.appId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(stored.count), 100_000);
      assert.equal(Number(stored.users), 100_000);
      const page = await list(reader, guild.slug);
      assert.deepEqual(
        page.items.map((n) => n.title),
        ['To everyone'],
      );
    });

    it('goes on where the last committed chunk ended when its instance stops: nobody gets one twice', async () => {
      const app = await persona.createApp();
      const guild = await container(app);
      await seedMembers(persona, app, guild.id, await seedUsers(persona, app, 5000));
      const firstChunk = heard(persona, (e) => e.type === 'notifications.created' && e.appId === app.appId, 60_000);
      const { jobId } = (await send(app, { containerId: guild.id, title: 'Resumed' })).json();
      await firstChunk;
      // The instance stops mid-way (its job goes back to the queue); another runner takes the job over.
      await persona.core.jobRunner.stop();
      const storedBefore = await countStored(app);
      assert.ok(storedBefore >= 1000 && storedBefore < 5000, `stopped after ${storedBefore}`);
      assert.equal(storedBefore % 1000, 0, 'whole chunks only');
      const runner = new JobRunner(
        persona.core.jobs,
        new JobsRepository(persona.database.unitOfWork),
        persona.bus,
        persona.core.workers,
        { concurrency: 1, pollIntervalMs: 100, leaseMs: 60_000 },
        persona.http.log,
      );
      runner.start();
      try {
        await eventually(async () => (await admin(app, 'GET', `/jobs/${jobId}`)).json().status === 'succeeded', 60_000);
      } finally {
        await runner.stop();
      }
      const job = (await admin(app, 'GET', `/jobs/${jobId}`)).json();
      assert.deepEqual(job.result, { sent: 5000 });
      assert.equal(await countStored(app), 5000);
      const users = await persona.database.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.count<number | string>('user_id').distinct().as('users'))
        .where('app_id', '=', app.appId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(users.users), 5000);
    });

    const countStored = async (app: CreatedApp) => {
      const row = await persona.database.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('app_id', '=', app.appId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    };
  });
}
