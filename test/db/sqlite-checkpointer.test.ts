import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.ts';

/** The rows of `probe` that the database file holds by itself, without its WAL: what a checkpoint has copied there. */
function rowsInTheFileAlone(file: string): number {
  const copy = `${file}.copy-${randomBytes(4).toString('hex')}`;
  copyFileSync(file, copy);
  try {
    const db = new DatabaseSync(copy, { readOnly: true });
    try {
      const table = db.prepare("select count(*) as n from sqlite_master where name = 'probe'").get() as { n: number };
      if (table.n === 0) return 0;
      return (db.prepare('select count(*) as n from probe').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } finally {
    rmSync(copy, { force: true });
  }
}

describe('SQLite checkpoints', () => {
  it('copies a commit into the database file from another thread, long before the WAL fills', async () => {
    const file = join(tmpdir(), `persona-checkpoint-${randomBytes(6).toString('hex')}.db`);
    const database = openDatabase({ url: `sqlite:${file}` });
    try {
      await sql`create table probe (id integer primary key, note text)`.execute(database.db);
      await sql`insert into probe (note) values ('one commit, a page or two of WAL')`.execute(database.db);
      // SQLite's own checkpoint would wait for 1,000 pages of WAL (10,000 with the checkpointer's fallback).
      const deadline = performance.now() + 5000;
      while (rowsInTheFileAlone(file) === 0 && performance.now() < deadline) await sleep(50);
      assert.equal(rowsInTheFileAlone(file), 1);
      const autocheckpoint = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
      assert.equal(autocheckpoint.rows[0]?.wal_autocheckpoint, 10_000);
    } finally {
      await database.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  });

  it('stops with the database, which then holds every commit in its file', async () => {
    const file = join(tmpdir(), `persona-checkpoint-${randomBytes(6).toString('hex')}.db`);
    const database = openDatabase({ url: `sqlite:${file}` });
    await sql`create table probe (id integer primary key, note text)`.execute(database.db);
    for (let i = 0; i < 20; i++) await sql`insert into probe (note) values (${`row ${i}`})`.execute(database.db);
    await database.close();
    try {
      assert.equal(rowsInTheFileAlone(file), 20);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  });
});
