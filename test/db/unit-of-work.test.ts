import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { PersonaDatabase } from '../../src/db/database.ts';
import { violatedUniqueConstraint } from '../../src/db/errors.ts';
import type { Database } from '../../src/db/schema.ts';
import type { UnitOfWork } from '../../src/db/unit-of-work.ts';
import { InProcessEventBus, type PersonaEvent } from '../../src/events/bus.ts';
import { openTestDatabase, testDatabases } from '../helpers/databases.ts';

let counter = 0;
const newApp = (db: Kysely<Database>) => {
  const id = `uow${process.pid}x${++counter}`;
  return db
    .insertInto('apps')
    .values({
      id,
      name: id,
      app_key_hash: 'k',
      client_id: `client-${id}`,
      client_secret_hash: 's',
      settings: '{}',
      created_at: Date.now(),
    })
    .execute()
    .then(() => id);
};
const appExists = async (db: Kysely<Database>, id: string) =>
  (await db.selectFrom('apps').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

for (const database of testDatabases) {
  describe(`the unit of work on ${database.name}`, { skip: database.skip }, () => {
    let opened: Awaited<ReturnType<typeof openTestDatabase>>;
    let persona: PersonaDatabase;
    let db: Kysely<Database>;
    let unitOfWork: UnitOfWork;
    let bus: InProcessEventBus;
    let delivered: PersonaEvent[];

    before(async () => {
      opened = await openTestDatabase(database);
      persona = opened.database;
      db = persona.db;
      unitOfWork = persona.unitOfWork;
      bus = new InProcessEventBus();
      unitOfWork.useBus(bus);
      delivered = [];
      bus.subscribe((event) => {
        delivered.push(event);
      });
    });
    after(() => opened.drop());

    it("gives a query on the database inside a unit the unit's transaction (on SQLite it used to hang)", {
      timeout: 10_000,
    }, async () => {
      const id = await unitOfWork.run(async () => {
        const created = await newApp(db);
        assert.ok(await appExists(db, created), 'the unit sees its own uncommitted write');
        return created;
      });
      assert.ok(await appExists(db, id));
    });

    it('commits every write of a unit together, or none', async () => {
      let first = '';
      await assert.rejects(
        unitOfWork.run(async () => {
          first = await newApp(db);
          await unitOfWork.run(async () => {
            await newApp(db);
          });
          unitOfWork.publish({ type: 'app.changed', appId: first });
          throw new Error('the last step failed');
        }),
        /the last step failed/,
      );
      assert.equal(await appExists(db, first), false, 'rolled back');
      assert.equal(delivered.filter((e) => e.type === 'app.changed' && e.appId === first).length, 0, 'nothing told');
    });

    it('waits for a branch that is still writing when another branch fails, and keeps none of it', async () => {
      const before = await db.selectFrom('apps').select('id').execute();
      let branch: Promise<unknown> = Promise.resolve();
      await assert.rejects(
        unitOfWork.run(async () => {
          branch = (async () => {
            await newApp(db);
            await newApp(db);
          })();
          await Promise.all([branch, Promise.reject(new Error('the other branch failed'))]);
        }),
        /the other branch failed/,
      );
      await branch.catch(() => {});
      const afterwards = await db.selectFrom('apps').select('id').execute();
      assert.equal(afterwards.length, before.length, 'nothing of the unit was written');
    });

    it('fails a query that a branch issues after its unit ended, instead of running it outside', async () => {
      const before = await db.selectFrom('apps').select('id').execute();
      let lateQuery: Promise<string> = Promise.resolve('');
      let lateUnit: Promise<string> = Promise.resolve('');
      let ended: Promise<unknown> = Promise.resolve();
      const unit = unitOfWork.run(async () => {
        lateQuery = (async () => {
          await ended;
          return newApp(db);
        })();
        lateUnit = (async () => {
          await ended;
          return unitOfWork.run(() => newApp(db));
        })();
        await Promise.all([lateQuery, lateUnit, Promise.reject(new Error('the other branch failed'))]);
      });
      ended = unit.catch(() => {});
      await assert.rejects(unit, /the other branch failed/);
      await assert.rejects(lateQuery, /after its unit of work ended/);
      await assert.rejects(lateUnit, /after its unit of work ended/, 'nor does a unit begun there commit on its own');
      const afterwards = await db.selectFrom('apps').select('id').execute();
      assert.equal(afterwards.length, before.length, 'nothing was written');
    });

    it('rolls back only a nested unit that failed: the outer unit catches a unique violation and commits', async () => {
      let outer = '';
      let inner = '';
      let last = '';
      await unitOfWork.run(async () => {
        outer = await newApp(db);
        unitOfWork.publish({ type: 'app.changed', appId: outer });
        const violation = await unitOfWork
          .run(async () => {
            inner = await newApp(db);
            unitOfWork.publish({ type: 'app.changed', appId: inner });
            await db
              .insertInto('apps')
              .values({
                id: outer,
                name: 'again',
                app_key_hash: 'k',
                client_id: `client-again-${outer}`,
                client_secret_hash: 's',
                settings: '{}',
                created_at: Date.now(),
              })
              .execute();
          })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        assert.ok(violatedUniqueConstraint(violation), `a unique violation: ${violation}`);
        // On PostgreSQL the transaction was aborted here ("current transaction is aborted") without a savepoint.
        last = await newApp(db);
        const kept = await unitOfWork.run(async () => {
          const id = await newApp(db);
          unitOfWork.publish({ type: 'app.changed', appId: id });
          return id;
        });
        assert.ok(await appExists(db, kept), 'a nested unit that succeeded is kept');
      });
      assert.ok(await appExists(db, outer), 'the outer write is kept');
      assert.ok(await appExists(db, last), 'the write after the caught error is kept');
      assert.equal(await appExists(db, inner), false, 'the nested write is gone');
      const told = (id: string) => delivered.some((e) => e.type === 'app.changed' && e.appId === id);
      assert.ok(told(outer), "the outer unit's event went out");
      assert.equal(told(inner), false, "the failed nested unit's event did not");
      assert.equal(delivered.filter((e) => e.type === 'app.changed').length, delivered.length);
    });

    it('runs a single statement in the unit it is called in, without a savepoint: a failure there is not undone apart', async () => {
      let joined = '';
      await unitOfWork.run(async () => {
        joined = await unitOfWork.runStatement(async () => {
          const id = await newApp(db);
          unitOfWork.publish({ type: 'app.changed', appId: id });
          return id;
        });
      });
      assert.ok(await appExists(db, joined), 'the joined write committed with its unit');
      assert.ok(
        delivered.some((e) => e.type === 'app.changed' && e.appId === joined),
        'and its event went out',
      );
      const alone = await unitOfWork.runStatement(() => newApp(db));
      assert.ok(await appExists(db, alone), 'outside a unit it is a unit of its own');

      // No savepoint was taken, so a caught failure is the unit's own: PostgreSQL aborts the whole transaction (and the
      // unit fails loudly, keeping nothing); SQLite's failed statement wrote nothing and the unit goes on.
      let outer = '';
      const attempt = unitOfWork.run(async () => {
        outer = await newApp(db);
        const violation = await unitOfWork
          .runStatement(() =>
            db
              .insertInto('apps')
              .values({
                id: outer,
                name: 'again',
                app_key_hash: 'k',
                client_id: `client-again-${outer}`,
                client_secret_hash: 's',
                settings: '{}',
                created_at: Date.now(),
              })
              .execute(),
          )
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        assert.ok(violatedUniqueConstraint(violation), `a unique violation: ${violation}`);
        await newApp(db);
      });
      if (persona.dialect === 'postgres') {
        await assert.rejects(attempt, /aborted/);
        assert.equal(await appExists(db, outer), false, 'nothing of the unit committed');
      } else {
        await attempt;
        assert.ok(await appExists(db, outer), 'the unit went on and committed');
      }
    });

    it('writes one statement with its events outside a unit, telling of it only when it wrote a row', async () => {
      const id = await newApp(db);
      const told = () => delivered.filter((e) => e.type === 'app.changed' && e.appId === id).length;
      const rename = (name: string, from: string) =>
        db.updateTable('apps').set({ name }).where('id', '=', id).where('name', '=', from).returning('name').compile();
      const event: PersonaEvent = { type: 'app.changed', appId: id };

      const written = await unitOfWork.writeWithEvents(rename('renamed', id), [event]);
      assert.deepEqual(
        written.map((row) => row.name),
        ['renamed'],
      );
      assert.equal(told(), 1, 'its event reached the handlers once');
      assert.deepEqual(await unitOfWork.writeWithEvents(rename('again', 'not its name'), [event]), []);
      assert.equal(told(), 1, 'a statement that wrote nothing tells nothing');

      // Inside a unit it is part of the unit: rolled back with it, its event dropped with it.
      await assert.rejects(
        unitOfWork.run(async () => {
          await unitOfWork.writeWithEvents(rename('inside', 'renamed'), [event]);
          throw new Error('undone');
        }),
        /undone/,
      );
      const stored = await db.selectFrom('apps').select('name').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(stored.name, 'renamed');
      assert.equal(told(), 1);
    });

    it("rolls back a nested unit's branch that was still writing when the nested unit failed", async () => {
      let outer = '';
      let branch: Promise<unknown> = Promise.resolve();
      const before = await db.selectFrom('apps').select('id').execute();
      await unitOfWork.run(async () => {
        outer = await newApp(db);
        await assert.rejects(
          unitOfWork.run(async () => {
            branch = (async () => {
              await newApp(db);
              await newApp(db);
            })();
            await Promise.all([branch, Promise.reject(new Error('the nested unit failed'))]);
          }),
          /the nested unit failed/,
        );
        await branch.catch(() => {});
      });
      const afterwards = await db.selectFrom('apps').select('id').execute();
      assert.deepEqual(
        afterwards.map((row) => row.id).filter((id) => !before.some((row) => row.id === id)),
        [outer],
        'only the outer write is kept',
      );
    });

    it('runs the nested units of one unit one at a time, so that one rolled back undoes none of the others', async () => {
      const ids: string[] = [];
      let failed = '';
      const before = await db.selectFrom('apps').select('id').execute();
      await unitOfWork.run(async () => {
        const results = await Promise.allSettled([
          unitOfWork.run(async () => {
            ids.push(await newApp(db));
            ids.push(await newApp(db));
          }),
          unitOfWork.run(async () => {
            failed = await newApp(db);
            await newApp(db);
            throw new Error('this nested unit failed');
          }),
          unitOfWork.run(async () => {
            ids.push(await newApp(db));
          }),
          (async () => {
            ids.push(await newApp(db));
          })(),
        ]);
        assert.deepEqual(
          results.map((result) => result.status),
          ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
        );
      });
      const afterwards = await db.selectFrom('apps').select('id').execute();
      const added = afterwards.map((row) => row.id).filter((id) => !before.some((row) => row.id === id));
      assert.deepEqual(added.sort(), [...ids].sort(), 'every write but those of the failed nested unit is kept');
      assert.equal(added.includes(failed), false);
    });

    it('delivers events after the commit, once each', async () => {
      let id = '';
      const during: number[] = [];
      await unitOfWork.run(async () => {
        id = await newApp(db);
        unitOfWork.publish({ type: 'app.changed', appId: id });
        unitOfWork.publish({ type: 'app.changed', appId: id });
        during.push(delivered.filter((e) => e.type === 'app.changed' && e.appId === id).length);
      });
      assert.deepEqual(during, [0], 'no handler ran before the commit');
      assert.equal(delivered.filter((e) => e.type === 'app.changed' && e.appId === id).length, 1);
    });

    it('refuses a publish outside a unit, and an event too large to carry', async () => {
      assert.throws(() => unitOfWork.publish({ type: 'app.changed', appId: 'x' }), /outside a unit of work/);
      await assert.rejects(
        unitOfWork.run(async () => {
          unitOfWork.publish({
            type: 'tokens.ended',
            appId: 'x',
            userId: 'y',
            tokenIds: Array(500).fill('z'.repeat(36)),
          });
        }),
        /ids only/,
      );
    });

    it('refuses a transaction begun with Kysely inside a unit rather than committing the unit early', async () => {
      await assert.rejects(
        unitOfWork.run(() => db.transaction().execute(async () => undefined)),
        /inside a unit of work/,
      );
      const id = await unitOfWork.run(() => newApp(db));
      assert.ok(await appExists(db, id), 'the next unit works');
    });

    it('never shows a reader outside the unit what the unit has not committed', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let id = '';
      let inserted: () => void = () => {};
      const insertedNow = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const unit = unitOfWork.run(async () => {
        id = await newApp(db);
        inserted();
        await gate;
      });
      await insertedNow;
      let readerSaw: boolean | undefined;
      const reader = appExists(db, id).then((seen) => {
        readerSaw = seen;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // PostgreSQL answers at once from the last commit; SQLite's reader waits for the one connection.
      if (readerSaw !== undefined) assert.equal(readerSaw, false, 'a reader that answered early saw nothing');
      release();
      await Promise.all([unit, reader]);
      assert.ok(await appExists(db, id));
    });

    it('runs chunks as units of their own, letting other work in between, and keeps what committed', async () => {
      const order: string[] = [];
      const items = Array.from({ length: 8 }, (_, i) => i);
      const chunks = unitOfWork.runInChunks(items, 2, async (chunk) => {
        await newApp(db);
        order.push(`chunk ${chunk[0]}`);
      });
      const reader = db
        .selectFrom('apps')
        .select('id')
        .execute()
        .then(() => order.push('reader'));
      await Promise.all([chunks, reader]);
      assert.ok(
        order.indexOf('reader') < order.indexOf('chunk 6'),
        `the reader waited for no long transaction: ${order}`,
      );

      const before = await db.selectFrom('apps').select('id').execute();
      await assert.rejects(
        unitOfWork.runInChunks(items, 2, async (chunk) => {
          await newApp(db);
          if (chunk[0] === 4) throw new Error('the third chunk failed');
        }),
        /third chunk/,
      );
      const afterFailure = await db.selectFrom('apps').select('id').execute();
      assert.equal(afterFailure.length - before.length, 2, 'the two chunks before the failure stayed; its own did not');
    });
  });
}
