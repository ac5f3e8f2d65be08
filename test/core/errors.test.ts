import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { coreErrorCodes } from '../../src/core/errors.ts';
import { adminErrors } from '../../src/faces/admin/errors.ts';
import { kiiErrors } from '../../src/faces/kii/errors.ts';

const faces: Record<string, Record<string, { status: number }>> = { kii: kiiErrors, admin: adminErrors };

describe('the error catalogue', () => {
  it('has unique codes', () => {
    assert.equal(new Set(coreErrorCodes).size, coreErrorCodes.length);
  });

  it('maps every code, and only catalogued codes, to a 4xx in every face', () => {
    for (const [face, table] of Object.entries(faces)) {
      assert.deepEqual(Object.keys(table).sort(), [...coreErrorCodes].sort(), `${face} maps exactly the catalogue`);
      for (const code of coreErrorCodes) {
        const status = table[code]?.status ?? 0;
        assert.ok(status >= 400 && status < 500, `${face} maps ${code} to a client error, got ${status}`);
      }
    }
  });

  it('documents every code in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of coreErrorCodes) assert.match(doc, new RegExp(`\\| \`${code}\` \\|`), `${code} is documented`);
  });
});
