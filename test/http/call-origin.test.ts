import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddressOf } from '../../src/http/call-origin.ts';

describe('the client address a request is counted under', () => {
  it('keeps IPv4, unwraps IPv4 mapped into IPv6, and counts IPv6 as its /64', () => {
    assert.equal(clientAddressOf('203.0.113.7'), '203.0.113.7');
    assert.equal(clientAddressOf('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientAddressOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
    assert.equal(clientAddressOf('2001:db8:1:2::9'), '2001:db8:1:2::/64', 'compressed after the prefix');
    assert.equal(clientAddressOf('2001:db8::9'), '2001:db8:0:0::/64', 'compressed inside the prefix');
    assert.equal(clientAddressOf('2001:0DB8:0001:0002::1'), '2001:db8:1:2::/64', 'one spelling per network');
    assert.equal(clientAddressOf('::1'), '0:0:0:0::/64');
  });
});
