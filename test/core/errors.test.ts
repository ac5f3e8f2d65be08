import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { coreErrorCodes } from '../../src/core/errors.ts';
import { faces } from '../../src/faces/faces.ts';

describe('the error catalogue', () => {
  it('has unique codes', () => {
    assert.equal(new Set(coreErrorCodes).size, coreErrorCodes.length);
  });

  it('is mapped by every registered face: every code, and only catalogued codes, to a 4xx (503 for unavailable)', () => {
    assert.ok(faces.length >= 2, 'the registry lists the faces');
    for (const { name, errors } of faces) {
      assert.deepEqual(Object.keys(errors).sort(), [...coreErrorCodes].sort(), `${name} maps exactly the catalogue`);
      for (const code of coreErrorCodes) {
        const status = errors[code]?.status ?? 0;
        if (code === 'unavailable') assert.equal(status, 503, `${name} answers unavailable with 503`);
        else assert.ok(status >= 400 && status < 500, `${name} maps ${code} to a client error, got ${status}`);
      }
    }
  });

  it('documents every code in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of coreErrorCodes) assert.match(doc, new RegExp(`\\| \`${code}\` \\|`), `${code} is documented`);
  });
});
