import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { AppsRepository } from '../../src/core/apps/apps.repository.ts';
import { joinedProfileColumns, ProfilesRepository } from '../../src/core/households/profiles.repository.ts';
import type { NewToken, NewUser } from '../../src/core/identity/identity.types.ts';
import { TokensRepository } from '../../src/core/identity/tokens.repository.ts';
import { identifierTakenBy, UsersRepository } from '../../src/core/identity/users.repository.ts';
import { JobsRepository } from '../../src/core/jobs/jobs.repository.ts';
import { isForeignKeyViolation } from '../../src/db/errors.ts';
import { InProcessEventBus, type PersonaEvent } from '../../src/events/bus.ts';
import { openTestDatabase, testDatabases } from '../helpers/databases.ts';

// One contract for every repository, run on every database: tenancy, not-found, constraint names, guards, events.
for (const database of testDatabases) {
  describe(`the repository contract on ${database.name}`, { skip: database.skip }, () => {
    let opened: Awaited<ReturnType<typeof openTestDatabase>>;
    let apps: AppsRepository;
    let users: UsersRepository;
    let tokens: TokensRepository;
    let jobs: JobsRepository;
    let events: PersonaEvent[];
    let bus: InProcessEventBus;
    const appA = `ctr${process.pid}a`;
    const appB = `ctr${process.pid}b`;

    before(async () => {
      opened = await openTestDatabase(database);
      bus = new InProcessEventBus();
      opened.database.unitOfWork.useBus(bus);
      events = [];
      bus.subscribe((event) => {
        events.push(event);
      });
      const cache = { maxBytes: 1024 * 1024, ttlMs: 60_000 };
      apps = new AppsRepository(opened.database.unitOfWork, bus, cache);
      users = new UsersRepository(opened.database.unitOfWork, bus, cache);
      tokens = new TokensRepository(opened.database.unitOfWork, bus, cache);
      jobs = new JobsRepository(opened.database.unitOfWork);
      for (const id of [appA, appB]) {
        await apps.insertApp({
          id,
          name: id,
          appKeyHash: 'k',
          clientId: `client-${id}`,
          clientSecretHash: 's',
          createdAt: Date.now(),
        });
      }
    });
    after(() => opened.drop());

    let counter = 0;
    const newUser = (appId: string, fields: Partial<NewUser> = {}): NewUser => ({
      id: uuidv7(),
      appId,
      loginName: `user${++counter}`,
      emailAddress: null,
      phoneNumber: null,
      displayName: null,
      country: null,
      locale: null,
      customFields: {},
      passwordHash: null,
      createdAt: Date.now(),
      ...fields,
    });
    const newToken = (appId: string, userId: string | null, fields: Partial<NewToken> = {}): NewToken => ({
      id: uuidv7(),
      appId,
      userId,
      kind: 'access',
      tokenHash: `hash-${++counter}`,
      pairId: uuidv7(),
      profileId: null,
      credentialsVersion: 0,
      expiresAt: Date.now() + 3_600_000,
      createdAt: Date.now(),
      ...fields,
    });

    describe('apps', () => {
      it('finds an app by id, and nothing for an unknown one', async () => {
        assert.equal((await apps.findApp(appA))?.id, appA);
        assert.equal(await apps.findApp('no-such-app'), undefined);
      });

      it('publishes app.changed with a settings change, and reads the change back', async () => {
        const before = await apps.findApp(appA);
        assert.ok(before);
        await apps.updateSettings(appA, { ...before.settings, accessTokenTtlSeconds: 600 });
        assert.ok(events.some((e) => e.type === 'app.changed' && e.appId === appA));
        assert.equal((await apps.findApp(appA))?.settings.accessTokenTtlSeconds, 600);
      });
    });

    describe('users', () => {
      it("never finds another app's user, cached or not", async () => {
        const user = await users.insertUser(newUser(appA));
        assert.equal((await users.findUser(appA, user.id))?.id, user.id);
        assert.equal(await users.findUser(appB, user.id), undefined);
        assert.equal(await users.findUser(appB, user.id, { fresh: true }), undefined);
        assert.equal(
          await users.findUserByIdentifier(appB, { field: 'loginName', value: user.loginName as string }),
          undefined,
        );
        assert.equal(await users.updateUser(appB, user.id, { displayName: 'x' }), undefined);
        assert.equal(await users.deleteUser(appB, user.id), false);
        assert.equal((await users.findUser(appA, user.id, { fresh: true }))?.displayName, null);
      });

      it('takes internal ids from the database, distinct and increasing', async () => {
        const first = await users.insertUser(newUser(appA));
        const second = await users.insertUser(newUser(appB));
        assert.ok(second.internalId > first.internalId);
      });

      it('names the identifier a unique violation is about, by constraint', async () => {
        const email = `login_name+phone_number@${counter}.example.com`;
        const original = await users.insertUser(
          newUser(appA, { emailAddress: email, phoneNumber: `+49${counter}123` }),
        );
        const attempts: [Partial<NewUser>, string][] = [
          [{ loginName: original.loginName?.toUpperCase() as string }, 'loginName'],
          [{ emailAddress: email.toUpperCase() }, 'emailAddress'],
          [{ phoneNumber: original.phoneNumber as string }, 'phoneNumber'],
        ];
        for (const [fields, field] of attempts) {
          const failure = await users.insertUser(newUser(appA, fields)).then(
            () => undefined,
            (error: unknown) => error,
          );
          assert.equal(identifierTakenBy(failure), field);
        }
        await users.insertUser(newUser(appB, { emailAddress: email }));
        assert.equal(
          identifierTakenBy(new Error('UNIQUE constraint failed: users.app_id, users.email_key')),
          undefined,
        );
      });

      it('advances modifiedAt strictly with every write, and a guard refuses a stale write', async () => {
        const user = await users.insertUser(newUser(appA));
        const first = await users.updateUser(appA, user.id, { displayName: 'One' });
        const second = await users.updateUser(appA, user.id, { displayName: 'Two' });
        assert.ok(first !== undefined && second !== undefined);
        assert.ok(first > user.modifiedAt && second > first, `${user.modifiedAt} < ${first} < ${second}`);
        assert.equal(
          await users.updateUser(appA, user.id, { displayName: 'Stale' }, { ifModifiedAt: first }),
          undefined,
        );
        const third = await users.updateUser(appA, user.id, { displayName: 'Three' }, { ifModifiedAt: second });
        assert.ok(third !== undefined && third > second);
        assert.equal((await users.findUser(appA, user.id))?.displayName, 'Three');
      });

      it('publishes user.changed when a row changed, and not when none did', async () => {
        const user = await users.insertUser(newUser(appA));
        events.length = 0;
        await users.updateUser(appA, user.id, { country: 'DE' });
        await users.updateUser(appA, user.id, { country: 'FR' }, { ifModifiedAt: 1 });
        await users.updateUser(appB, user.id, { country: 'IT' });
        assert.deepEqual(events, [{ type: 'user.changed', appId: appA, userId: user.id }]);
      });

      it('deletes a user with its tokens, telling token caches', async () => {
        const user = await users.insertUser(newUser(appA));
        const token = newToken(appA, user.id);
        await tokens.insertTokens([token]);
        events.length = 0;
        assert.equal(await users.deleteUser(appA, user.id), true);
        assert.equal(await tokens.findByHash(appA, token.tokenHash), undefined);
        assert.ok(events.some((e) => e.type === 'tokens.ended' && e.userId === user.id));
        assert.ok(events.some((e) => e.type === 'user.changed' && e.userId === user.id));
      });
    });

    describe('tokens', () => {
      it("refuses, in the schema, a token of one app pointing at another app's user", async () => {
        const user = await users.insertUser(newUser(appB));
        const failure = await tokens.insertTokens([newToken(appA, user.id)]).then(
          () => undefined,
          (error: unknown) => error,
        );
        assert.ok(isForeignKeyViolation(failure), String(failure));
      });

      it('finds a token only in its own app', async () => {
        const user = await users.insertUser(newUser(appA));
        const token = newToken(appA, user.id);
        await tokens.insertTokens([token]);
        assert.equal((await tokens.findByHash(appA, token.tokenHash))?.id, token.id);
        assert.equal(await tokens.findByHash(appB, token.tokenHash), undefined);
      });

      it('reads a token with its user in one statement on a miss, and the users cache keeps the user', async () => {
        const cache = { maxBytes: 1024 * 1024, ttlMs: 60_000 };
        const joinedUsers = new UsersRepository(opened.database.unitOfWork, bus, cache);
        const joinedTokens = new TokensRepository(opened.database.unitOfWork, bus, cache, { users: joinedUsers });
        const user = await users.insertUser(
          newUser(appA, { displayName: 'Joined', customFields: { nick: 'j' }, passwordHash: 'h' }),
        );
        const token = newToken(appA, user.id);
        const admin = newToken(appA, null);
        await tokens.insertTokens([token, admin]);

        assert.equal((await joinedTokens.findByHash(appA, token.tokenHash))?.id, token.id);
        assert.equal(joinedUsers.cacheStats.entries, 1, 'the user came with the token');
        const found = await joinedUsers.findUser(appA, user.id);
        assert.deepEqual(found, await users.findUser(appA, user.id, { fresh: true }), 'as a read of the user gives it');
        assert.deepEqual([joinedUsers.cacheStats.hits, joinedUsers.cacheStats.misses], [1, 0], 'from the cache');

        assert.equal((await joinedTokens.findByHash(appA, admin.tokenHash))?.userId, null, "an admin's token");
        assert.equal(await joinedTokens.findByHash(appB, token.tokenHash), undefined, 'only in its own app');
        assert.equal(joinedUsers.cacheStats.entries, 1);

        // A change of the user drops it; the token, still cached, brings nothing older back.
        await users.updateUser(appA, user.id, { displayName: 'Changed' });
        assert.equal((await joinedUsers.findUser(appA, user.id))?.displayName, 'Changed');
      });

      it("reads a token with the profile it is bound to, and the profiles' cache keeps the profile", async () => {
        const cache = { maxBytes: 1024 * 1024, ttlMs: 60_000 };
        const profiles = new ProfilesRepository(opened.database.unitOfWork, bus, cache);
        const joinedUsers = new UsersRepository(opened.database.unitOfWork, bus, cache);
        const joinedTokens = new TokensRepository(opened.database.unitOfWork, bus, cache, {
          users: joinedUsers,
          profiles: {
            columns: joinedProfileColumns,
            cacheMark: () => profiles.cacheMark(),
            offerJoined: (appId, row, mark) => profiles.offerJoined(appId, row, mark),
          },
        });
        const user = await users.insertUser(newUser(appA));
        const profileId = uuidv7();
        const profile = {
          id: profileId,
          userId: user.id,
          isDefault: true,
          name: 'Kid',
          child: true,
          pinPromptRequired: false,
          audioLanguage: 'fr',
          subtitleLanguage: null,
          ratingThresholds: [{ ratingsBody: 'MPAA', rating: 'PG' }],
          iconId: null,
          additionalProperties: [{ name: 'color', value: 'blue' }],
        };
        assert.equal(await profiles.insertProfile(appA, profile, Date.now()), 'stored');
        const bound = newToken(appA, user.id, { profileId });
        const unbound = newToken(appA, user.id);
        await tokens.insertTokens([bound, unbound]);

        assert.equal((await joinedTokens.findByHash(appA, unbound.tokenHash))?.profileId, null);
        assert.equal(profiles.cacheStats.entries, 0, 'no profile, none kept');
        assert.equal((await joinedTokens.findByHash(appA, bound.tokenHash))?.profileId, profileId);
        assert.equal(profiles.cacheStats.entries, 1, 'the profile came with the token');
        const found = await profiles.findProfile(appA, user.id, profileId);
        assert.deepEqual([profiles.cacheStats.hits, profiles.cacheStats.misses], [1, 0], 'from the cache');
        const fresh = new ProfilesRepository(opened.database.unitOfWork, bus, { maxBytes: 0, ttlMs: 0 });
        assert.deepEqual(found, await fresh.findProfile(appA, user.id, profileId), 'as a read of the profile gives it');

        // A change of the profile drops it, and the token, still cached, brings nothing older back.
        assert.equal(await profiles.updateProfile(appA, { ...profile, name: 'Teen' }, Date.now()), 'stored');
        assert.equal((await profiles.findProfile(appA, user.id, profileId))?.name, 'Teen');
      });

      it('answers the token misses of one turn with one statement on PostgreSQL', {
        skip: database.name !== 'postgres',
      }, async () => {
        const cache = { maxBytes: 1024 * 1024, ttlMs: 60_000 };
        const joinedUsers = new UsersRepository(opened.database.unitOfWork, bus, cache);
        const coalescing = new TokensRepository(opened.database.unitOfWork, bus, cache, {
          users: joinedUsers,
          coalesceUpTo: 3,
        });
        const mine = await users.insertUser(newUser(appA, { displayName: 'Mine' }));
        const theirs = await users.insertUser(newUser(appB));
        const own = [newToken(appA, mine.id), newToken(appA, mine.id), newToken(appA, null)];
        const other = newToken(appB, theirs.id);
        await tokens.insertTokens([...own, other]);
        // Statements run by Kysely (on PostgreSQL every read goes through it), counted or failed on demand.
        const db = opened.database.db;
        let statements = 0;
        let fail = false;
        const execute = db.executeQuery.bind(db);
        (db as { executeQuery: unknown }).executeQuery = (...args: Parameters<typeof execute>) => {
          statements++;
          if (fail) return Promise.reject(new Error('the statement failed'));
          return execute(...args);
        };
        let found: Awaited<ReturnType<TokensRepository['findByHash']>>[];
        let counted = 0;
        try {
          found = await Promise.all([
            ...own.map((token) => coalescing.findByHash(appA, token.tokenHash)),
            coalescing.findByHash(appA, own[0]?.tokenHash as string),
            coalescing.findByHash(appA, 'no-such-hash'),
            coalescing.findByHash(appA, other.tokenHash),
            coalescing.findByHash(appB, other.tokenHash),
          ]);
          counted = statements;
          fail = true;
          const failing = new TokensRepository(opened.database.unitOfWork, bus, cache, {
            users: joinedUsers,
            coalesceUpTo: 8,
          });
          const reads = await Promise.allSettled([failing.findByHash(appA, 'one'), failing.findByHash(appA, 'two')]);
          assert.deepEqual(
            reads.map((read) => read.status === 'rejected' && String(read.reason)),
            ['Error: the statement failed', 'Error: the statement failed'],
            'each reader hears the failure',
          );
          assert.equal(statements - counted, 1, 'the two failed together');
        } finally {
          delete (db as { executeQuery?: unknown }).executeQuery;
        }
        assert.deepEqual(
          found.map((token) => token?.id),
          [...own.map((token) => token.id), own[0]?.id, undefined, undefined, other.id],
          "each its own token, none of another app's",
        );
        // Three tokens of app A a statement at most (the third key starts one at once), app B's alone.
        assert.equal(counted, 3, `${counted} statements for 7 reads`);
        assert.equal(joinedUsers.cacheStats.entries, 2, 'the users came with their tokens');
        assert.equal((await joinedUsers.findUser(appA, mine.id))?.displayName, 'Mine');
      });

      it("gives a refresh token once, tells an expired one apart, and never spends another app's", async () => {
        const user = await users.insertUser(newUser(appA));
        const pairId = uuidv7();
        const access = newToken(appA, user.id, { pairId });
        const refresh = newToken(appA, user.id, { pairId, kind: 'refresh' });
        const expired = newToken(appA, user.id, { kind: 'refresh', expiresAt: Date.now() - 1 });
        await tokens.insertTokens([access, refresh, expired]);
        assert.equal(await tokens.consumeRefreshToken(appB, refresh.tokenHash, Date.now()), undefined);
        events.length = 0;
        const taken = await tokens.consumeRefreshToken(appA, refresh.tokenHash, Date.now());
        assert.equal(typeof taken === 'object' && taken.id, refresh.id);
        assert.equal(await tokens.findByHash(appA, access.tokenHash), undefined, 'the pair ended with it');
        const ended = events.find((e) => e.type === 'tokens.ended');
        assert.deepEqual(
          ended && 'tokenIds' in ended ? new Set(ended.tokenIds) : undefined,
          new Set([refresh.id, access.id]),
        );
        assert.equal(await tokens.consumeRefreshToken(appA, refresh.tokenHash, Date.now()), undefined);
        assert.equal(await tokens.consumeRefreshToken(appA, expired.tokenHash, Date.now()), 'expired');
        assert.equal(await tokens.consumeRefreshToken(appA, access.tokenHash, Date.now()), undefined);
      });

      it("ends one user's tokens, in one app", async () => {
        const mine = await users.insertUser(newUser(appA));
        const theirs = await users.insertUser(newUser(appA));
        const a = newToken(appA, mine.id);
        const b = newToken(appA, theirs.id);
        await tokens.insertTokens([a, b]);
        assert.equal(await tokens.deleteTokensOfUser(appB, mine.id), 0);
        assert.equal(await tokens.deleteTokensOfUser(appA, mine.id), 1);
        assert.equal(await tokens.findByHash(appA, a.tokenHash), undefined);
        assert.equal((await tokens.findByHash(appA, b.tokenHash))?.id, b.id);
      });

      it("sweeps only the app's tokens expired before the given time", async () => {
        const user = await users.insertUser(newUser(appA));
        const other = await users.insertUser(newUser(appB));
        const now = Date.now();
        const old = newToken(appA, user.id, { expiresAt: now - 10_000 });
        const recent = newToken(appA, user.id, { expiresAt: now - 10 });
        const elsewhere = newToken(appB, other.id, { expiresAt: now - 10_000 });
        await tokens.insertTokens([old, recent, elsewhere]);
        assert.equal(await tokens.deleteExpiredTokens(appA, now - 1000, 100), 1);
        assert.equal(await tokens.findByHash(appA, old.tokenHash), undefined);
        assert.ok(await tokens.findByHash(appA, recent.tokenHash));
        assert.ok(await tokens.findByHash(appB, elsewhere.tokenHash));
      });
    });

    describe('jobs', () => {
      it('lets exactly one of many simultaneous claims have a job', async () => {
        const kind = `contract-${database.name}-${process.pid}`;
        const id = await jobs.insertJob(kind, { n: 1 }, {}, Date.now());
        const now = Date.now();
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) => jobs.claimNext([kind], `owner-${i}`, now, now + 60_000)),
        );
        const won = claims.filter((job) => job !== undefined);
        assert.equal(won.length, 1);
        assert.equal(won[0]?.id, id);
        assert.equal(won[0]?.attempts, 1);
        assert.equal(await jobs.claimNext([kind], 'late', now, now + 60_000), undefined);
      });

      it('lets only the lease holder renew, report and finish; a lapsed lease can be taken over', async () => {
        const kind = `lease-${database.name}-${process.pid}`;
        const id = (await jobs.insertJob(kind, null, {}, Date.now())) as string;
        const now = Date.now();
        const claimed = await jobs.claimNext([kind], 'first', now, now + 1000);
        assert.equal(claimed?.id, id);
        assert.equal(await jobs.renewLease(id, 'intruder', now + 5000, now), false);
        assert.equal(await jobs.reportProgress(id, 'intruder', { x: 1 }, now), false);
        assert.equal(await jobs.finish(id, 'intruder', { status: 'succeeded', result: 1 }, now), false);
        assert.equal(await jobs.claimNext([kind], 'second', now + 500, now + 2000), undefined, 'the lease holds');
        const takenOver = await jobs.claimNext([kind], 'second', now + 1001, now + 3000);
        assert.equal(takenOver?.attempts, 2);
        assert.equal(await jobs.finish(id, 'first', { status: 'succeeded', result: 1 }, now), false, 'first lost it');
        assert.equal(await jobs.finish(id, 'second', { status: 'succeeded', result: 2 }, now), true);
        assert.equal((await jobs.findJob(null, id))?.result, 2);
      });

      it('enqueues a job with a dedupe key once, and keeps jobs of apps apart', async () => {
        const kind = `dedupe-${database.name}-${process.pid}`;
        const first = await jobs.insertJob(kind, null, { dedupeKey: 'period-1', appId: appA }, Date.now());
        const again = await jobs.insertJob(kind, null, { dedupeKey: 'period-1', appId: appA }, Date.now());
        assert.ok(first);
        assert.equal(again, undefined);
        assert.equal((await jobs.findJob(appA, first))?.id, first);
        assert.equal(await jobs.findJob(appB, first), undefined);
        assert.equal(await jobs.findJob(null, first), undefined);
      });
    });
  });
}
