import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const { http } = await buildApp(config);

// Finish in-flight requests, then close the bus and the database, on either signal.
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    http.log.info({ signal }, 'shutting down');
    http.close().then(
      () => process.exit(0),
      (error: unknown) => {
        http.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await http.listen({ port: config.port, host: config.host });
