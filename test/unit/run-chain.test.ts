/**
 * The chain's own decisions (src/run/target-chain.ts, src/actions/run.ts) with a fake step
 * runner: which steps run after a failure or a cancel, posts in reverse, what counts as left
 * behind, and two targets side by side when one of them throws. No processes, no root.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRunAction } from '../../src/actions/run.ts';
import { parseActionMetadata } from '../../src/cli/metadata.ts';
import { runStep } from '../../src/platform/run.ts';
import { generateEd25519 } from '../../src/provision/openssh-key.ts';
import type { RunValues } from '../../src/run/chain-inputs.ts';
import {
  runTargetMain,
  runTargetPosts,
  type ChainOptions,
  type SavedTarget,
} from '../../src/run/target-chain.ts';
import { fakeRunner } from '../support/fake-runner.ts';
import { fakeStepRunner, type FakeStepRunner } from '../support/fake-step-runner.ts';
import { tempDir } from '../support/temp-dir.ts';

const RUN: Record<string, string> = {
  recipe: 'notes',
  provider: 'ssh',
  backend: 'command',
  'keycloak-url': 'https://sso.example.test',
};

function runValues(values: Record<string, string> = RUN): RunValues {
  return { get: (name) => values[name] ?? '', secret: () => undefined };
}

interface Heard {
  printed: string[];
  data: string[];
  warned: string[];
}

function options(
  steps: FakeStepRunner,
  signal = new AbortController().signal,
): { options: ChainOptions; heard: Heard } {
  const heard: Heard = { printed: [], data: [], warned: [] };
  return {
    heard,
    options: {
      cli: 'dist/cli.js',
      runStep: steps.run,
      run: runValues(),
      env: {},
      deadline: Date.now() + 3_600_000,
      signal,
      print: (line) => heard.printed.push(line),
      printOutput: (line) => heard.data.push(line),
      warn: (level, message) => heard.warned.push(`${level}: ${message}`),
      onSecret: () => undefined,
      onChange: () => undefined,
    },
  };
}

const ENTRY = { target: 'guest', domain: 'notes-1.ci.example.test', host: '192.0.2.7' };

async function mainThenPosts(
  steps: FakeStepRunner,
  signal?: AbortSignal,
): Promise<{ saved: SavedTarget; left: string[]; heard: Heard }> {
  const { options: chain, heard } = options(steps, signal);
  const saved = await runTargetMain(ENTRY, tempDir('chain-'), chain);
  const left = await runTargetPosts(saved, chain);
  return { saved, left, heard };
}

test('a step fails: later steps are skipped, every started step’s post runs in reverse', async () => {
  const steps = fakeStepRunner((step) =>
    step === 'recipe-suite main'
      ? { code: 1, errors: ['recipe-suite: install failed'] }
      : undefined,
  );
  const { saved, left } = await mainThenPosts(steps);
  assert.deepEqual(steps.steps(), [
    'provision main',
    'readiness main',
    'oidc-realm main',
    'recipe-suite main',
    'recipe-suite post',
    'oidc-realm post',
    'provision post',
  ]);
  assert.equal(saved.status, 'failed');
  assert.equal(saved.reason, 'recipe-suite: install failed', 'the step’s own last error');
  // Posts are told the chain failed, as a runner tells post steps the job's status.
  for (const call of steps.calls.filter((c) => c.step.endsWith(' post'))) {
    assert.equal(call.jobStatus, 'failure', call.step);
  }
  assert.deepEqual(left, []);

  const early = fakeStepRunner((step) => (step === 'readiness main' ? { code: 1 } : undefined));
  const stopped = await mainThenPosts(early);
  assert.deepEqual(early.steps(), ['provision main', 'readiness main', 'provision post']);
  assert.equal(
    stopped.saved.reason,
    'readiness exited 1',
    'the exit code when the step said nothing',
  );
});

test('oidc-realm fails: the tiers still run, without its env file, and the target fails', async () => {
  const steps = fakeStepRunner((step) =>
    step === 'oidc-realm main' ? { code: 1, errors: ['oidc-realm: HTTP 503'] } : undefined,
  );
  const { saved } = await mainThenPosts(steps);
  const suite = steps.calls.find((c) => c.step === 'recipe-suite main');
  assert.ok(suite, 'recipe-suite ran');
  // Without an env file recipe-suite marks the OIDC tests blocked (suite/tier-runs.ts).
  assert.equal(suite.inputs['env-file'], undefined);
  assert.equal(saved.envFile, undefined);
  assert.equal(saved.status, 'failed');
  assert.match(saved.reason, /^oidc-realm failed/);
  assert.ok(steps.steps().includes('oidc-realm post'), 'its post still runs');

  const fine = fakeStepRunner();
  await mainThenPosts(fine);
  const given = fine.calls.find((c) => c.step === 'recipe-suite main');
  assert.match(given?.inputs['env-file'] ?? '', /oidc\.env$/, 'with the realm, the env file');
});

test('cancel before a step: nothing more starts, the started steps’ posts run', async () => {
  const controller = new AbortController();
  const steps = fakeStepRunner((step) =>
    step === 'provision main'
      ? {
          during: () => {
            controller.abort();
            return Promise.resolve();
          },
        }
      : undefined,
  );
  const { saved } = await mainThenPosts(steps, controller.signal);
  assert.deepEqual(steps.steps(), ['provision main', 'provision post']);
  assert.equal(saved.status, 'cancelled');
  assert.equal(saved.reason, 'cancelled before readiness');
});

test('cancel during a step: the step sees the signal, ends 130, the chain stops there', async () => {
  const controller = new AbortController();
  const steps = fakeStepRunner((step) =>
    step === 'readiness main'
      ? {
          during: async (given) => {
            setTimeout(() => {
              controller.abort();
            }, 5);
            await new Promise((resolve) => given.signal.addEventListener('abort', resolve));
            return 130;
          },
        }
      : undefined,
  );
  const { saved } = await mainThenPosts(steps, controller.signal);
  assert.deepEqual(steps.steps(), ['provision main', 'readiness main', 'provision post']);
  assert.equal(saved.status, 'cancelled');
  const post = steps.calls.find((c) => c.step === 'provision post');
  assert.equal(post?.jobStatus, 'failure');
});

test('a post that reports a leftover: the run says what was left, naming the target and step', async () => {
  const steps = fakeStepRunner((step) =>
    step === 'oidc-realm post'
      ? { leftovers: ['oidc-realm cleanup: realm ci-x may remain: HTTP 503'] }
      : undefined,
  );
  const { left } = await mainThenPosts(steps);
  assert.deepEqual(left, [
    'guest: oidc-realm post: oidc-realm cleanup: realm ci-x may remain: HTTP 503',
  ]);
});

test('chatter is data: a step printing warning:, error: and workflow commands decides nothing', async () => {
  const chatter = [
    'warning: the disk is 91% full',
    'error: this line is from the recipe',
    '::error title=x::from the recipe',
    '::stop-commands::tok',
  ];
  const steps = fakeStepRunner((step) =>
    step === 'recipe-suite post' || step === 'recipe-suite main' ? { log: chatter } : undefined,
  );
  const { saved, left, heard } = await mainThenPosts(steps);
  assert.equal(saved.status, 'passed');
  assert.deepEqual(left, [], 'nothing left behind');
  assert.deepEqual(heard.warned, [], 'no annotation from a log line');
  assert.deepEqual(heard.data, [...chatter, ...chatter], 'printed as data, every line');
  assert.ok(!heard.printed.some((l) => chatter.some((c) => l.includes(c))), 'never as our lines');

  // The step's own verdicts come on the channel: those are annotations.
  const told = fakeStepRunner((step) =>
    step === 'readiness main' ? { warnings: ['readiness: slow'] } : undefined,
  );
  const warned = await mainThenPosts(told);
  assert.deepEqual(warned.heard.warned, ['warning: readiness: slow']);
});

describe('actions/run: two targets side by side, one throwing', () => {
  const saved = process.env.RUNNER_TEMP;
  before(() => {
    process.env.RUNNER_TEMP = tempDir('run-action-');
  });
  after(() => {
    if (saved === undefined) delete process.env.RUNNER_TEMP;
    else process.env.RUNNER_TEMP = saved;
  });

  test('the other is still awaited and cleaned; the work folder goes only after both', async () => {
    const events: string[] = [];
    let workRoot = '';
    const steps = fakeStepRunner((step, workDir) => {
      const target = workDir.endsWith('/0') ? 'a' : 'b';
      workRoot = join(workDir, '..');
      return {
        during: async () => {
          if (target === 'a' && step === 'readiness main') {
            events.push('a throws');
            throw new Error('spawn node ENOMEM');
          }
          if (target === 'b' && step === 'readiness main') await sleep(50);
          if (step.endsWith(' post')) {
            await sleep(target === 'b' ? 30 : 0);
            assert.ok(existsSync(workDir), `${target}'s work dir is there during ${step}`);
          }
          events.push(`${target} ${step}`);
        },
      };
    });
    const action = createRunAction(process.cwd(), steps.run);
    // The defaults a runner would take from actions/run/action.yml, then ours.
    const defaults = parseActionMetadata(readFileSync('actions/run/action.yml', 'utf8')).inputs;
    const inputs = {
      ...Object.fromEntries(
        defaults.flatMap((i) => (i.default === undefined ? [] : [[i.name, i.default]])),
      ),
      recipe: 'notes',
      targets: '- name: a\n  host: 192.0.2.7\n- name: b\n  host: 192.0.2.8',
      provider: 'ssh',
      'ssh-private-key': generateEd25519('run-chain-test').private,
      backend: 'command',
      'max-parallel': '2',
      'base-domain': 'ci.example.test',
      'results-dir': tempDir('run-results-'),
      'recipe-path': process.cwd(),
    };
    const runner = fakeRunner(inputs);
    const mainCode = await runStep(action, 'main', runner);
    events.push('main ended');
    assert.equal(mainCode, 1, runner.failures.join('\n'));
    assert.match(runner.failures.join('\n'), /ENOMEM/);
    // b's chain ran to its end before main gave up.
    const bEnded = events.indexOf('b recipe-suite main');
    assert.ok(bEnded >= 0 && bEnded < events.indexOf('main ended'), events.join());

    const postRunner = fakeRunner(inputs, runner.state);
    await runStep(action, 'post', postRunner);
    const posts = steps.steps().filter((s) => s.endsWith(' post'));
    assert.equal(posts.filter((s) => s === 'provision post').length, 2, 'both targets cleaned');
    assert.deepEqual(
      events.filter((e) => e.startsWith('b ') && e.endsWith(' post')),
      ['b recipe-suite post', 'b provision post'],
    );
    assert.ok(!existsSync(workRoot), 'the work folder is removed after both');
    assert.deepEqual(readdirSync(join(workRoot, '..')), [], 'nothing else left in RUNNER_TEMP');
  });
});
