import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Face } from '../../src/faces/face.ts';
import { faceByPrefix, faces } from '../../src/faces/faces.ts';

const face = (name: string, prefixes: string[]) => ({ ...(faces[0] as Face), name, prefixes });

describe('errors and unknown paths by face', () => {
  // A face at the root (as the KIP face will be) beside faces under prefixes of their own.
  const root = face('root face', ['/users', '/metadata']);
  const kii = face('kii', ['/api']);
  const admin = face('admin', ['/admin']);
  const nested = face('nested', ['/admin/v2']);
  const faceOf = faceByPrefix([root, kii, admin, nested]);

  it('gives each path to the face with the longest prefix it continues', () => {
    for (const [path, expected] of [
      ['/users/me/profile/preferences', 'root face'],
      ['/users', 'root face'],
      ['/metadata/users/school-options?search=x', 'root face'],
      ['/api/apps/x/users/me', 'kii'],
      ['/admin/v1/users', 'admin'],
      ['/admin/v2/things', 'nested'],
    ] as const) {
      assert.equal(faceOf(path)?.name, expected, path);
    }
  });

  it('leaves paths that only resemble a prefix, and operations, to Persona', () => {
    for (const path of ['/usersx', '/healthz', '/readyz', '/', '/apis', '/administrator', '/docs/json']) {
      assert.equal(faceOf(path), undefined, path);
    }
  });

  it('is given every registered face, each claiming its prefixes', () => {
    const served = faceByPrefix(faces);
    assert.equal(served('/api/apps/a/users/me')?.name, 'Kii user API');
    assert.equal(served('/admin/v1/app')?.name, 'Admin API');
    assert.equal(served('/healthz'), undefined);
  });
});
