import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { CreatedApp } from '../../../src/core/apps/apps.types.ts';
import { testDatabases } from '../../helpers/databases.ts';
import { bearer, configureApp, eventually, startPersona, type TestPersona, uniqueName } from '../../helpers/persona.ts';
import { openSse, type SseClient } from '../../helpers/sse.ts';
import { register, type V1Session } from './helpers.ts';

const newSlug = () => uniqueName('c').toLowerCase().slice(-40);
// Heartbeats every second, so that heartbeats, expiry and a stalled client are seen within a test.
const env = {
  STREAM_HEARTBEAT_SECONDS: '1',
  STREAM_STALL_SECONDS: '1',
  STREAM_BUFFER_KB: '64',
  STREAM_MAX_PER_USER: '2',
};

/** A Persona listening on a port of its own (streams are tested over real connections). */
async function listening(persona: TestPersona): Promise<string> {
  return persona.http.listen({ port: 0, host: '127.0.0.1' });
}

function tools(persona: TestPersona, base: () => string) {
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
    const response = await admin(app, 'POST', '/notifications', { type: 'news', title: 'Hello', body: 'Hi', ...body });
    assert.ok([201, 202].includes(response.statusCode), response.body);
    return response;
  };
  const stream = (session: V1Session | string, containerId: string, headers: Record<string, string> = {}) =>
    openSse(
      `${base()}/v1/user/notifications/stream?containerId=${containerId}`,
      typeof session === 'string' ? session : session.sessionToken,
      headers,
    );
  return { admin, container, send, stream };
}

const titleOf = (client: SseClient, index: number) => JSON.parse(client.events[index]?.data ?? '{}').title;

