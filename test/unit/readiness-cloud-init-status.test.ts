/**
 * The JSON below is what the real CLIs print (cloud-init 22.4.2 of Debian 12 and 25.1.4 of
 * Debian 13), trimmed to the keys we read; the guest lab checks the same against the real thing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  doneFromStatusFile,
  interpretCloudInitStatus,
  TERMINAL_STATES,
} from '../../src/readiness/cloud-init-status.ts';

const v22 = (status: string, errors: string[] = []) =>
  JSON.stringify({
    status,
    errors,
    detail: 'DataSourceNoCloud [seed=/var/lib/cloud/seed]',
    schemas: {},
  });
const v25 = (status: string, extended: string, recoverable: Record<string, string[]> = {}) =>
  JSON.stringify({
    status,
    extended_status: extended,
    errors: [],
    recoverable_errors: recoverable,
    detail: '',
  });

test('22.x: not run, running, done, error', () => {
  assert.equal(interpretCloudInitStatus(0, v22('not run')).state, 'not-started');
  assert.equal(interpretCloudInitStatus(0, v22('running')).state, 'running');
  assert.equal(interpretCloudInitStatus(0, v22('done')).state, 'done');
  const error = interpretCloudInitStatus(
    1,
    v22('error', ["('config-scripts_user', RuntimeError(...))"]),
  );
  assert.equal(error.state, 'error');
  assert.deepEqual(error.errors, ["('config-scripts_user', RuntimeError(...))"]);
});

test('23.4+: not started, degraded done (exit 2) with its recoverable errors', () => {
  assert.equal(interpretCloudInitStatus(0, v25('not started', 'not started')).state, 'not-started');
  assert.equal(interpretCloudInitStatus(0, v25('running', 'degraded running')).state, 'running');
  const degraded = interpretCloudInitStatus(
    2,
    v25('done', 'degraded done', { WARNING: ['no datasource'] }),
  );
  assert.equal(degraded.state, 'degraded');
  assert.deepEqual(degraded.errors, ['WARNING: no datasource']);
  assert.equal(interpretCloudInitStatus(0, v25('done', 'done')).state, 'done');
  assert.equal(interpretCloudInitStatus(0, v25('disabled', 'disabled')).state, 'disabled');
});

test('absent, garbage and unexpected states are told apart', () => {
  assert.equal(interpretCloudInitStatus(127, 'sh: 1: cloud-init: not found').state, 'absent');
  const garbage = interpretCloudInitStatus(
    2,
    'usage: cloud-init status: error: unrecognized arguments: --format',
  );
  assert.equal(garbage.state, 'unknown');
  assert.match(garbage.detail, /unrecognized arguments/);
  assert.equal(interpretCloudInitStatus(0, '{"status": "sleeping"}').state, 'unknown');
  assert.equal(interpretCloudInitStatus(null, '').state, 'unknown');
});

test('only done, degraded and error are terminal; not started never is', () => {
  assert.deepEqual([...TERMINAL_STATES].sort(), ['degraded', 'done', 'error']);
});

test('a clean status.json after result.json reads as done without cloud-init; anything else defers', () => {
  const status = (stage: Record<string, unknown>): string =>
    JSON.stringify({
      v1: {
        datasource: 'DataSourceNoCloud',
        stage: null,
        init: { errors: [], start: 1, finished: 2 },
        'modules-final': { errors: [], start: 3, finished: 4, ...stage },
      },
    });
  assert.equal(doneFromStatusFile(status({}))?.state, 'done');
  assert.equal(doneFromStatusFile(status({ recoverable_errors: {} }))?.state, 'done');
  assert.equal(doneFromStatusFile(status({ errors: ['runcmd failed'] })), undefined);
  assert.equal(
    doneFromStatusFile(status({ recoverable_errors: { WARNING: ['no seed found'] } })),
    undefined,
  );
  // 22.4 still reports running while a stage is current or started and not finished.
  assert.equal(doneFromStatusFile(status({ finished: null })), undefined);
  const rerun = JSON.parse(status({})) as { v1: Record<string, unknown> };
  rerun.v1.stage = 'modules-final';
  assert.equal(doneFromStatusFile(JSON.stringify(rerun)), undefined);
  assert.equal(doneFromStatusFile(''), undefined);
  assert.equal(doneFromStatusFile('{"v2": {}}'), undefined);
});
