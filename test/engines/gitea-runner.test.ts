/**
 * examples/gitea/pull-request.yml under the Gitea runner 1.0.8 (`gitea-runner exec`, host mode),
 * its actions cloned over HTTP from a loopback forge (gitea-runner.ts): recipe-ci's actions/run
 * and actions/report by full URL as the example writes them, the third-party actions as the
 * stand-ins. The test job gates a guest-lab guest (real sshd and cloud-init) with the example
 * recipe test/fixtures/recipe-notes on the command backend. Needs root and the runner from
 * `bash test/lab/setup.sh`; without either the test is skipped with the reason.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isMap, parseDocument, type YAMLSeq } from 'yaml';
import { startLab, type Guest, type Lab } from '../lab/index.ts';
import { STAND_IN_BIN } from '../support/abra-stand-in.ts';
import { recipeRepo } from '../support/recipe-repo.ts';
import { tempDir } from '../support/temp-dir.ts';
import { ActServer } from './act.ts';
import type { GitHttpServer } from './git-http-server.ts';
import {
  giteaRunnerUnavailable,
  runGiteaRunner,
  serveForge,
  STAND_IN_REF,
  type GiteaRun,
} from './gitea-runner.ts';
import { assertGuestClean } from './guest-clean.ts';

const unavailable = giteaRunnerUnavailable() ?? false;
const when = { skip: unavailable };

const EXAMPLE = join('examples', 'gitea', 'pull-request.yml');
/** The jobs as the runner logs them: the workflow's name, then the job's. */
const TEST = 'recipe-ci/test (swarm)';
const REPORT = 'recipe-ci/report';
/** The forge the example names; the copy points it at the loopback forge. */
const EXAMPLE_FORGE = 'https://git.example.org';

function shown(run: GiteaRun): string {
  return `gitea-runner exit ${String(run.code)} in ${run.seconds.toFixed(1)} s${run.timedOut ? ' (timed out)' : ''}\n${run.text}\n${run.other}`;
}