for (const database of testDatabases) {
  describe(`v1 live notifications on ${database.name}`, { skip: database.skip }, () => {
    let persona: TestPersona;
    let base = '';

    before(async () => {
      persona = await startPersona(database, { env });
      base = await listening(persona);
    });
    after(() => persona.close());

    const t = () => tools(persona, () => base);

    it('pushes new notifications of the container and app-wide ones, in order, and nothing of other containers', async () => {
      const { container, send, stream } = t();
      const app = await persona.createApp();
      const [guild, other] = [await container(app), await container(app)];
      const user = await register(persona, app);
      const client = await stream(user, guild.slug);
      assert.equal(client.status, 200, client.body);
      assert.match(String(client.headers['content-type']), /^text\/event-stream/);
      await client.nextComment((c) => c === 'connected');
      await send(app, { userIds: [user.userId], containerId: other.id, title: 'Elsewhere' });
      await send(app, { userIds: [user.userId], containerId: guild.id, title: 'In the guild', data: { n: 1 } });
      await send(app, { userIds: [user.userId], title: 'App-wide' });
      const first = await client.next();
      const second = await client.next();
      assert.deepEqual([JSON.parse(first.data).title, JSON.parse(second.data).title], ['In the guild', 'App-wide']);
      const body = JSON.parse(first.data);
      assert.deepEqual(Object.keys(body).sort(), [
        'body',
        'containerId',
        'createdAt',
        'data',
        'id',
        'readAt',
        'title',
        'type',
      ]);
      assert.deepEqual(body.data, { n: 1 });
      assert.match(first.id ?? '', new RegExp(`^\\d+-${body.id}$`));
      // A fan-out to the container's members reaches the stream too.
      await persona.request({
        method: 'POST',
        url: `/admin/v1/containers/${guild.id}/members`,
        headers: bearer(await persona.adminToken(app)),
        payload: { userIds: [user.userId] },
      });
      await send(app, { containerId: guild.id, title: 'To every member' });
      assert.equal(JSON.parse((await client.next()).data).title, 'To every member');
      client.close();
    });

    it('resumes after Last-Event-ID without missing or repeating anything', async () => {
      const { container, send, stream } = t();
      const app = await persona.createApp();
      const guild = await container(app);
      const user = await register(persona, app);
      const first = await stream(user, guild.id);
      await first.nextComment((c) => c === 'connected');
      await send(app, { userIds: [user.userId], containerId: guild.id, title: 'One' });
      const one = await first.next();
      first.close();
      await send(app, { userIds: [user.userId], containerId: guild.id, title: 'Two' });
      await send(app, { userIds: [user.userId], title: 'Three' });
      const resumed = await stream(user, guild.id, { 'last-event-id': one.id as string });
      assert.equal(resumed.status, 200, resumed.body);
      const two = await resumed.next();
      const three = await resumed.next();
      assert.deepEqual([JSON.parse(two.data).title, JSON.parse(three.data).title], ['Two', 'Three']);
      await send(app, { userIds: [user.userId], containerId: guild.id, title: 'Four' });
      assert.equal(JSON.parse((await resumed.next()).data).title, 'Four');
      assert.equal(resumed.events.length, 3, 'One is not sent again');
      resumed.close();
      // The query parameter does what the header does (for clients that cannot set headers).
      const byQuery = await openSse(
        `${base}/v1/user/notifications/stream?containerId=${guild.id}&lastEventId=${three.id}`,
        user.sessionToken,
      );
      assert.equal(JSON.parse((await byQuery.next()).data).title, 'Four');
      byQuery.close();
    });

    it('delivers a burst larger than one read (2,500 in one transaction) in order, each once, and resumes inside it', async () => {
      const { container, stream } = t();
      const app = await persona.createApp();
      const guild = await container(app);
      const user = await register(persona, app);
      const client = await stream(user, guild.id);
      await client.nextComment((c) => c === 'connected');
      const content = { type: 'burst', title: 'Burst', body: '', data: {} };
      await persona.core.notifications.createFor(app.appId, Array(2500).fill(user.userId), guild.id, content);
      const ids: string[] = [];
      for (let i = 0; i < 2500; i++) ids.push((await client.next()).id as string);
      assert.equal(new Set(ids).size, 2500);
      assert.deepEqual(ids, [...ids].sort(), 'in (seq, id) order');
      client.close();
      const resumed = await stream(user, guild.id, { 'last-event-id': ids[999] as string });
      for (let i = 1000; i < 2500; i++) assert.equal((await resumed.next()).id, ids[i]);
      resumed.close();
    });

    it('refuses before streaming, in the face’s errors', async () => {
      const { container, stream } = t();
      const app = await persona.createApp();
      const guild = await container(app);
      const user = await register(persona, app);
      const expectRefusal = async (client: SseClient, status: number, message: string) => {
        assert.equal(client.status, status, client.body);
        const body = JSON.parse(client.body);
        assert.equal(body.message, message, client.body);
      };
      await expectRefusal(await stream('no-token', guild.id), 401, 'GENERIC_UNAUTHORIZED');
      await expectRefusal(await stream(user, 'no-such-container'), 404, 'generic_not_found');
      await expectRefusal(await stream(await persona.adminToken(app), guild.id), 403, 'generic_forbidden');
      await expectRefusal(await stream(user, guild.id, { 'last-event-id': 'garbage' }), 400, 'generic_client_error');
      const other = await persona.createApp();
      await expectRefusal(await stream(await register(persona, other), guild.id), 404, 'generic_not_found');
      const missing = await openSse(`${base}/v1/user/notifications/stream`, user.sessionToken);
      await expectRefusal(missing, 400, 'generic_client_error');
    });

    it('sends heartbeats while idle', async () => {
      const { container, stream } = t();
      const app = await persona.createApp();
      const client = await stream(await register(persona, app), (await container(app)).id);
      await client.nextComment((c) => c === 'heartbeat', 5000);
      client.close();
    });

    it('ends a stream at once when its token is revoked, and when it expires', async () => {
      const { admin, container, stream } = t();
      const app = await persona.createApp();
      const guild = await container(app);
      const user = await register(persona, app);
      const client = await stream(user, guild.id);
      await client.nextComment((c) => c === 'connected');
      const revoked = await admin(app, 'POST', `/users/${user.userId}/revoke-tokens`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      const end = await client.next((e) => e.event === 'end');
      assert.deepEqual(JSON.parse(end.data), { reason: 'revoked' });
      await client.ended;

      await configureApp(persona, app, { accessTokenTtlSeconds: 1 });
      const brief = await register(persona, app);
      const expiring = await stream(brief, guild.id);
      await expiring.nextComment((c) => c === 'connected');
      const expired = await expiring.next((e) => e.event === 'end', 10_000);
      assert.deepEqual(JSON.parse(expired.data), { reason: 'expired' });
      await expiring.ended;
    });

    it('cuts a client that stops reading, holding no more than its buffer for it', async () => {
      const { container, stream } = t();
      const app = await persona.createApp();
      const guild = await container(app);
      const user = await register(persona, app);
      const slowBefore = persona.core.notificationStreams.stats.ended.slow;
      // A client that sends its request and never reads a byte.
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.pause();
      socket.write(
        `GET /v1/user/notifications/stream?containerId=${guild.id} HTTP/1.1\r\nHost: x\r\n` +
          `Authorization: Bearer ${user.sessionToken}\r\nAccept: text/event-stream\r\n\r\n`,
      );
      const openBefore = persona.core.notificationStreams.stats.open;
      await eventually(() => persona.core.notificationStreams.stats.open > openBefore || openBefore > 0);
      // More than the socket buffers hold: about 12 MB in 3,000 notifications of 4 KB.
      const content = { type: 'bulk', title: 'Bulk', body: 'b', data: { pad: 'x'.repeat(4000) } };
      for (let i = 0; i < 3; i++) {
        await persona.core.notifications.createFor(app.appId, Array(1000).fill(user.userId), guild.id, content);
      }
      await eventually(() => persona.core.notificationStreams.stats.ended.slow > slowBefore, 20_000);
      socket.destroy();
      // The same user still streams normally.
      const client = await stream(user, guild.id);
      assert.equal(client.status, 200);
      client.close();
    });

    it('keeps at most STREAM_MAX_PER_USER streams per user: a new one ends the oldest', async () => {
      const { container, stream } = t();
      const app = await persona.createApp();
      const guild = await container(app);
      const user = await register(persona, app);
      const [a, b] = [await stream(user, guild.id), await stream(user, guild.id)];
      await a.nextComment((c) => c === 'connected');
      const c = await stream(user, guild.id);
      assert.equal(c.status, 200);
      const end = await a.next((e) => e.event === 'end');
      assert.deepEqual(JSON.parse(end.data), { reason: 'replaced' });
      b.close();
      c.close();
    });
  });

  describe(`v1 live notifications: bounds and shutdown on ${database.name}`, { skip: database.skip }, () => {
    it('refuses a stream past STREAM_MAX_CONNECTIONS with 503, and ends every stream cleanly on shutdown', async () => {
      const persona = await startPersona(database, { env: { ...env, STREAM_MAX_CONNECTIONS: '2' } });
      const base = await listening(persona);
      const { container, send, stream } = tools(persona, () => base);
      const app = await persona.createApp();
      const guild = await container(app);
      const [ana, bo, cy] = [await register(persona, app), await register(persona, app), await register(persona, app)];
      const [a, b] = [await stream(ana, guild.id), await stream(bo, guild.id)];
      const refused = await stream(cy, guild.id);
      assert.equal(refused.status, 503, refused.body);
      assert.equal(JSON.parse(refused.body).message, 'service_unavailable');
      assert.ok(Number(refused.headers['retry-after']) > 0);
      await send(app, { userIds: [ana.userId], containerId: guild.id, title: 'Before shutdown' });
      await a.next();
      await persona.close();
      for (const client of [a, b]) {
        const end = await client.next((e) => e.event === 'end');
        assert.deepEqual(JSON.parse(end.data), { reason: 'shutdown' });
        await client.ended;
      }
    });
  });

  describe(`v1 live notifications across two instances on ${database.name}`, {
    skip: database.name === 'postgres' ? database.skip : 'one SQLite file is served by one instance',
  }, () => {
    let a: TestPersona;
    let b: TestPersona;
    let baseB = '';

    before(async () => {
      a = await startPersona(database, { env });
      b = await startPersona(database, {
        shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
        env,
      });
      baseB = await listening(b);
    });
    after(async () => {
      await b.close();
      await a.close();
    });

    it('pushes a notification created on A to a client on B, and a fan-out run on A', async () => {
      const { container, send } = tools(a, () => '');
      const { stream } = tools(b, () => baseB);
      const app = await a.createApp();
      const guild = await container(app);
      const user = await register(a, app);
      const client = await stream(user, guild.id);
      await client.nextComment((c) => c === 'connected');
      await send(app, { userIds: [user.userId], containerId: guild.id, title: 'From A' });
      assert.equal(JSON.parse((await client.next()).data).title, 'From A');
      await a.request({
        method: 'POST',
        url: `/admin/v1/containers/${guild.id}/members`,
        headers: bearer(await a.adminToken(app)),
        payload: { userIds: [user.userId] },
      });
      await send(app, { containerId: guild.id, title: 'Fan-out on A' });
      assert.equal(JSON.parse((await client.next()).data).title, 'Fan-out on A');
      client.close();
    });

    it('closes a stream on B when its token is revoked on A', async () => {
      const { admin, container } = tools(a, () => '');
      const { stream } = tools(b, () => baseB);
      const app = await a.createApp();
      const guild = await container(app);
      const user = await register(a, app);
      const client = await stream(user, guild.id);
      await client.nextComment((c) => c === 'connected');
      assert.equal((await admin(app, 'POST', `/users/${user.userId}/revoke-tokens`)).statusCode, 200);
      const end = await client.next((e) => e.event === 'end');
      assert.deepEqual(JSON.parse(end.data), { reason: 'revoked' });
      await client.ended;
    });

    it('resumes on B with Last-Event-ID after notifications created on A while disconnected, missing nothing', async () => {
      const { container, send } = tools(a, () => '');
      const { stream } = tools(b, () => baseB);
      const app = await a.createApp();
      const guild = await container(app);
      const user = await register(a, app);
      const first = await stream(user, guild.id);
      await first.nextComment((c) => c === 'connected');
      await send(app, { userIds: [user.userId], containerId: guild.id, title: 'Seen' });
      const seen = await first.next();
      first.close();
      const titles = ['Missed 1', 'Missed 2', 'Missed 3'];
      for (const title of titles) await send(app, { userIds: [user.userId], containerId: guild.id, title });
      const resumed = await stream(user, guild.id, { 'last-event-id': seen.id as string });
      for (const title of titles) assert.equal(JSON.parse((await resumed.next()).data).title, title);
      await send(app, { userIds: [user.userId], title: 'Live again' });
      assert.equal(JSON.parse((await resumed.next()).data).title, 'Live again');
      assert.deepEqual(
        resumed.events.map((_, i) => titleOf(resumed, i)),
        [...titles, 'Live again'],
      );
      resumed.close();
    });
  });
}
