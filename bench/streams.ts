/**
 * The live-notification benchmark (part of `npm run bench`, BENCH_FACES including v1): BENCH_STREAMS (10,000) users
 * of one container each hold a Server-Sent Events stream on one Persona instance; the admin sends one notification to
 * the container (a fan-out job), and the time until the last stream receives it is measured, with the server's
 * resident memory before and after the streams opened (per stream: the difference over the count). The clients are
 * raw sockets of this process, which only look for the first `data:` line.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StreamBenchResult {
  case: string;
  streams: number;
  /** Seconds to open every stream (each answered its head and `: connected`). */
  openSeconds: number;
  serverRssBeforeBytes: number;
  serverRssAfterBytes: number;
  /** Resident memory the streams added, per stream (kernel socket buffers not included). */
  bytesPerStream: number;
  /** From the admin's request to each stream's receipt, in ms. */
  deliveryMs: { first: number; p50: number; p99: number; last: number };
  received: number;
  valid: boolean;
  problem?: string;
}

interface Member {
  token: string;
  userId: string;
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) * 1024;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Opens the streams, sends one notification to all, measures; closes every stream before it returns. */
export async function measureStreams(options: {
  name: string;
  base: string;
  app: { appId: string; clientId: string; clientSecret: string };
  members: readonly Member[];
  serverPid: number;
  timeoutMs?: number;
}): Promise<StreamBenchResult> {
  const { base, app, members, serverPid } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const url = new URL(base);
  const result: StreamBenchResult = {
    case: options.name,
    streams: members.length,
    openSeconds: 0,
    serverRssBeforeBytes: 0,
    serverRssAfterBytes: 0,
    bytesPerStream: 0,
    deliveryMs: { first: 0, p50: 0, p99: 0, last: 0 },
    received: 0,
    valid: false,
  };
  const grant = await fetch(`${base}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });
  const adminToken = ((await grant.json()) as { access_token: string }).access_token;
  const admin = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${base}/admin/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300 && response.status !== 202)
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const container = await admin('PUT', '/containers', { slug: 'bench-everyone', name: 'Everyone' });
  const containerId = container.id as string;
  await admin('POST', `/containers/${containerId}/members`, { userIds: members.map((m) => m.userId) });

  await sleep(1000);
  result.serverRssBeforeBytes = rssBytes(serverPid);
  process.stdout.write(`${options.name}: opening ${members.length} streams… `);
  const sockets: net.Socket[] = [];
  const receivedAt: (number | undefined)[] = new Array(members.length).fill(undefined);
  let sentAt = Number.POSITIVE_INFINITY;
  let received = 0;
  let allReceived: () => void = () => {};
  const everyoneReceived = new Promise<void>((resolve) => {
    allReceived = resolve;
  });
  const openedAt = performance.now();
  const open = (member: Member, index: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname);
      sockets.push(socket);
      let connected = false;
      let text = '';
      socket.setEncoding('utf8');
      socket.once('error', reject);
      socket.on('connect', () => {
        socket.write(
          `GET /v1/user/notifications/stream?containerId=${containerId} HTTP/1.1\r\nHost: ${url.host}\r\n` +
            `Authorization: Bearer ${member.token}\r\nAccept: text/event-stream\r\n\r\n`,
        );
      });
      socket.on('data', (chunk: string) => {
        if (!connected) {
          text += chunk;
          if (!text.startsWith('HTTP/1.1 200')) {
            reject(new Error(`a stream was refused: ${text.split('\r\n')[0]}`));
            socket.destroy();
            return;
          }
          if (!text.includes(': connected')) return;
          connected = true;
          resolve();
          text = text.slice(text.indexOf(': connected') + 11);
        } else {
          text += chunk;
        }
        if (receivedAt[index] === undefined && text.includes('\ndata: ')) {
          receivedAt[index] = performance.now();
          text = '';
          received += 1;
          if (received === members.length) allReceived();
        } else if (text.length > 4096) text = text.slice(-16);
      });
    });
  try {
    for (let start = 0; start < members.length; start += 500) {
      await Promise.all(members.slice(start, start + 500).map((member, i) => open(member, start + i)));
    }
    result.openSeconds = Math.round((performance.now() - openedAt) / 100) / 10;
    process.stdout.write(`open in ${result.openSeconds} s; `);
    await sleep(2000);
    result.serverRssAfterBytes = rssBytes(serverPid);
    result.bytesPerStream = Math.round((result.serverRssAfterBytes - result.serverRssBeforeBytes) / members.length);

    sentAt = performance.now();
    const queued = await admin('POST', '/notifications', {
      containerId,
      type: 'bench',
      title: 'To everyone',
      body: 'One notification to every member of the container',
    });
    process.stdout.write(`sent (job ${queued.jobId}); `);
    const timedOut = sleep(timeoutMs).then(() => 'timeout' as const);
    const outcome = await Promise.race([everyoneReceived.then(() => 'done' as const), timedOut]);
    const delays = receivedAt
      .filter((at): at is number => at !== undefined)
      .map((at) => at - sentAt)
      .sort((a, b) => a - b);
    result.received = delays.length;
    result.deliveryMs = {
      first: Math.round(delays[0] ?? 0),
      p50: Math.round(percentile(delays, 50)),
      p99: Math.round(percentile(delays, 99)),
      last: Math.round(delays.at(-1) ?? 0),
    };
    result.valid = outcome === 'done';
    if (!result.valid) result.problem = `${delays.length} of ${members.length} received within ${timeoutMs} ms`;
    console.log(
      `last received after ${result.deliveryMs.last} ms; ` +
        `${Math.round(result.bytesPerStream / 102.4) / 10} KiB per stream` +
        (result.valid ? '' : ` — INVALID: ${result.problem}`),
    );
  } catch (error) {
    result.problem = error instanceof Error ? error.message : String(error);
    console.log(`INVALID: ${result.problem}`);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
  return result;
}

/** The stream cases as a table. */
export function printStreamTable(results: readonly StreamBenchResult[]): void {
  if (results.length === 0) return;
  console.log(
    '\n| case | streams | open s | delivery ms first/p50/p99/last | server RSS MiB before→after | per stream |',
  );
  console.log('|:--|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    console.log(
      `| ${r.case} | ${r.received}/${r.streams} | ${r.openSeconds} | ` +
        `${r.deliveryMs.first}/${r.deliveryMs.p50}/${r.deliveryMs.p99}/${r.deliveryMs.last} | ` +
        `${mib(r.serverRssBeforeBytes)}→${mib(r.serverRssAfterBytes)} | ${(r.bytesPerStream / 1024).toFixed(1)} KiB` +
        `${r.valid ? '' : ' INVALID'} |`,
    );
  }
}
