import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMachine } from '../../src/provision/command-provider.ts';

const ref = { name: 'rc-x-1-1' };

test('one JSON object, possibly after progress lines; extra fields become details', () => {
  const machine = parseMachine(
    'creating…\n{"id": 7, "hosts": "203.0.113.9", "ipv6": "2001:db8::1", "zone": "a"}\n',
    'root',
    ref,
  );
  assert.deepEqual(machine, {
    name: 'rc-x-1-1',
    id: '7',
    hosts: ['203.0.113.9'],
    user: 'root',
    ipv6: '2001:db8::1',
    details: { zone: 'a' },
  });
});

test('missing contract fields are refused with an example of the fix', () => {
  assert.throws(() => parseMachine('', 'root', ref), /printed no JSON object/);
  assert.throws(() => parseMachine('[1]', 'root', ref), /printed no JSON object/);
  assert.throws(() => parseMachine('{"id":"a"}', 'root', ref), /no "hosts"/);
  assert.throws(() => parseMachine('{"hosts":["h"]}', 'root', ref), /no "id"/);
  assert.throws(
    () => parseMachine('{"hosts":["h"],"id":"a","user":5}', 'root', ref),
    /"user" that is not a string/,
  );
});
