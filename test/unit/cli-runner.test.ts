import assert from 'node:assert/strict';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ciEventName, createCliRunner } from '../../src/platform/cli-runner.ts';
import { createContext } from '../../src/platform/context.ts';
import { parseStepEvent } from '../../src/platform/step-channel.ts';
import { tempDir } from '../support/temp-dir.ts';

function runner(flags: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('recipe-ci-cli-');
  let written = '';
  const cli = createCliRunner({
    flags: new Map(Object.entries(flags)),
    defaults: new Map([
      ['timeout', '10m'],
      ['user', 'root'],
    ]),
    env,
    stateFile: join(dir, 'state', 'readiness.json'),
    summaryFile: join(dir, 'summary.md'),
    write: (text) => (written += text),
  });
  return { cli, dir, written: () => written };
}

test('inputs: flags, then INPUT_* (hyphens or underscores), then action.yml defaults', () => {
  const { cli } = runner(
    { timeout: '5m' },
    { INPUT_TIMEOUT: '1m', 'INPUT_PRIVATE-KEY-PATH': 'k', INPUT_CONNECT_TIMEOUT: '2s' },
  );
  assert.equal(cli.inputs.get('timeout'), '5m');
  assert.equal(cli.inputs.get('private-key-path'), 'k');
  assert.equal(cli.inputs.get('connect-timeout'), '2s');
  assert.equal(cli.inputs.get('user'), 'root');
  assert.equal(cli.inputs.get('hosts'), undefined);
  assert.equal(cli.inputs.label('hosts'), '--hosts');
  assert.equal(cli.platform.kind, 'cli');
});

test('secrets read as inputs never reach the log or the summary', async () => {
  const { cli, dir, written } = runner({ 'private-key': 'line-one-of-key\nline-two-of-key' });
  const context = createContext(cli, 'main', new AbortController().signal);
  const key = context.inputs.secret('private-key') ?? '';
  context.log.info(`loaded ${key}`);
  context.log.warning('only line-two-of-key leaked');
  await cli.appendSummary('summary with line-one-of-key');
  assert.doesNotMatch(written(), /line-(one|two)-of-key/);
  assert.match(written(), /^loaded \*\*\*$/m);
  assert.equal(readFileSync(join(dir, 'summary.md'), 'utf8'), 'summary with ***');
});

test('state lives in a private file that a later post step reads', () => {
  const first = runner({});
  first.cli.saveState('server', '17');
  const file = join(first.dir, 'state', 'readiness.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const again = createCliRunner({
    flags: new Map(),
    defaults: new Map(),
    env: {},
    stateFile: file,
    write: () => undefined,
  });
  assert.equal(again.getState('server'), '17');
  assert.equal(again.getState('other'), undefined);
});

test('groups frame their output even when the body throws', async () => {
  const { cli, written } = runner({});
  await assert.rejects(cli.group('diagnostics', () => Promise.reject(new Error('x'))));
  assert.equal(written(), '▸ diagnostics\n◂ diagnostics\n');
});

test('the event of Drone and Woodpecker, in GitHub words: a promotion or manual run is a dispatch', () => {
  assert.equal(ciEventName({}), undefined);
  assert.equal(ciEventName({ GITHUB_EVENT_NAME: 'push', DRONE_BUILD_EVENT: 'promote' }), 'push');
  assert.equal(ciEventName({ DRONE_BUILD_EVENT: 'pull_request' }), 'pull_request');
  assert.equal(ciEventName({ DRONE_BUILD_EVENT: 'promote' }), 'workflow_dispatch');
  assert.equal(ciEventName({ CI_PIPELINE_EVENT: 'manual' }), 'workflow_dispatch');
  assert.equal(ciEventName({ CI_PIPELINE_EVENT: 'pull_request' }), 'pull_request');
});

test('a calling run hears secrets, warnings, errors and leftovers on its channel; output is only text', () => {
  const dir = tempDir('recipe-ci-channel-');
  const channel = join(dir, 'channel');
  const fd = openSync(channel, 'w');
  try {
    const { cli, written } = runner({}, { RECIPE_CI_MASK_FD: String(fd) });
    cli.mask('s3cret-value');
    cli.log.output('warning: the disk is 91% full\n::error::from the recipe s3cret-value');
    cli.log.warning('readiness: slow');
    cli.log.error('readiness: no');
    cli.leftover('provision cleanup: vm-1 may remain');
    const events = readFileSync(channel, 'utf8')
      .trim()
      .split('\n')
      .map((line) => parseStepEvent(line));
    assert.deepEqual(events, [
      { kind: 'secret', value: 's3cret-value' },
      { kind: 'warning', message: 'readiness: slow' },
      { kind: 'error', message: 'readiness: no' },
      { kind: 'leftover', message: 'provision cleanup: vm-1 may remain' },
    ]);
    // Output is indented, redacted, and never a verdict.
    assert.match(written(), /^ {4}warning: the disk is 91% full$/m);
    assert.match(written(), /^ {4}::error::from the recipe \*\*\*$/m);
  } finally {
    closeSync(fd);
  }
});

test('an unreadable state file stops the step, naming the file and what may be left; absent is empty', () => {
  const dir = tempDir('recipe-ci-state-');
  const make = (stateFile: string) =>
    createCliRunner({
      flags: new Map(),
      defaults: new Map(),
      env: {},
      stateFile,
      write: () => undefined,
    });
  assert.equal(make(join(dir, 'absent.json')).getState('x'), undefined);
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"vm": "unterminated');
  assert.throws(
    () => make(broken),
    (error: Error) =>
      error.message.includes(broken) &&
      /may be left behind/.test(error.message) &&
      /remove it by hand/.test(error.message),
  );
  writeFileSync(broken, '[1, 2]');
  assert.throws(() => make(broken), /holds no JSON object; what its main step made may be left/);
  mkdirSync(join(dir, 'a-folder.json'));
  assert.throws(() => make(join(dir, 'a-folder.json')), /cannot be read \(EISDIR/);
});
