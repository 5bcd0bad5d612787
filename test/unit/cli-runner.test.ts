import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ciEventName, createCliRunner } from '../../src/platform/cli-runner.ts';
import { createContext } from '../../src/platform/context.ts';
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
