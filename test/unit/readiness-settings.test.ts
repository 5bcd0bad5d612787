/**
 * The readiness inputs, as the runner passes them (action.yml defaults filled in). Every bad
 * input must fail here — in parsing, which touches no network — naming the input and the fix.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { parseActionMetadata } from '../../src/cli/metadata.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import { readReadinessSettings, sensitiveHeaderValues } from '../../src/readiness/settings.ts';
import { tempDir } from '../support/temp-dir.ts';

const defaults = Object.fromEntries(
  parseActionMetadata(readFileSync('actions/readiness/action.yml', 'utf8'))
    .inputs.filter((input) => input.default !== undefined)
    .map((input) => [input.name, input.default ?? '']),
);
const key = ssh2.utils.generateKeyPairSync('ed25519').private;

function settings(values: Record<string, string>) {
  const all: Record<string, string> = { ...defaults, 'private-key': key, ...values };
  return readReadinessSettings(
    new Inputs({
      get: (name) => all[name],
      label: (name) => `input "${name}"`,
      onSecret: () => undefined,
    }),
  );
}

function fails(values: Record<string, string>, pattern: RegExp): void {
  assert.throws(
    () => settings(values),
    (error: unknown) => {
      assert.ok(error instanceof ConfigurationError, `a ConfigurationError, not ${String(error)}`);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('the defaults give a working gate: 10m budget, 5s attempts, 150ms cadence, settle 2, wait for done', () => {
  const s = settings({ hosts: 'a.example, deploy@b.example:2222' });
  assert.deepEqual(
    s.hosts.map((h) => `${h.user}@${h.host}:${String(h.port)}`),
    ['root@a.example:22', 'deploy@b.example:2222'],
  );
  assert.equal(s.gate.timeoutMs, 600_000);
  assert.equal(s.gate.connectTimeoutMs, 5000);
  assert.equal(s.gate.intervalMs, 150);
  assert.equal(s.gate.settle, 2);
  assert.equal(s.gate.cloudInit, 'wait');
  assert.deepEqual([...s.gate.cloudInitAllow], ['done']);
  assert.deepEqual(s.http, []);
  assert.equal(s.privateKey, key);
});

test('hosts: empty, malformed or repeated entries fail with the way to write them', () => {
  fails(
    { hosts: '' },
    /input "hosts" is required but empty; give one or more \[user@\]host\[:port\]/,
  );
  fails({ hosts: ' , \n ' }, /input "hosts" is required but empty/);
  fails(
    { hosts: 'a.example:99999' },
    /input "hosts" entry .*99999.*; write \[user@\]host\[:port\]/,
  );
  fails({ hosts: 'a.example:ssh' }, /input "hosts" entry .*a\.example:ssh/);
  fails({ hosts: 'a.example, root@a.example:22' }, /lists a\.example:22 twice/);
  fails({ hosts: 'a', port: '0' }, /input "port" must be at least 1/);
});

test('cloud-init and cloud-init-allow accept only what the gate knows', () => {
  fails(
    { hosts: 'a', 'cloud-init': 'maybe' },
    /input "cloud-init" must be one of wait, require, skip; got "maybe"/,
  );
  fails(
    { hosts: 'a', 'cloud-init-allow': 'done, error' },
    /input "cloud-init-allow" lists "error"/,
  );
  fails({ hosts: 'a', 'cloud-init-allow': ' ' }, /input "cloud-init-allow" is empty/);
  assert.deepEqual(
    [...settings({ hosts: 'a', 'cloud-init-allow': 'done,degraded' }).gate.cloudInitAllow],
    ['done', 'degraded'],
  );
});

test('budgets: durations, a connect-timeout inside timeout, timeout plus margin inside job-timeout', () => {
  fails({ hosts: 'a', timeout: 'ten minutes' }, /input "timeout" must be a duration like 90s/);
  fails({ hosts: 'a', timeout: '' }, /input "timeout" is empty; set a value, or remove the line/);
  fails(
    { hosts: 'a', timeout: '30s', 'connect-timeout': '1m' },
    /input "connect-timeout" \(1m\) must not exceed timeout \(30s\)/,
  );
  fails(
    { hosts: 'a', timeout: '10m', 'job-timeout': '10m' },
    /input "timeout" \(10m\) plus 3m for diagnostics and cleanup does not fit in job-timeout \(10m\); lower timeout or raise the job's timeout-minutes/,
  );
  assert.equal(
    settings({ hosts: 'a', timeout: '7m', 'job-timeout': '10m' }).gate.timeoutMs,
    420_000,
  );
  fails({ hosts: 'a', settle: '0' }, /input "settle" must be at least 1/);
  fails({ hosts: 'a', interval: '10ms' }, /input "interval" must be at least 50ms/);
});

test('the key: exactly one source, readable, and a key ssh2 can use', () => {
  const dir = tempDir('recipe-ci-settings-');
  const path = join(dir, 'id_ed25519');
  writeFileSync(path, key, { mode: 0o600 });
  assert.equal(
    settings({ hosts: 'a', 'private-key': '', 'private-key-path': path }).privateKey,
    key,
  );
  fails(
    { hosts: 'a', 'private-key': '' },
    /input "private-key" is required: give private-key or private-key-path/,
  );
  fails({ hosts: 'a', 'private-key-path': path }, /both given; give one/);
  fails(
    { hosts: 'a', 'private-key': '', 'private-key-path': join(dir, 'missing') },
    /input "private-key-path" ".*missing" cannot be read \(ENOENT\); check the path and its permissions/,
  );
  fails(
    { hosts: 'a', 'private-key-path': '', 'private-key': 'not a key' },
    /input "private-key" is not a usable private key/,
  );
  // Root reads any file whatever its mode, so unreadability is shown with a directory.
  chmodSync(dir, 0o700);
  fails({ hosts: 'a', 'private-key': '', 'private-key-path': dir }, /cannot be read \(EISDIR\)/);
});

test('cheap inputs are checked before the key is read', () => {
  // A missing key file would be reported first if the key were read first.
  fails(
    { hosts: '', 'private-key': '', 'private-key-path': '/nonexistent/key' },
    /input "hosts" is required/,
  );
  fails(
    { hosts: 'a', http: '- url: ftp://x', 'private-key': '', 'private-key-path': '/nonexistent' },
    /input "http" item 1: url "ftp:\/\/x" must start with http:\/\/ or https:\/\//,
  );
});

test('http: checks are parsed, and credentials in headers are found for masking', () => {
  const s = settings({
    hosts: 'a',
    http: [
      '- url: https://app.example.test/health',
      '  status: 2xx',
      '  body: "ok"',
      '  resolve: 10.0.0.5',
      '  headers: { Authorization: "Bearer abc", Accept: text/plain }',
      '- http://other.example.test:8080/',
    ].join('\n'),
  });
  assert.equal(s.http.length, 2);
  assert.equal(s.http[0]?.resolve, '10.0.0.5');
  assert.equal(s.http[1]?.status.text, '200-399');
  assert.deepEqual(sensitiveHeaderValues(s.http), ['Bearer abc']);
  fails({ hosts: 'a', http: 'url: https://x' }, /input "http" must be a YAML list of checks/);
  fails({ hosts: 'a', http: '- url: [' }, /input "http" is not valid YAML at line 1/);
});
