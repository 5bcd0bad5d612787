/**
 * Our reusable workflow under a real workflow engine: act 0.2.89 (GitHub Actions semantics) in
 * host mode, the committed dist/ of this working tree served as `recipe-ci/recipe-ci@v0`, the
 * third-party actions as stand-ins (test/engines/stand-ins), and for the test job a guest-lab
 * guest (real sshd and cloud-init) running the example recipe test/fixtures/recipe-notes on the
 * command backend. Results are read from act's `--json` log and from the artifacts, from the
 * outside. Needs root (the guest lab) and act from `bash test/lab/setup.sh`; without either every
 * test here is skipped with the reason.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { startLab, type Guest, type Lab } from '../lab/index.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import { actUnavailable, ActServer, runAct, type ActRun } from './act.ts';
import { assertGuestClean } from './guest-clean.ts';

// Each test carries the reason, so a machine without act or root reports them skipped, by name.
const unavailable = actUnavailable() ?? false;
const when = { skip: unavailable };

/** The example callers, as a recipe repository copies them. */
const DISPATCH_EXAMPLE = join('examples', 'dispatch.yml');
const PULL_REQUEST_EXAMPLE = join('examples', 'pull-request.yml');

const PLAN = 'recipe-ci/recipe-ci/plan';
const TEST_A = 'recipe-ci/recipe-ci/test (guest-a)';
const REPORT = 'recipe-ci/recipe-ci/report';
const GATE = 'recipe-ci/recipe-ci/gate';

/** What act logged, for a failing assertion's message. */
function shown(run: ActRun): string {
  return `act exit ${String(run.code)} in ${run.seconds.toFixed(1)} s${run.timedOut ? ' (timed out)' : ''}\n${run.text}\n${run.other}`;
}

/**
 * A recipe repository as act's working directory: test/fixtures/recipe-notes with its tags, the
 * event's commit on 1.1.0+1.1 (so the upgrade tier starts from 1.0.0+1.0, a minor step), served
 * as `ci/notes`, its `origin` naming that (act reads github.repository from it).
 */
function recipeWorkdir(server: ActServer, change?: (dir: string) => void): string {
  const dir = recipeRepo({ candidate: '1.1.0+1.1', ...(change ? { change } : {}) });
  server.addRepository('ci/notes', dir);
  writeFileSync(
    join(dir, '.git', 'config'),
    `${readFileSync(join(dir, '.git', 'config'), 'utf8')}[remote "origin"]\n\turl = https://github.com/ci/notes\n`,
  );
  return dir;
}

describe('the reusable workflow under act', () => {
  let server: ActServer;
  before(() => {
    if (unavailable) return;
    server = new ActServer();
  });

  it(
    'runs the plan job alone: the example’s default set runs, a `default: false` target is skipped',
    when,
    async () => {
      // The targets exactly as examples/dispatch.yml passes them.
      const example = parseDocument(readFileSync(DISPATCH_EXAMPLE, 'utf8'));
      const targets = String(example.getIn(['jobs', 'recipe-ci', 'with', 'targets']));
      const run = await runAct({
        server,
        event: 'workflow_call',
        payload: { inputs: { recipe: 'notes', targets } },
        workflow: server.reusableWorkflow,
        workdir: recipeWorkdir(server),
        job: 'plan',
        timeoutMs: 60_000,
      });
      assert.equal(run.code, 0, shown(run));
      assert.equal(run.timedOut, false, shown(run));
      assert.deepEqual([...run.jobs], [['recipe-ci/plan', 'success']], shown(run));
      const outputs = run.outputs.get('recipe-ci/plan') ?? {};
      assert.deepEqual(
        JSON.parse(outputs.matrix ?? '{}'),
        { include: [{ target: 'local', provider: 'local' }] },
        shown(run),
      );
      assert.equal(outputs['has-targets'], 'true');
      assert.equal(outputs.selected, 'local');
      assert.equal(outputs.skipped, 'hcloud');
    },
  );

  it(
    'runs examples/pull-request.yml with nothing selected: the test job is skipped, the gate green',
    when,
    async () => {
      // The example with its targets both `default: false` (a pull request then tests nothing).
      const doc = parseDocument(readFileSync(PULL_REQUEST_EXAMPLE, 'utf8'));
      doc.setIn(['jobs', 'recipe-ci', 'with', 'targets'], '- name: guest-a\n  default: false\n');
      const caller = join(tempDir('recipe-ci-act-caller-'), 'pull-request.yml');
      writeFileSync(caller, doc.toString());
      const run = await runAct({
        server,
        event: 'pull_request',
        payload: { pull_request: { number: 7, head: { sha: '0'.repeat(40) } } },
        workflow: caller,
        workdir: recipeWorkdir(server),
        timeoutMs: 90_000,
      });
      assert.equal(run.code, 0, shown(run));
      assert.equal(run.timedOut, false, shown(run));
      // act logs no line for a job whose `if:` is false: test and report never start.
      assert.deepEqual(
        Object.fromEntries(run.jobs),
        { [PLAN]: 'success', [GATE]: 'success' },
        shown(run),
      );
      assert.equal(run.outputs.get(PLAN)?.['has-targets'], 'false');
      assert.equal(run.steps.get(`${GATE} / Main Nothing selected`), 'success', shown(run));
      assert.equal(
        run.steps.get(`${GATE} / Main Verdict`),
        undefined,
        'the verdict step was skipped',
      );
    },
  );
});

