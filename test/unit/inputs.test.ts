import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { Inputs } from '../../src/platform/inputs.ts';

function inputs(values: Record<string, string>, secrets: string[] = []): Inputs {
  return new Inputs({
    get: (name) => values[name],
    label: (name) => `input "${name}"`,
    onSecret: (value) => secrets.push(value),
  });
}

function fails(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConfigurationError, 'a ConfigurationError');
    assert.match(error.message, pattern);
    return true;
  });
}

test('strings are trimmed; empty counts as absent', () => {
  const i = inputs({ a: '  x ', b: '   ' });
  assert.equal(i.string('a'), 'x');
  assert.equal(i.string('b'), undefined);
  assert.equal(i.string('missing'), undefined);
  fails(() => i.required('b', 'give a host'), /^input "b" is required but empty; give a host\.$/);
});

test('booleans are the YAML core schema only', () => {
  const i = inputs({ t: 'true', T: 'TRUE', f: 'False', y: 'yes', one: '1' });
  assert.equal(i.boolean('t'), true);
  assert.equal(i.boolean('T'), true);
  assert.equal(i.boolean('f'), false);
  assert.equal(i.boolean('none'), undefined);
  fails(() => i.boolean('y'), /input "y" must be true or false; got "yes"/);
  fails(() => i.boolean('one'), /got "1"/);
});

test('integers are whole, safe and within bounds', () => {
  const i = inputs({ port: '22', neg: '-3', big: '99999999999999999999', f: '2.5', w: '22abc' });
  assert.equal(i.integer('port', { min: 1, max: 65535 }), 22);
  assert.equal(i.integer('neg'), -3);
  fails(() => i.integer('neg', { min: 0 }), /input "neg" must be at least 0/);
  fails(() => i.integer('port', { max: 10 }), /must be at most 10/);
  fails(() => i.integer('big'), /too large/);
  fails(() => i.integer('f'), /whole number; got "2.5"/);
  fails(() => i.integer('w'), /whole number/);
});

test('durations with bounds shown as durations', () => {
  const i = inputs({ t: '10m', bad: '10 minutes', small: '50ms' });
  assert.equal(i.duration('t'), 600_000);
  fails(
    () => i.duration('bad'),
    /input "bad" must be a duration like 90s, 10m or 1h30m; got "10 minutes"/,
  );
  fails(() => i.duration('small', { min: 1000 }), /must be at least 1s/);
});

test('lists split on newlines and commas', () => {
  const i = inputs({ hosts: 'a, b\n\nc,\n d ' });
  assert.deepEqual(i.list('hosts'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(i.list('none'), []);
});

test('choices narrow to their words', () => {
  const i = inputs({ mode: 'wait', typo: 'wiat' });
  const mode: 'wait' | 'skip' | undefined = i.choice('mode', ['wait', 'skip']);
  assert.equal(mode, 'wait');
  fails(
    () => i.choice('typo', ['wait', 'skip']),
    /input "typo" must be one of wait, skip; got "wiat"/,
  );
});

test('YAML blocks parse; errors give the line', () => {
  const i = inputs({
    ok: '- url: http://x\n  status: 200\n',
    bad: 'a: 1\nb: [unclosed\n',
    dup: 'a: 1\na: 2',
  });
  assert.deepEqual(i.yaml('ok'), [{ url: 'http://x', status: 200 }]);
  fails(() => i.yaml('bad'), /input "bad" is not valid YAML at line \d+, column \d+/);
  fails(() => i.yaml('dup'), /input "dup" is not valid YAML/);
});

test('secrets are reported for masking as they are read', () => {
  const seen: string[] = [];
  const i = inputs({ key: '  s3cr3t-value \n' }, seen);
  assert.equal(i.secret('key'), 's3cr3t-value');
  assert.deepEqual(seen, ['s3cr3t-value']);
  assert.equal(i.secret('none'), undefined);
});
