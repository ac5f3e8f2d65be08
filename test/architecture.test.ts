import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

// Rules of the layout that the linter cannot see (import boundaries and floating promises are Biome's: biome.json).
const root = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the architecture', () => {
  it('opens transactions only through the unit of work', () => {
    // Kysely's own transaction() does not join the ambient unit of work: queries on the database inside its callback
    // would take another connection (on SQLite, wait forever for the one the transaction holds).
    const offenders = sourceFiles('src')
      .filter((file) => !file.startsWith(join('src', 'db')))
      .filter((file) => /\.transaction\(\)/.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('publishes events only in units of work, never on the bus directly', () => {
    const offenders = sourceFiles('src')
      .filter((file) => !file.startsWith(join('src', 'db')) && !file.startsWith(join('src', 'events')))
      .filter((file) => /\bbus\.(deliver|notifications)\(/.test(readFileSync(join(root, file), 'utf8')))
      .map((file) => relative(root, join(root, file)));
    assert.deepEqual(offenders, []);
  });
});