describe('examples/gitea/pull-request.yml under the Gitea runner, on a guest-lab guest', () => {
  let server: ActServer;
  let forge: GitHttpServer | undefined;
  let lab: Lab | undefined;
  let guest: Guest;
  let privateKey = '';
  before(async () => {
    if (unavailable) return;
    server = new ActServer();
    forge = await serveForge(server);
    lab = await startLab();
    guest = await lab.addGuest({ authorized: true, cloudInitPhase: { status: 'done' } });
    privateKey = readFileSync(lab.clientKey.privateKeyPath, 'utf8');
  });
  after(async () => {
    await lab?.close();
    await forge?.close();
  });

  /**
   * A copy of the example for this lab. Its forge URL and pinned third-party refs point at the
   * loopback forge; the `swarm` target is the guest, and the recipe is the example recipe on the
   * command backend. Everything else — the trigger, the matrix, every step and input — stays.
   */
  function exampleCopy(url: string): string {
    const text = readFileSync(EXAMPLE, 'utf8')
      .replaceAll(EXAMPLE_FORGE, url)
      .replace(/(uses: actions\/[\w-]+)@[0-9a-f]{40}/g, `$1@${STAND_IN_REF}`);
    const doc = parseDocument(text);
    const steps = doc.getIn(['jobs', 'test', 'steps']) as YAMLSeq;
    const index = steps.items.findIndex((step) => isMap(step) && step.get('name') === 'recipe-ci');
    assert.ok(index >= 0, 'the example has a step named recipe-ci');
    const targets = String(doc.getIn(['jobs', 'test', 'steps', index, 'with', 'targets']));
    doc.setIn(
      ['jobs', 'test', 'steps', index, 'with', 'targets'],
      targets.replace('host: swarm.ci.example.org', `host: ${guest.address}`),
    );
    doc.setIn(['jobs', 'test', 'steps', index, 'with', 'backend'], 'command');
    const file = join(tempDir('recipe-ci-gitea-caller-'), 'pull-request.yml');
    writeFileSync(file, doc.toString());
    return file;
  }

  /** The example recipe as the runner's working directory, its `origin` on the forge. */
  function recipeWorkdir(url: string, change?: (dir: string) => void): string {
    const dir = recipeRepo({ candidate: '1.1.0+1.1', ...(change ? { change } : {}) });
    server.addRepository('ci/notes', dir);
    const config = join(dir, '.git', 'config');
    writeFileSync(
      config,
      `${readFileSync(config, 'utf8')}[remote "origin"]\n\turl = ${url}/ci/notes\n`,
    );
    return dir;
  }

  function results(run: GiteaRun): {
    status: string;
    tiers: { tier: string; status: string }[];
  } {
    const file = join(run.artifacts, 'recipe-ci-my-recipe-swarm', 'results.json');
    return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof results>;
  }

  /**
   * The recipe-ci step's outputs as the runner logs them (`::set-output:: name=value`: unlike
   * act's, these lines carry no `command` field, so the log reader does not collect them).
   */
  function stepOutputs(run: GiteaRun): Record<string, string> {
    const outputs: Record<string, string> = {};
    for (const line of run.lines) {
      if (line.job !== TEST || line.stage !== 'Main' || line.step !== 'recipe-ci') continue;
      const set = /^::set-output:: ([\w-]+)=(.*)$/s.exec(line.msg);
      if (set?.[1] !== undefined) outputs[set[1]] = set[2] ?? '';
    }
    return outputs;
  }

  /** The step's own record: swarm ran, hcloud was skipped, nothing was provisioned for it. */
  function assertOnlySwarmRan(run: GiteaRun): void {
    const outputs = stepOutputs(run);
    assert.equal(outputs.selected, 'swarm', shown(run));
    assert.equal(outputs.skipped, 'hcloud', shown(run));
    const result = JSON.parse(outputs.result ?? '{}') as {
      targets?: { target: string }[];
      skipped?: string[];
    };
    assert.deepEqual(
      result.targets?.map((t) => t.target),
      ['swarm'],
      outputs.result,
    );
    assert.deepEqual(result.skipped, ['hcloud'], outputs.result);
  }

  /** The runner masks what the steps ask it to: no line of the SSH key is in its log. */
  function assertKeyNeverShown(run: GiteaRun): void {
    const lines = privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.ok(!run.text.includes(line) && !run.other.includes(line), 'a key line is in the log');
    }
  }

  /** Run the example copy for a pull request with the recipe as `change` leaves it. */
  async function runExample(change?: (dir: string) => void): Promise<GiteaRun> {
    assert.ok(forge);
    // The example's "Install abra" step keeps an abra of its release already on PATH, or
    // downloads one from git.coopcloud.tech, which this machine cannot reach: the abra stand-in
    // answers `--version` as that release (the command backend never calls it).
    return runGiteaRunner({
      forge,
      workflow: exampleCopy(forge.url),
      workdir: recipeWorkdir(forge.url, change),
      event: 'pull_request',
      secrets: { SSH_PRIVATE_KEY: privateKey },
      path: [STAND_IN_BIN],
      env: { ABRA_STAND_IN_STATE: tempDir('recipe-ci-gitea-abra-') },
    });
  }

  it(
    'a pull request: the swarm target passes on the guest, the report job makes the card, nothing is left',
    when,
    async () => {
      const run = await runExample();
      assert.equal(run.code, 0, shown(run));
      assert.equal(run.timedOut, false, shown(run));
      assert.deepEqual(
        Object.fromEntries(run.jobs),
        { [TEST]: 'success', [REPORT]: 'success' },
        `hcloud never ran as a job\n${shown(run)}`,
      );
      // The example lists hcloud as well: the step plans it, says why it is skipped and runs
      // only this job's target.
      assert.match(run.text, /hcloud +skipped +not selected \(selected: swarm\)/, shown(run));
      assertOnlySwarmRan(run);
      for (const step of ['Main recipe-ci', 'Main Upload results', 'Post recipe-ci']) {
        assert.equal(run.steps.get(`${TEST} / ${step}`), 'success', `${step}\n${shown(run)}`);
      }
      assert.equal(run.steps.get(`${REPORT} / Main Result card`), 'success', shown(run));
      const result = results(run);
      assert.equal(result.status, 'passed');
      assert.deepEqual(
        result.tiers.filter((t) => t.status !== 'skipped').map((t) => `${t.tier} ${t.status}`),
        ['install passed', 'upgrade passed', 'backup passed', 'restore passed', 'custom passed'],
      );
      // The report job found the artifact and made the card; without a token it is printed only.
      assert.match(run.text, /recipe-ci card: my-recipe passed/);
      assert.match(run.text, /\| swarm \| ✅ passed \| L4 \|/);
      assertKeyNeverShown(run);
      await assertGuestClean(guest);
    },
  );

  it(
    'a failing tier: the test job is red, its post step still cleans up, the card says which',
    when,
    async () => {
      const run = await runExample((dir) => {
        const file = join(dir, '.recipe-ci.yml');
        writeFileSync(
          file,
          `${readFileSync(file, 'utf8')}  - name: fails on purpose\n    run: echo broken; exit 1\n`,
        );
      });
      assert.notEqual(run.code, 0, shown(run));
      assert.equal(run.timedOut, false, shown(run));
      assert.deepEqual(
        Object.fromEntries(run.jobs),
        { [TEST]: 'failure', [REPORT]: 'success' },
        shown(run),
      );
      assert.equal(run.steps.get(`${TEST} / Main recipe-ci`), 'failure', shown(run));
      for (const step of ['Main Upload results', 'Post recipe-ci']) {
        assert.equal(run.steps.get(`${TEST} / ${step}`), 'success', `${step}\n${shown(run)}`);
      }
      const result = results(run);
      assert.equal(result.status, 'failed');
      assert.equal(result.tiers.find((t) => t.tier === 'custom')?.status, 'failed');
      assert.match(run.text, /recipe-ci card: my-recipe failed/);
      assertKeyNeverShown(run);
      await assertGuestClean(guest);
    },
  );
});
