import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { internalIdOfReferralCode, referralCodeOf } from '../../src/core/accounts/public-profile.ts';

describe('referral codes', () => {
  it('name their account: the code of an internal id reads back as that id, for ids small and large', () => {
    const seen = new Set<string>();
    for (const internalId of [1, 2, 3, 41, 1000, 65_537, 2 ** 31 - 1, 2 ** 39, 2 ** 40 - 1]) {
      const code = referralCodeOf({ handle: null, internalId });
      assert.match(code, /^r-[0-9a-z]{8}$/);
      assert.equal(internalIdOfReferralCode(code), internalId);
      assert.equal(internalIdOfReferralCode(code.toUpperCase()), internalId, 'read in any case');
      seen.add(code);
    }
    assert.equal(seen.size, 9);
  });

  it('do not read as a count: neighbouring accounts get unrelated codes', () => {
    const first = referralCodeOf({ handle: null, internalId: 1000 });
    const next = referralCodeOf({ handle: null, internalId: 1001 });
    assert.notEqual(first.slice(0, 6), next.slice(0, 6));
  });

  it('are the handle once there is one; a handle or anything else is no generated code', () => {
    assert.equal(referralCodeOf({ handle: 'Ana_1', internalId: 7 }), 'Ana_1');
    for (const text of ['ana_1', 'r-abc', 'r-abcdefgi', 'x-abcdefgh', '']) {
      assert.equal(internalIdOfReferralCode(text), undefined, text);
    }
  });
});
