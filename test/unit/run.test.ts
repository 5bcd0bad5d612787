import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ConfigurationError } from '../../src/shared/errors.ts';
import type { ActionDefinition } from '../../src/platform/context.ts';
import { ExitCode, runStep, type SignalSource } from '../../src/platform/run.ts';
import { fakeRunner } from '../support/fake-runner.ts';

function signals(): EventEmitter & SignalSource {
  return new EventEmitter();
}

test('success saves that main started and how it ended', async () => {
  const runner = fakeRunner({ name: 'x' });
  const action: ActionDefinition = {
    name: 'demo',
    main: ({ inputs, outputs }) => {
      outputs.set('echo', inputs.required('name'));
      return Promise.resolve();
    },
  };
  assert.equal(await runStep(action, 'main', runner, { signals: signals() }), ExitCode.ok);
  assert.deepEqual(runner.outputs, { echo: 'x' });
  assert.equal(runner.state['main-started'], 'true');
  assert.equal(runner.state['main-outcome'], 'success');
  assert.deepEqual(runner.failures, []);
});

test('any thrown value fails the step, prefixed with the action name', async () => {
  const cases: [unknown, string][] = [
    [new Error('boom'), 'demo: boom'],
    ['a string', 'demo: a string'],
    [{ code: 42 }, 'demo: {"code":42}'],
    [undefined, 'demo: undefined'],
  ];
  for (const [thrown, message] of cases) {
    const runner = fakeRunner();
    // Non-Error rejections on purpose: the wrapper must report them too.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const action: ActionDefinition = { name: 'demo', main: () => Promise.reject(thrown) };
    assert.equal(await runStep(action, 'main', runner, { signals: signals() }), ExitCode.failed);
    assert.deepEqual(runner.failures, [message]);
    assert.equal(runner.state['main-outcome'], 'failure');
  }
});

test('a user mistake exits with its own code and no stack', async () => {
  const runner = fakeRunner({ port: 'x' });
  const action: ActionDefinition = {
    name: 'demo',
    main: ({ inputs }) => {
      inputs.integer('port');
      return Promise.resolve();
    },
  };
  assert.equal(
    await runStep(action, 'main', runner, { signals: signals() }),
    ExitCode.configuration,
  );
  assert.deepEqual(runner.failures, ['demo: input "port" must be a whole number; got "x".']);
  assert.ok(!runner.lines.some((l) => l.includes('at ')), 'no stack trace for user mistakes');
  assert.ok(new ConfigurationError('x') instanceof Error);
});

test('post runs only when main started, and warns instead of failing', async () => {
  let cleaned = 0;
  const action: ActionDefinition = {
    name: 'demo',
    main: () => Promise.resolve(),
    post: () => {
      cleaned++;
      return Promise.reject(new Error('API said 503'));
    },
  };
  const never = fakeRunner();
  assert.equal(await runStep(action, 'post', never, { signals: signals() }), ExitCode.ok);
  assert.equal(cleaned, 0);
  assert.ok(never.lines.some((l) => l.includes('did not start; nothing to clean up')));

  const started = fakeRunner({}, { 'main-started': 'true' });
  assert.equal(await runStep(action, 'post', started, { signals: signals() }), ExitCode.ok);
  assert.equal(cleaned, 1);
  assert.deepEqual(started.failures, []);
  assert.ok(started.lines.includes('warning: demo cleanup: API said 503'));
});

test('a signal aborts main; state says cancelled; listeners are removed', async () => {
  const source = signals();
  const runner = fakeRunner();
  let insisted = '';
  const action: ActionDefinition = {
    name: 'demo',
    main: ({ signal, state }) => {
      state.set('server-id', '17');
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          reject(new Error('wait aborted'));
        });
        source.emit('SIGINT');
        source.emit('SIGTERM');
      });
    },
  };
  const code = await runStep(action, 'main', runner, {
    signals: source,
    onSecondSignal: (s) => (insisted = s),
  });
  assert.equal(code, ExitCode.cancelled);
  assert.equal(insisted, 'SIGTERM');
  assert.deepEqual(runner.failures, ['demo: cancelled by SIGINT']);
  assert.equal(runner.state['main-outcome'], 'cancelled');
  assert.equal(runner.state['server-id'], '17');
  assert.equal(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM'), 0);
});

test('a signal during post does not stop the cleanup', async () => {
  const source = signals();
  const runner = fakeRunner({}, { 'main-started': 'true' });
  let finished = false;
  const action: ActionDefinition = {
    name: 'demo',
    main: () => Promise.resolve(),
    post: async ({ signal }) => {
      source.emit('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(signal.aborted, false);
      finished = true;
    },
  };
  assert.equal(await runStep(action, 'post', runner, { signals: source }), ExitCode.ok);
  assert.ok(finished);
  assert.ok(runner.lines.some((l) => l.includes('SIGTERM during cleanup; finishing it first')));
});
