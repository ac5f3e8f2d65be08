import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { redactedDatabaseUrl, StartupError } from './db/startup.ts';

/**
 * Starts Persona. Every problem of configuration or environment ends the process within seconds, with exit code 1 and
 * one line per problem on stderr naming the setting and the fix: never a stack trace, never a silent hang.
 */
function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`persona: ${line}\n`);
  process.exit(1);
}

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.problems : [(error as Error).message]);
}

let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config);
} catch (error) {
  if (error instanceof StartupError) fail([error.message]);
  fail([`start-up failed: ${((error as Error).message ?? String(error)).split('\n')[0]}`]);
}
const { http } = app;

/** `GET /metrics` on a port of its own (METRICS_PORT), for a scraper on a private network: no token there. */
async function listenForMetrics(port: number): Promise<{ server: Server; address: string }> {
  const metrics = app.metrics;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics' || !metrics) {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, address: `http://${config.host}:${bound}/metrics` };
}

let metricsServer: Server | undefined;

/**
 * Waits until no request has arrived for a moment (connections a client opened just before the signal are read and
 * answered), for at most half the shutdown deadline: a load balancer that keeps sending is not waited for forever.
 */
async function drain(): Promise<void> {
  const quietMs = 250;
  const until = Date.now() + config.shutdownTimeoutMs / 2;
  await new Promise((resolve) => setTimeout(resolve, Math.min(quietMs, config.shutdownTimeoutMs / 4)));
  while (app.msSinceLastRequest() < quietMs && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
// On either signal: stop accepting, let requests in flight finish (new requests on open connections get 503), then
// stop the jobs and close the bus and the database. A request still running at the deadline (a client trickling its
// body) has its connection cut, so that a shutdown always ends.
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    http.log.info({ signal, deadlineMs: config.shutdownTimeoutMs }, 'shutting down');
    // First a short drain: readiness answers 503 and every response closes its connection, but requests whose bytes
    // are already on their way are still read and answered. Closing at once would reset connections whose request
    // the server had not parsed yet (Node counts them idle), failing requests the clients had sent.
    app.beginShutdown();
    metricsServer?.close();
    const deadline = setTimeout(() => {
      http.log.warn('requests still running at the shutdown deadline: cutting their connections');
      http.server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    deadline.unref();
    drain()
      .then(() => http.close())
      .then(
        () => {
          clearTimeout(deadline);
          process.exit(0);
        },
        (error: unknown) => {
          http.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}

try {
  const address = await http.listen({ port: config.port, host: config.host });
  let metricsAddress: string | null = config.metricsToken ? `${address}/metrics` : null;
  if (config.metricsPort !== undefined) {
    try {
      const listening = await listenForMetrics(config.metricsPort);
      metricsServer = listening.server;
      metricsAddress = listening.address;
    } catch (error) {
      await http.close().catch(() => {});
      const code = (error as { code?: string }).code;
      fail([
        `METRICS_PORT=${config.metricsPort} cannot be listened on (${code ?? (error as Error).message}): set another`,
      ]);
    }
  }
  http.log.info(
    {
      version,
      database: redactedDatabaseUrl(config.databaseUrl),
      schema: config.databaseSchema ?? null,
      migrationsApplied: app.migrationsApplied,
      address,
      metrics: metricsAddress,
    },
    'Persona started',
  );
} catch (error) {
  const code = (error as { code?: string }).code;
  await http.close().catch(() => {});
  if (code === 'EADDRINUSE')
    fail([`PORT=${config.port} is in use on HOST=${config.host}: stop the other process or set another PORT`]);
  if (code === 'EACCES') fail([`PORT=${config.port} needs privileges on this machine: set a PORT above 1023`]);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    fail([`HOST=${config.host} is not an address of this machine: set HOST to one (127.0.0.1, 0.0.0.0)`]);
  }
  fail([`cannot listen on ${config.host}:${config.port}: ${(error as Error).message.split('\n')[0]}`]);
}