describe('examples/dispatch.yml under act, on a guest-lab guest', () => {
  let server: ActServer;
  let lab: Lab | undefined;
  let guest: Guest;
  let privateKey = '';
  before(async () => {
    if (unavailable) return;
    server = new ActServer();
    lab = await startLab();
    guest = await lab.addGuest({ authorized: true, cloudInitPhase: { status: 'done' } });
    privateKey = readFileSync(lab.clientKey.privateKeyPath, 'utf8');
  });
  after(async () => {
    await lab?.close();
  });

  /**
   * A copy of examples/dispatch.yml for this lab. Everything the example says stays (trigger,
   * permissions, the `uses:` line and its ref, the inputs it passes, the secrets it maps); only
   * what names the example's own machines and recipe is set for the lab: two ssh targets on the
   * guest (the dispatch's choices follow them, as the example asks), the command backend the
   * example recipe uses, and the lab's SSH key as the `ssh-private-key` secret.
   */
  function dispatchCopy(): string {
    const doc = parseDocument(readFileSync(DISPATCH_EXAMPLE, 'utf8'));
    const targets = ['guest-a', 'guest-b']
      .map((name) => `- name: ${name}\n  provider: ssh\n  host: ${guest.address}\n`)
      .join('');
    doc.setIn(
      ['on', 'workflow_dispatch', 'inputs', 'target', 'options'],
      ['all', 'guest-a', 'guest-b'],
    );
    doc.setIn(['jobs', 'recipe-ci', 'with', 'targets'], targets);
    doc.setIn(['jobs', 'recipe-ci', 'with', 'backend'], 'command');
    doc.setIn(
      ['jobs', 'recipe-ci', 'secrets', 'ssh-private-key'],
      '${{ secrets.SSH_PRIVATE_KEY }}',
    );
    const file = join(tempDir('recipe-ci-act-caller-'), 'dispatch.yml');
    writeFileSync(file, doc.toString());
    return file;
  }

  function results(
    run: ActRun,
    target: string,
  ): { status: string; target: string; tiers: { tier: string; status: string }[] } {
    const file = join(run.artifacts, `recipe-ci-my-recipe-${target}`, 'results.json');
    return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof results>;
  }

  it(
    'a dispatch choosing one target: it passes on the guest, the other is skipped, the gate is green',
    when,
    async () => {
      const run = await runAct({
        server,
        event: 'workflow_dispatch',
        payload: { inputs: { target: 'guest-a' } },
        workflow: dispatchCopy(),
        workdir: recipeWorkdir(server),
        secrets: { SSH_PRIVATE_KEY: privateKey },
      });
      assert.equal(run.code, 0, shown(run));
      assert.equal(run.timedOut, false, shown(run));
      assert.deepEqual(
        Object.fromEntries(run.jobs),
        { [PLAN]: 'success', [TEST_A]: 'success', [REPORT]: 'success', [GATE]: 'success' },
        `guest-b never ran as a job\n${shown(run)}`,
      );
      const plan = run.outputs.get(PLAN) ?? {};
      assert.equal(plan.selected, 'guest-a');
      assert.equal(plan.skipped, 'guest-b');
      // Every step of ours ran, main and post; the gate's verdict passed.
      for (const step of [
        'Main Provision',
        'Main Readiness',
        'Main Recipe suite',
        'Main Upload results',
        'Post Recipe suite',
        'Post Provision',
      ]) {
        assert.equal(run.steps.get(`${TEST_A} / ${step}`), 'success', `${step}\n${shown(run)}`);
      }
      assert.equal(run.steps.get(`${GATE} / Main Passed`), 'success');
      assert.equal(
        run.steps.get(`${GATE} / Main Verdict`),
        undefined,
        'the verdict step was skipped',
      );
      const result = results(run, 'guest-a');
      assert.equal(result.status, 'passed');
      assert.equal(result.target, 'guest-a');
      assert.deepEqual(
        result.tiers.filter((t) => t.status !== 'skipped').map((t) => `${t.tier} ${t.status}`),
        ['install passed', 'upgrade passed', 'backup passed', 'restore passed', 'custom passed'],
      );
      // The report job found the results through the artifacts and made the card.
      const card = readFileSync(
        join(run.artifacts, 'recipe-ci-report-my-recipe', 'card.md'),
        'utf8',
      );
      assert.match(card, /guest-a/);
      await assertGuestClean(guest);
    },
  );

  it(
    'a failing tier: the test job and the gate are red, the post steps still clean up',
    when,
    async () => {
      const failing = (dir: string): void => {
        const file = join(dir, '.recipe-ci.yml');
        writeFileSync(
          file,
          `${readFileSync(file, 'utf8')}  - name: fails on purpose\n    run: echo broken; exit 1\n`,
        );
      };
      const run = await runAct({
        server,
        event: 'workflow_dispatch',
        payload: { inputs: { target: 'guest-a' } },
        workflow: dispatchCopy(),
        workdir: recipeWorkdir(server, failing),
        secrets: { SSH_PRIVATE_KEY: privateKey },
      });
      assert.notEqual(run.code, 0, shown(run));
      assert.equal(run.timedOut, false, shown(run));
      assert.deepEqual(
        Object.fromEntries(run.jobs),
        { [PLAN]: 'success', [TEST_A]: 'failure', [REPORT]: 'success', [GATE]: 'failure' },
        shown(run),
      );
      assert.equal(run.steps.get(`${TEST_A} / Main Recipe suite`), 'failure', shown(run));
      for (const step of [
        'Main Upload results',
        'Main Tell the post steps the job failed',
        'Post Recipe suite',
        'Post Provision',
      ]) {
        assert.equal(run.steps.get(`${TEST_A} / ${step}`), 'success', `${step}\n${shown(run)}`);
      }
      assert.equal(run.steps.get(`${GATE} / Main Verdict`), 'failure', shown(run));
      const result = results(run, 'guest-a');
      assert.equal(result.status, 'failed');
      assert.equal(result.tiers.find((t) => t.tier === 'custom')?.status, 'failed');
      await assertGuestClean(guest);
    },
  );
});
