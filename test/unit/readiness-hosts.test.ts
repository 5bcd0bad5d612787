import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHostTarget } from '../../src/readiness/hosts.ts';

const defaults = { user: 'root', port: 22 };

test('the forms users write', () => {
  assert.deepEqual(parseHostTarget('10.0.0.5', defaults), {
    user: 'root',
    host: '10.0.0.5',
    port: 22,
    spec: '10.0.0.5',
  });
  assert.deepEqual(parseHostTarget(' debian@vm-1.example.org:2222 ', defaults), {
    user: 'debian',
    host: 'vm-1.example.org',
    port: 2222,
    spec: 'debian@vm-1.example.org:2222',
  });
  assert.deepEqual(parseHostTarget('[2001:db8::1]:2200', defaults), {
    user: 'root',
    host: '2001:db8::1',
    port: 2200,
    spec: '[2001:db8::1]:2200',
  });
  assert.deepEqual(parseHostTarget('2001:db8::1', defaults), {
    user: 'root',
    host: '2001:db8::1',
    port: 22,
    spec: '2001:db8::1',
  });
  assert.equal((parseHostTarget('ops@[::1]', defaults) as { user: string }).user, 'ops');
});

test('malformed specs say what is wrong', () => {
  assert.match(parseHostTarget('host:', defaults) as string, /invalid port ""/);
  assert.match(parseHostTarget('host:99999', defaults) as string, /invalid port "99999"/);
  assert.match(parseHostTarget('host:ssh', defaults) as string, /invalid port "ssh"/);
  assert.match(parseHostTarget(':22', defaults) as string, /has no host/);
  assert.match(parseHostTarget('bad user@host', defaults) as string, /invalid user name/);
  assert.match(parseHostTarget('host_name!', defaults) as string, /not a host name or address/);
  assert.match(parseHostTarget('[::1]:0', defaults) as string, /invalid port "0"/);
});
