import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { CreatedApp } from '../../src/core/apps/apps.types.ts';
import { sweepExpiredTokensJob } from '../../src/core/identity/identity.jobs.ts';
import { JobRunner } from '../../src/core/jobs/job-runner.ts';
import { JobsRepository } from '../../src/core/jobs/jobs.repository.ts';
import type { Job } from '../../src/core/jobs/jobs.types.ts';
import { hashSecret } from '../../src/core/secrets.ts';
import { testDatabases } from '../helpers/databases.ts';
import { bearer, eventually, startPersona, type TestPersona } from '../helpers/persona.ts';

const cpuTask = new URL('../helpers/cpu-task.ts', import.meta.url).href;

let kindCounter = 0;
/** A job kind of this test alone, so that no other test's runner (or this file's next test) takes its jobs. */
const testKind = (name: string) => `test.${name}.${process.pid}.${++kindCounter}`;

for (const database of testDatabases) {
  describe(`background jobs on ${database.name}`, { skip: database.skip }, () => {
    let a: TestPersona;
    /** A second instance on PostgreSQL; on SQLite (one process per file) the same instance. */
    let b: TestPersona;
    /** On SQLite, a second runner on the one instance, so that two runners still race for every job. */
    let secondRunner: JobRunner | undefined;
    let app: CreatedApp;
    // Short leases and polls, so that take-overs and retries happen within a test.
    const env = { JOBS_CONCURRENCY: '4', JOBS_POLL_INTERVAL_MS: '100', JOBS_LEASE_SECONDS: '1' };

    before(async () => {
      a = await startPersona(database, { env });
      if (database.name === 'postgres') {
        b = await startPersona(database, {
          shared: { url: a.config.databaseUrl, schema: a.config.databaseSchema as string },
          env,
        });
      } else {
        b = a;
        const options = { concurrency: 4, pollIntervalMs: 100, leaseMs: 1000 };
        const repository = new JobsRepository(a.database.unitOfWork);
        secondRunner = new JobRunner(a.core.jobs, repository, a.bus, a.core.workers, options, a.http.log);
        secondRunner.start();
      }
      app = await a.createApp();
    });
    after(async () => {
      await secondRunner?.stop();
      if (b !== a) await b.close();
      await a.close();
    });

    const jobRow = (id: string) =>
      a.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const finished = (id: string, timeoutMs = 20_000) =>
      eventually(async () => ['succeeded', 'failed'].includes((await jobRow(id)).status), timeoutMs);

    it('runs each job once though two instances claim them at once', async () => {
      const kind = testKind('once');
      const runs: string[] = [];
      const runsOn = new Map<TestPersona, number>();
      for (const instance of new Set([a, b])) {
        instance.core.jobs.register(kind, async (job) => {
          runs.push(job.id);
          runsOn.set(instance, (runsOn.get(instance) ?? 0) + 1);
          // Longer than a claim takes, so that each runner holds its four and the other must take the rest.
          await new Promise((resolve) => setTimeout(resolve, 20));
          return { ran: true };
        });
      }
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await a.core.jobs.enqueue(kind, { i })) as string);
      for (const id of ids) await finished(id);
      assert.equal(runs.length, 40, 'no job ran twice');
      assert.deepEqual(new Set(runs), new Set(ids));
      for (const id of ids) {
        const row = await jobRow(id);
        assert.deepEqual([row.status, row.attempts], ['succeeded', 1]);
      }
      if (b !== a) assert.ok((runsOn.get(a) ?? 0) > 0 && (runsOn.get(b) ?? 0) > 0, 'both instances ran jobs');
    });

    it('hands concurrent claimers distinct jobs at once, passing over rows another claim holds', {
      skip: database.name === 'postgres' ? false : 'row locks are PostgreSQL only (SQLite has one writer)',
    }, async () => {
      const kind = testKind('skip-locked');
      const repository = new JobsRepository(a.database.unitOfWork);
      const claimers = 6;
      const now = Date.now();
      const ids: string[] = [];
      for (let i = 0; i <= claimers; i++) {
        ids.push((await repository.insertJob(kind, { i }, { runAt: now - 1000 + i }, now)) as string);
      }
      // The first job is held by a claim still in progress, as another instance's would be: without SKIP LOCKED
      // every claimer picks that same row, waits for it, and all but one come back empty.
      const holder = new pg.Client({
        connectionString: a.config.databaseUrl,
        options: `-c search_path=${a.config.databaseSchema}`,
      });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select id from jobs where id = $1 for update', [ids[0]]);
        const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid as number;
        let settled = false;
        const claims = Promise.all(
          Array.from({ length: claimers }, (_, i) => repository.claimNext([kind], `claimer-${i}`, now, now + 60_000)),
        ).finally(() => {
          settled = true;
        });
        const blocked = async () =>
          Number(
            (
              await holder.query(
                'select count(*) as count from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
                [holderPid],
              )
            ).rows[0].count,
          ) > 0;
        // Either every claim is answered while the row stays held, or a claimer is seen waiting for it.
        await eventually(async () => settled || (await blocked()));
        const answeredWhileHeld = settled;
        await holder.query('commit');
        const claimed = await claims;
        assert.ok(answeredWhileHeld, 'no claimer waited for the row another claim holds');
        assert.deepEqual(
          claimed.map((job) => job?.id ?? 'nothing').sort(),
          ids.slice(1).sort(),
          'each claimer got a job of its own in one round',
        );
      } finally {
        await holder.end();
      }
    });

    it('takes over a job whose instance died once the lease lapses, counting the attempt', async () => {
      const kind = testKind('orphan');
      let runs = 0;
      b.core.jobs.register(kind, async () => {
        runs++;
        return 'done';
      });
      const id = uuidv7();
      const now = Date.now();
      // As a crashed instance leaves it: claimed, running, its lease lapsed and never renewed.
      await a.database.db
        .insertInto('jobs')
        .values({
          id,
          app_id: null,
          kind,
          payload: 'null',
          status: 'running',
          dedupe_key: null,
          attempts: 1,
          max_attempts: 5,
          run_at: now - 60_000,
          lease_owner: 'crashed-host:1:dead',
          lease_expires_at: now - 1000,
          progress: null,
          result: null,
          last_error: null,
          created_at: now - 60_000,
          updated_at: now - 60_000,
          finished_at: null,
        })
        .execute();
      await finished(id);
      const row = await jobRow(id);
      assert.equal(row.status, 'succeeded');
      assert.equal(row.attempts, 2);
      assert.equal(row.result, '"done"');
      assert.equal(runs, 1);
    });

    it('retries a failing job with growing delays, keeps its progress, and gives up after its attempts', async () => {
      const kind = testKind('flaky');
      const attempts: number[] = [];
      a.core.jobs.register(kind, async (job, { reportProgress }) => {
        attempts.push(Date.now());
        await reportProgress({ step: attempts.length });
        if ((job.payload as { failFirst: number }).failFirst >= attempts.length)
          throw new Error(`attempt ${attempts.length} failed`);
        return { attempts: attempts.length };
      });
      const id = (await a.core.jobs.enqueue(kind, { failFirst: 2 }, { maxAttempts: 3 })) as string;
      await finished(id);
      const row = await jobRow(id);
      assert.equal(row.status, 'succeeded');
      assert.equal(row.attempts, 3);
      assert.equal(row.progress, '{"step":3}');
      assert.ok((attempts[1] as number) - (attempts[0] as number) >= 1000, 'the first retry waited a second');
      assert.ok((attempts[2] as number) - (attempts[1] as number) >= 2000, 'the second waited twice that');

      attempts.length = 0;
      const doomed = (await a.core.jobs.enqueue(kind, { failFirst: 99 }, { maxAttempts: 2 })) as string;
      await finished(doomed);
      const failed = await jobRow(doomed);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 2);
      assert.equal(failed.last_error, 'attempt 2 failed');
    });

    it('runs CPU-heavy work on a worker thread while requests are answered', async () => {
      const kind = testKind('cpu');
      a.core.jobs.register(kind, (_job, { runInWorker }) => runInWorker(cpuTask, 'burn', { ms: 1500 }));
      const id = (await a.core.jobs.enqueue(kind, null)) as string;
      await eventually(async () => (await jobRow(id)).status === 'running');
      let answered = 0;
      for (let i = 0; i < 20; i++) {
        const health = await a.request({ method: 'GET', url: '/healthz' });
        assert.equal(health.statusCode, 200);
        answered++;
      }
      assert.equal((await jobRow(id)).status, 'running', `${answered} requests were answered while the job ran`);
      await finished(id);
      const result = JSON.parse((await jobRow(id)).result as string);
      assert.notEqual(result.threadId, 0, 'the work ran off the main thread');
      assert.ok(result.iterations > 0);

      const failing = testKind('cpu-fail');
      a.core.jobs.register(failing, (_job, { runInWorker }) => runInWorker(cpuTask, 'fail', null));
      const failedId = (await a.core.jobs.enqueue(failing, null, { maxAttempts: 1 })) as string;
      await finished(failedId);
      assert.equal((await jobRow(failedId)).last_error, 'the task failed on purpose');
    });

    it('enqueues nothing when the unit of work that asked for the job rolls back', async () => {
      const kind = testKind('rolled-back');
      a.core.jobs.register(kind, async () => 'ran');
      let id: string | undefined;
      await assert.rejects(
        a.database.unitOfWork.run(async () => {
          id = await a.core.jobs.enqueue(kind, null);
          throw new Error('the write failed');
        }),
      );
      assert.ok(id);
      assert.equal(
        await a.database.db.selectFrom('jobs').select('id').where('id', '=', id).executeTakeFirst(),
        undefined,
      );
    });

    it('offers each recurring job once per period, whichever instance offers it', async () => {
      const rows = await a.database.db
        .selectFrom('jobs')
        .select(['kind', 'dedupe_key'])
        .where('kind', '=', sweepExpiredTokensJob)
        .execute();
      const perPeriod = new Map<string | null, number>();
      for (const row of rows) perPeriod.set(row.dedupe_key, (perPeriod.get(row.dedupe_key) ?? 0) + 1);
      assert.ok(perPeriod.size >= 1, 'the sweep was offered');
      for (const [period, count] of perPeriod) assert.equal(count, 1, `period ${period} has one sweep`);
    });

    it('sweeps tokens expired longer ago than the retention, keeping recent ones to answer as expired', async () => {
      const user = await a.createUser(app);
      const now = Date.now();
      const token = (expiresAt: number, secret: string) => ({
        id: uuidv7(),
        app_id: app.appId,
        user_id: user.id,
        kind: 'access' as const,
        token_hash: hashSecret(secret),
        pair_id: uuidv7(),
        profile_id: null,
        expires_at: expiresAt,
        created_at: expiresAt - 3_600_000,
      });
      const old = Array.from({ length: 2500 }, (_, i) => token(now - 8 * 24 * 3_600_000, `old-${i}`));
      for (let i = 0; i < old.length; i += 500) {
        await a.database.db
          .insertInto('tokens')
          .values(old.slice(i, i + 500))
          .execute();
      }
      await a.database.db
        .insertInto('tokens')
        .values(token(now - 3_600_000, 'recent'))
        .execute();
      const id = (await a.core.jobs.enqueue(sweepExpiredTokensJob, null)) as string;
      await finished(id);
      const row = await jobRow(id);
      assert.equal(row.status, 'succeeded', String(row.last_error));
      // The recurring sweep offered at start may have taken some first; what is left below is what must hold.
      assert.ok(JSON.parse(row.result as string).deleted >= 0);
      assert.ok(JSON.parse(row.progress as string).apps >= 1);
      const left = await a.database.db
        .selectFrom('tokens')
        .select('expires_at')
        .where('app_id', '=', app.appId)
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(left.length, 3, 'the live pair and the recently expired token stay');
      const expired = await a.request({
        method: 'GET',
        url: '/admin/v1/app',
        headers: bearer(`${app.appId}.recent`),
      });
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json().code, 'token_expired');
      const swept = await a.request({ method: 'GET', url: '/admin/v1/app', headers: bearer(`${app.appId}.old-1`) });
      assert.equal(swept.json().code, 'invalid_token');
    });

    it("shows the app's admin a job of the app, and nobody else", async () => {
      const kind = testKind('visible');
      a.core.jobs.register(kind, async (_job, { reportProgress }) => {
        await reportProgress({ done: 1, of: 1 });
        return { ok: true };
      });
      const id = (await a.core.jobs.enqueue(kind, null, { appId: app.appId })) as string;
      await finished(id);
      const admin = await a.adminToken(app);
      const shown = await a.request({ method: 'GET', url: `/admin/v1/jobs/${id}`, headers: bearer(admin) });
      assert.equal(shown.statusCode, 200, shown.body);
      const body = shown.json() as Partial<Job> & { createdAt: string };
      assert.equal(body.status, 'succeeded');
      assert.deepEqual(body.progress, { done: 1, of: 1 });
      assert.deepEqual(body.result, { ok: true });

      const otherApp = await a.createApp('Other');
      const otherAdmin = await a.adminToken(otherApp);
      const user = await a.createUser(app);
      const asOther = await a.request({ method: 'GET', url: `/admin/v1/jobs/${id}`, headers: bearer(otherAdmin) });
      assert.equal(asOther.statusCode, 404);
      assert.equal(asOther.json().code, 'job_not_found');
      const asUser = await a.request({ method: 'GET', url: `/admin/v1/jobs/${id}`, headers: bearer(user.accessToken) });
      assert.equal(asUser.statusCode, 403);
      const anonymous = await a.request({ method: 'GET', url: `/admin/v1/jobs/${id}` });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
