import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { AppsRepository } from './core/apps/apps.repository.ts';
import { AppsService } from './core/apps/apps.service.ts';
import { createCore } from './core/core.ts';
import { CoreError } from './core/errors.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDemo } from './demo/load-demo.ts';
import { InProcessEventBus } from './events/bus.ts';

const noCache = { maxBytes: 0, ttlMs: 0 };

const usage = `Usage: npm run cli -- <command>

Commands:
  migrate                         bring the database schema up to date
  apps create --name NAME [--json]
                                  create an app; prints its id, key and admin client credentials (shown once)
  demo load --app APPID [--json]  fill the app's catalogues with a demo European cinema chain (preference options,
                                  schools, study levels, ratings bodies, films, profile icons); loading twice
                                  changes nothing
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
    if (command === 'apps create') {
      if (!values.name) {
        err(`apps create needs --name NAME\n\n${usage}`);
        return 2;
      }
      // Creating an app changes nothing another instance caches: an in-process bus and no cache are enough.
      const apps = new AppsService(
        new AppsRepository(database.unitOfWork, new InProcessEventBus(), { maxBytes: 0, ttlMs: 0 }),
      );
      const created = await apps.createApp(values.name);
      out(
        values.json
          ? JSON.stringify(created)
          : `App created. Keep these; the key and secret are not shown again.\n  appId:        ${created.appId}\n  appKey:       ${created.appKey}\n  clientId:     ${created.clientId}\n  clientSecret: ${created.clientSecret}`,
      );
      return 0;
    }
    if (command === 'demo load') {
      if (!values.app) {
        err(`demo load needs --app APPID\n\n${usage}`);
        return 2;
      }
      // Catalogues are cached nowhere: an in-process bus tells no other instance anything, and needs not.
      const core = createCore(database, new InProcessEventBus(), {
        caches: { apps: noCache, users: noCache, tokens: noCache, catalogues: noCache, profiles: noCache },
        expiredTokenRetentionMs: config.expiredTokenRetentionMs,
        jobs: config.jobs,
        workerThreads: 0,
        log: { warn: () => {}, error: () => {} },
      });
      try {
        const summary = await loadDemo(core, values.app);
        out(
          values.json
            ? JSON.stringify(summary)
            : `Demo catalogues loaded into app ${summary.appId}: ${summary.preferenceOptions} preference options, ` +
                `${summary.schools} schools, ${summary.studyLevels} study levels, ${summary.ratingsBodies} ratings ` +
                `bodies, ${summary.movies} films, ${summary.icons} profile icons.`,
        );
        return 0;
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
      }
    }
    err(`Unknown command: ${command}\n\n${usage}`);
    return 2;
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
