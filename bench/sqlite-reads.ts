/**
 * The SQLite reads of a request that misses the caches, in-process (issue 22): a token by its hash and then its user
 * (two statements, as before issue 22), or both in one joined statement, for random users of BENCH_USERS (50,000),
 * under SQLite's default page cache (2 MB) and with a larger one or memory-mapped reads. Other programs on the machine
 * inflate the times alike; the variants run alternately, READS_ROUNDS (3) rounds of READS_COUNT (100,000) reads each.
 *
 * Then the writes of `POST /users/me` (READS_WRITES, default 20,000 per variant): each update of a random user
 * committed alone (as today), against updates committed ten or fifty to a transaction (what group commit would do)
 * and against checkpoints moved to a worker thread, with `synchronous = NORMAL` as Persona runs. READS_COUNT=0 skips
 * the reads.
 *
 *   node --disable-warning=ExperimentalWarning bench/sqlite-reads.ts
 *   BENCH_USERS=1000000 node --disable-warning=ExperimentalWarning bench/sqlite-reads.ts
 *
 * The read figures are CPU time per read (this process's, user and system), steadier than wall time on a busy
 * machine. READS_VARIANTS (parts of the variants' names, comma-separated) runs some only; READS_WARMUP (20,000).
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { AppsRepository } from '../src/core/apps/apps.repository.ts';
import { hashSecret } from '../src/core/secrets.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { InProcessEventBus } from '../src/events/bus.ts';
import { seedUsers } from './seed-users.ts';

const users = Number(process.env.BENCH_USERS || 50_000);
const reads = Number(process.env.READS_COUNT || 100_000);
const rounds = Number(process.env.READS_ROUNDS || 3);
// Reads before each measured round, so that SQLite's page cache holds what a running server's would.
const warmUp = Number(process.env.READS_WARMUP || 20_000);
const tmp = mkdtempSync(join(os.tmpdir(), 'persona-reads-'));
const path = join(tmp, 'persona.db');
const appId = 'readsbench';

const userColumns =
  'u.id, u.app_id, u.internal_id, u.login_name, u.email_address, u.email_verified, u.phone_number, u.phone_verified, ' +
  'u.display_name, u.country, u.locale, u.custom_fields, u.disabled, u.handle, u.biography, u.date_of_birth, ' +
  'u.avatar_url, u.first_log_in_at, u.created_at, u.modified_at, ' +
  'case when u.password_hash is not null then 1 else 0 end as has_password';
const tokenColumns = 't.id, t.app_id, t.user_id, t.kind, t.pair_id, t.profile_id, t.credentials_version, t.expires_at';

try {
  const database = openDatabase({ url: `sqlite:${path}` });
  await migrateToLatest(database);
  const bus = new InProcessEventBus();
  database.unitOfWork.useBus(bus);
  await new AppsRepository(database.unitOfWork, bus, { maxBytes: 0, ttlMs: 1 }).insertApp({
    id: appId,
    name: appId,
    appKeyHash: 'k',
    clientId: `client-${appId}`,
    clientSecretHash: 's',
    createdAt: Date.now(),
  });
  await database.close();
  const tokens = await seedUsers({ DATABASE_URL: `sqlite:${path}` }, appId, users);
  const hashes = tokens.map((t) => hashSecret(t.token.slice(t.token.indexOf('.') + 1)));
  console.log(`database file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB, ${users} users`);

  const variants = [
    { name: 'two statements, default page cache', pragmas: [], joined: false },
    { name: 'one joined statement, default page cache', pragmas: [], joined: true },
    { name: 'one joined statement, cache_size 64 MiB', pragmas: ['cache_size = -65536'], joined: true },
    { name: 'one joined statement, cache_size 256 MiB', pragmas: ['cache_size = -262144'], joined: true },
    // 4 GiB: more than the file of a million users, so that every page is mapped.
    { name: 'one joined statement, mmap 4 GiB', pragmas: ['mmap_size = 4294967296'], joined: true },
    {
      name: 'one joined statement, mmap 4 GiB + cache 64 MiB',
      pragmas: ['mmap_size = 4294967296', 'cache_size = -65536'],
      joined: true,
    },
  ].filter(
    (variant) =>
      !process.env.READS_VARIANTS || process.env.READS_VARIANTS.split(',').some((v) => variant.name.includes(v)),
  );
  const results = new Map<string, number[]>();
  for (let round = 0; round < rounds && reads > 0; round++) {
    for (const variant of variants) {
      const db = new DatabaseSync(path);
      for (const pragma of ['journal_mode = WAL', ...variant.pragmas]) db.exec(`PRAGMA ${pragma}`);
      const joined = db.prepare(
        `select ${tokenColumns}, ${userColumns} from tokens t left join users u on u.app_id = t.app_id ` +
          'and u.id = t.user_id where t.app_id = ? and t.token_hash = ?',
      );
      const token = db.prepare(`select ${tokenColumns} from tokens t where t.app_id = ? and t.token_hash = ?`);
      const user = db.prepare(`select ${userColumns} from users u where u.app_id = ? and u.id = ?`);
      // Warm the page cache as a running server's would be.
      for (let i = 0; i < warmUp; i++) joined.get(appId, hashes[Math.floor(Math.random() * hashes.length)] as string);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < reads; i++) {
        const hash = hashes[Math.floor(Math.random() * hashes.length)] as string;
        if (variant.joined) joined.get(appId, hash);
        else {
          const row = token.get(appId, hash) as { user_id: string };
          user.get(appId, row.user_id);
        }
      }
      const us = ((performance.now() - started) * 1000) / reads;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuUs = (cpu.user + cpu.system) / reads;
      db.close();
      const list = results.get(variant.name) ?? [];
      list.push(cpuUs);
      results.set(variant.name, list);
      console.log(
        `round ${round + 1}: ${variant.name}: ${us.toFixed(1)} µs wall, ${cpuUs.toFixed(1)} µs CPU ` +
          `(${((100 * cpu.system) / (cpu.user + cpu.system)).toFixed(0)}% system; load ${os.loadavg()[0]?.toFixed(2)})`,
      );
    }
  }
  console.log(`\n| variant (${users} users) | CPU µs per miss, each round | best |`);
  for (const [name, list] of results) {
    console.log(`| ${name} | ${list.map((us) => us.toFixed(1)).join(', ')} | ${Math.min(...list).toFixed(1)} |`);
  }

  const writes = Number(process.env.READS_WRITES ?? 20_000);
  const ids = tokens.map((t) => t.userId);
  // How a `POST /users/me` commits today is the first; the others are what group commit or a checkpointer off the
  // event loop would change. In WAL mode with `synchronous = NORMAL` a commit appends its pages to the WAL and flushes
  // nothing; every 1,000 WAL pages the committing call also checkpoints (copies the pages into the database file and
  // fsyncs both), on the thread that committed: the event loop's.
  const writeVariants = [
    { name: '1 update, autocommit (today)', perCommit: 1, explicit: false, checkpointer: false },
    { name: '1 update, begin … commit', perCommit: 1, explicit: true, checkpointer: false },
    { name: '10 updates a commit', perCommit: 10, explicit: true, checkpointer: false },
    { name: '50 updates a commit', perCommit: 50, explicit: true, checkpointer: false },
    { name: '1 update, autocommit, checkpoints on a worker thread', perCommit: 1, explicit: false, checkpointer: true },
  ];
  const writeResults = new Map<string, number[]>();
  for (let round = 0; round < rounds && writes > 0; round++) {
    for (const variant of writeVariants) {
      const db = new DatabaseSync(path);
      for (const pragma of ['journal_mode = WAL', 'synchronous = NORMAL']) db.exec(`PRAGMA ${pragma}`);
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      let checkpointer: Worker | undefined;
      if (variant.checkpointer) {
        db.exec('PRAGMA wal_autocheckpoint = 0');
        checkpointer = new Worker(
          `const { DatabaseSync } = require('node:sqlite');
           const { workerData, parentPort } = require('node:worker_threads');
           const db = new DatabaseSync(workerData);
           db.exec('PRAGMA synchronous = NORMAL');
           const timer = setInterval(() => db.exec('PRAGMA wal_checkpoint(PASSIVE)'), 50);
           parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });`,
          { eval: true, workerData: path },
        );
      }
      const update = db.prepare(
        'update users set display_name = ?, display_name_key = ?, custom_fields = ?, modified_at = ? ' +
          'where app_id = ? and id = ? and modified_at = modified_at',
      );
      const begin = db.prepare('begin');
      const commit = db.prepare('commit');
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < writes; i += variant.perCommit) {
        if (variant.explicit) begin.run();
        for (let j = 0; j < variant.perCommit; j++) {
          const name = `Bench ${round}.${i + j}`;
          const id = ids[Math.floor(Math.random() * ids.length)] as string;
          update.run(name, name.toLowerCase(), '{"nick":"b","level":3}', Date.now(), appId, id);
        }
        if (variant.explicit) commit.run();
      }
      // The event loop's time: every call above is synchronous on this thread.
      const us = ((performance.now() - started) * 1000) / writes;
      const cpu = process.cpuUsage(cpuBefore);
      if (checkpointer) {
        checkpointer.postMessage('stop');
        await once(checkpointer, 'exit');
      }
      db.close();
      const list = writeResults.get(variant.name) ?? [];
      list.push(us);
      writeResults.set(variant.name, list);
      console.log(
        `round ${round + 1}: ${variant.name}: ${us.toFixed(1)} µs an update on the event loop, ` +
          `${((cpu.user + cpu.system) / writes).toFixed(1)} µs of the process's CPU (load ${os.loadavg()[0]?.toFixed(2)})`,
      );
    }
  }
  console.log(`\n| writes (${users} users) | µs an update on the event loop, each round | best |`);
  for (const [name, list] of writeResults) {
    console.log(`| ${name} | ${list.map((us) => us.toFixed(1)).join(', ')} | ${Math.min(...list).toFixed(1)} |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
