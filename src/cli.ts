import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { type Core, createCore } from './core/core.ts';
import { CoreError } from './core/errors.ts';
import { type MessageStatus, messageStatuses } from './core/messaging/messaging.types.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemo } from './demo/load-demo.ts';
import { InProcessEventBus } from './events/bus.ts';
import { PostgresEventBus } from './events/postgres-bus.ts';
import { transportsOf } from './messaging/transports.ts';

const noCache = { maxBytes: 0, ttlMs: 0 };

const usage = `Usage: npm run cli -- <command>

Commands:
  migrate                         bring the database schema up to date
  apps create --name NAME [--json]
                                  create an app; prints its id, key and admin client credentials (shown once)
  apps list [--json]              list the apps (id, creation time, name)
  apps rotate-key --app APPID [--json]
                                  a new app key, shown once; the old one stops working
  apps rotate-secret --app APPID [--json]
                                  a new admin client secret, shown once; the old one and its admin tokens end
  demo load --app APPID [--json]  fill the app's catalogues with a demo European cinema chain (preference options,
                                  schools, study levels, ratings bodies, films, profile icons); loading twice
                                  changes nothing
  outbox --app APPID [--status held|queued|sent|failed] [--limit N] [--json]
                                  the app's messages to users, newest first (default: the 20 last); without SMTP_URL
                                  or SMS_WEBHOOK_URL they are held here, links and codes included
`;

/** Runs one CLI command against the configured database; returns the exit code. */
export async function runCli(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      app: { type: 'string' },
      json: { type: 'boolean', default: false },
      status: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help) {
    out(usage);
    return 0;
  }
  if (command === '') {
    err(usage);
    return 2;
  }
  const config = loadConfig();
  const database = openDatabase({ url: config.databaseUrl, schema: config.databaseSchema });
  try {
    const applied = await migrateToLatest(database);
    if (command === 'migrate') {
      out(
        values.json
          ? JSON.stringify({ applied })
          : applied.length === 0
            ? 'The database schema was up to date; nothing applied.'
            : `Applied ${applied.length} migration(s): ${applied.join(', ')}.`,
      );
      return 0;
    }
    // The core on the bus the servers listen to (PostgreSQL), so that what the CLI changes reaches their caches at
    // once; with SQLite there is no such bus, and a running server's caches trust what they hold for CACHE_TTL_SECONDS.
    const bus = database.postgres
      ? await PostgresEventBus.connect(database.postgres, database.schema)
      : new InProcessEventBus();
    const core = createCore(database, bus, {
      caches: { apps: noCache, users: noCache, tokens: noCache, catalogues: noCache, profiles: noCache },
      expiredTokenRetentionMs: config.expiredTokenRetentionMs,
      jobs: config.jobs,
      workerThreads: 0,
      recommender: { ...config.recommender, cacheBytes: 0, cacheTtlMs: 0 },
      hashing: config.hashing,
      // As the servers send: a message the CLI composes is delivered by their job runners.
      messaging: { transports: transportsOf(config.messaging), publicUrl: config.messaging.publicUrl },
      log: { warn: () => {}, error: () => {} },
    });
    try {
      return await runCommand(command, values, core, out, err);
    } catch (error) {
      if (error instanceof CoreError && error.code === 'app_not_found') {
        err(`No app has the id ${values.app}.`);
        return 1;
      }
      if (error instanceof CoreError) {
        err(`${error.code}: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await bus.close();
    }
  } finally {
    await database.close();
  }
}

/** One command on a running core; returns the exit code. */
async function runCommand(
  command: string,
  values: {
    name?: string | undefined;
    app?: string | undefined;
    json?: boolean | undefined;
    status?: string | undefined;
    limit?: string | undefined;
  },
  core: Core,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const needApp = () => {
    if (values.app) return values.app;
    err(`${command} needs --app APPID\n\n${usage}`);
    return undefined;
  };
  if (command === 'apps create') {
    if (!values.name) {
      err(`apps create needs --name NAME\n\n${usage}`);
      return 2;
    }
    const created = await core.apps.createApp(values.name);
    out(
      values.json
        ? JSON.stringify(created)
        : `App created. Keep these; the key and secret are not shown again.\n  appId:        ${created.appId}\n  appKey:       ${created.appKey}\n  clientId:     ${created.clientId}\n  clientSecret: ${created.clientSecret}\n\nexport APP_ID=${created.appId} APP_KEY=${created.appKey} CLIENT_ID=${created.clientId} CLIENT_SECRET=${created.clientSecret}`,
    );
    return 0;
  }
  if (command === 'apps list') {
    const apps = await core.apps.listApps();
    if (values.json) {
      out(
        JSON.stringify(
          apps.map((app) => ({
            appId: app.id,
            name: app.name,
            clientId: app.clientId,
            createdAt: new Date(app.createdAt).toISOString(),
          })),
        ),
      );
    } else if (apps.length === 0) {
      out('No apps yet: npm run cli -- apps create --name NAME');
    } else {
      for (const app of apps) out(`${app.id}  ${new Date(app.createdAt).toISOString()}  ${app.name}`);
    }
    return 0;
  }
  if (command === 'apps rotate-key') {
    const appId = needApp();
    if (!appId) return 2;
    const appKey = await core.apps.rotateAppKey(appId);
    out(
      values.json
        ? JSON.stringify({ appId, appKey })
        : `New app key of ${appId} (the old one no longer works): ${appKey}`,
    );
    return 0;
  }
  if (command === 'apps rotate-secret') {
    const appId = needApp();
    if (!appId) return 2;
    const rotated = await core.apps.rotateClientSecret(appId);
    out(
      values.json
        ? JSON.stringify({ appId, ...rotated })
        : `New admin client secret of ${appId} (the old one and its admin tokens no longer work): ${rotated.clientSecret}`,
    );
    return 0;
  }
  if (command === 'demo load') {
    const appId = needApp();
    if (!appId) return 2;
    const summary = await loadDemo(core, appId);
    out(
      values.json
        ? JSON.stringify(summary)
        : `Demo catalogues loaded into app ${summary.appId}: ${summary.preferenceOptions} preference options, ` +
            `${summary.schools} schools, ${summary.studyLevels} study levels, ${summary.ratingsBodies} ratings ` +
            `bodies, ${summary.movies} films, ${summary.icons} profile icons.`,
    );
    return 0;
  }
  if (command === 'outbox') {
    const appId = needApp();
    if (!appId) return 2;
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      err('outbox --limit takes a number from 1 to 1000');
      return 2;
    }
    const status = values.status;
    if (status !== undefined && !(messageStatuses as readonly string[]).includes(status)) {
      err(`outbox --status takes one of ${messageStatuses.join(', ')}`);
      return 2;
    }
    await core.apps.getApp(appId);
    const page = await core.messaging.listMessagesOfApp(
      appId,
      { status: status as MessageStatus | undefined },
      { limit },
    );
    if (values.json) {
      out(JSON.stringify(page.items));
      return 0;
    }
    if (page.items.length === 0) out(`No messages in the outbox of ${appId}.`);
    for (const message of page.items) {
      out(
        `${new Date(message.createdAt).toISOString()}  ${message.status}  ${message.kind}  to ${message.recipient}` +
          (message.lastError ? `  (last error: ${message.lastError})` : ''),
      );
      if (message.subject !== null) out(`  Subject: ${message.subject}`);
      if (message.text !== null) for (const line of message.text.trimEnd().split('\n')) out(`  | ${line}`);
    }
    return 0;
  }
  err(`Unknown command: ${command}\n\n${usage}`);
  return 2;
}

if (import.meta.main) {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
