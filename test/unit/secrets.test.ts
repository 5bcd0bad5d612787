import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Outputs } from '../../src/platform/outputs.ts';
import { Secrets } from '../../src/platform/secrets.ts';
import { StateStore } from '../../src/platform/state.ts';

const KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACDz2Yq0FhlzZzBBtP4b3fLTz7k1xRZGOSmSHpFuCLTaGQAAAJgJ8fQ0CfH0',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

test('a multi-line secret is masked whole and line by line', () => {
  const masked: string[] = [];
  const secrets = new Secrets((v) => masked.push(v));
  secrets.add(KEY);
  assert.ok(masked.includes(KEY));
  assert.ok(
    masked.includes('QyNTUxOQAAACDz2Yq0FhlzZzBBtP4b3fLTz7k1xRZGOSmSHpFuCLTaGQAAAJgJ8fQ0CfH0'),
  );
  secrets.add(KEY);
  assert.equal(masked.filter((v) => v === KEY).length, 1, 'masked once');
  const line = `log: ${KEY.split('\n')[2] ?? ''} and more`;
  assert.equal(secrets.redact(line), 'log: *** and more');
  assert.ok(secrets.containedIn(line));
  assert.ok(!secrets.containedIn('nothing here'));
});

test('short lines of a secret are not masked on their own', () => {
  const masked: string[] = [];
  new Secrets((v) => masked.push(v)).add('longer-secret-part\nab');
  assert.ok(!masked.includes('ab'));
});

test('redaction replaces the longest secret first', () => {
  const secrets = new Secrets(() => undefined);
  secrets.add('abcdefgh');
  secrets.add('abcdefgh-and-more');
  assert.equal(secrets.redact('x abcdefgh-and-more y abcdefgh'), 'x *** y ***');
});

test('state refuses a value carrying a secret', () => {
  const saved: Record<string, string> = {};
  const secrets = new Secrets(() => undefined);
  secrets.add('token-1234567');
  const state = new StateStore(
    { saveState: (k, v) => (saved[k] = v), getState: (k) => saved[k] },
    secrets,
  );
  state.setJson('server', { id: 42, name: 'ci-x' });
  assert.deepEqual(state.getJson('server'), { id: 42, name: 'ci-x' });
  assert.throws(() => state.set('auth', 'Bearer token-1234567'), /refusing to save state "auth"/);
  assert.equal(saved.auth, undefined);
  assert.equal(state.get('never-set'), undefined);
});

test('outputs: objects as JSON, secrets declared and masked', () => {
  const written: Record<string, string> = {};
  const masked: string[] = [];
  const secrets = new Secrets((v) => masked.push(v));
  const outputs = new Outputs((n, v) => (written[n] = v), secrets);
  outputs.set('target', { hosts: ['10.0.0.2'] });
  outputs.set('count', 3);
  outputs.set('client-secret', 'generated-secret-xyz', { secret: true });
  assert.equal(written.target, '{"hosts":["10.0.0.2"]}');
  assert.equal(written.count, '3');
  assert.ok(masked.includes('generated-secret-xyz'));
  assert.throws(
    () => outputs.set('oops', 'has generated-secret-xyz inside'),
    /contains a secret but was not declared secret/,
  );
  assert.equal(written.oops, undefined);
  assert.deepEqual(Object.keys(outputs.all()), ['target', 'count', 'client-secret']);
});
