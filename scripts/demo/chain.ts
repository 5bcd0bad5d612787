/**
 * The main job on this machine: plan → provision → readiness → oidc-realm → recipe-suite, each
 * a call of the committed CLI (`node dist/cli.js`), then every post step in reverse order and the
 * peers the demo started, as a runner does with a workflow job. What it starts it removes —
 * on success, on failure and on Ctrl-C — and it checks that nothing was left.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from '../../test/support/keycloak-stand-in/index.ts';
import { recipeRepo } from '../../test/support/recipe-repo.ts';
import { runCliStep, type Phase, type StepRun } from './cli-step.ts';
import { renderSummary } from './summary.ts';
import { startTarget, type DemoTarget, type TargetKind } from './target.ts';

export interface KeycloakLogin {
  url: string;
  clientId: string;
  clientSecret: string;
}

export interface DemoOptions {
  /** The package root (where dist/ and test/fixtures are). */
  root: string;
  target: TargetKind;
  /** A Keycloak to use instead of starting the stand-in. */
  keycloak: KeycloakLogin | undefined;
  /** Add a custom check to the recipe that fails, to show a failing run end to end. */
  failingCheck: boolean;
  /** Aborted on Ctrl-C: no further main step starts; cleanup still runs. */
  signal: AbortSignal;
  out: (line: string) => void;
}

export interface DemoResult {
  /** 0 passed, 1 failed (a step, or something left behind), 130 cancelled. */
  code: number;
  workDir: string;
  labId: string | undefined;
  realm: string | undefined;
  /** Step → exit code, main steps and posts, in the order they ran. */
  steps: { step: string; code: number }[];
  /** What could not be removed (empty when nothing was left behind). */
  leftovers: string[];
}

/** Outputs that carry secrets: the CLI hands them to its caller, the demo never prints them. */
const SECRET_OUTPUTS = new Set(['client-secret', 'password']);

/** One cleanup task: resolves with what it could not remove. */
type Cleanup = { name: string; run: () => Promise<string[]> };

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { out, signal } = options;
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'recipe-ci-demo-'));
  mkdirSync(join(workDir, 'summary'));
  const result: DemoResult = {
    code: 0,
    workDir,
    labId: undefined,
    realm: undefined,
    steps: [],
    leftovers: [],
  };
  const cleanups: Cleanup[] = [];
  const summaries: string[] = [];
  let failed = false;

  // The steps see what a runner would give them, minus anything that would feed them inputs.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_')),
  );
  env.RUNNER_TEMP = workDir;
  delete env.RECIPE_CI_JOB_STATUS;

  const step = async (
    action: string,
    phase: Phase,
    inputs: Record<string, string>,
    secretInputs: Record<string, string> = {},
  ): Promise<StepRun> => {
    out('');
    out(`▶ ${action} ${phase}`);
    const stepEnv = { ...env };
    // Secrets go to the step as INPUT_* variables, never on a command line others can read.
    for (const [name, value] of Object.entries(secretInputs)) {
      stepEnv[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    }
    const run = await runCliStep(action, phase, inputs, {
      root: options.root,
      workDir,
      env: stepEnv,
      print: (line) => out(`    ${line}`),
    });
    result.steps.push({ step: `${action} ${phase}`, code: run.code });
    if (existsSync(run.summaryFile)) summaries.push(run.summaryFile);
    const shown = Object.entries(run.outputs).map(
      ([name, value]) => `${name}=${SECRET_OUTPUTS.has(name) ? '***' : oneLine(value)}`,
    );
    if (shown.length > 0) out(`  outputs: ${shown.join('  ')}`);
    const verdict =
      run.code === 0 ? '✔' : run.code === 130 ? '■ cancelled' : `✘ exit ${String(run.code)}`;
    out(`${verdict} ${action} ${phase} (${run.seconds.toFixed(1)} s)`);
    return run;
  };

  /** A post step in cleanup: it never fails the job, so its warnings are what it left. */
  const post = (
    action: string,
    inputs: Record<string, string>,
    secrets: Record<string, string> = {},
  ) =>
    cleanups.push({
      name: `${action} post`,
      run: async () => {
        const run = await step(action, 'post', inputs, secrets);
        const warnings = run.log.filter(
          (l) => l.startsWith('warning: ') || l.startsWith('error: '),
        );
        return run.code === 0 && warnings.length === 0
          ? []
          : [`${action} post: ${warnings.join(' / ') || `exit ${String(run.code)}`}`];
      },
    });

  const stopped = (): boolean => {
    if (signal.aborted) out('\n■ cancelled: no further step starts; cleaning up');
    return signal.aborted;
  };

  out(`recipe-ci demo: the main job of a recipe's workflow, run on this machine`);
  out(`work dir ${workDir}`);
  try {
    // ── the peers a hosted job would find on the network ─────────────────────────────────
    const target: DemoTarget = await startTarget(options.target, workDir, out);
    result.labId = target.labId;
    cleanups.push({ name: 'target', run: () => target.close() });
    out(`target: ${target.description}`);

    let keycloak = options.keycloak;
    if (keycloak === undefined) {
      const standIn = await KeycloakStandIn.start();
      const admin = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
      if (admin?.kind !== 'client') throw new Error('the stand-in has no admin client');
      keycloak = { url: standIn.url, clientId: admin.clientId, clientSecret: admin.secret };
      cleanups.push({
        name: 'Keycloak stand-in',
        run: async () => {
          // Checked before it stops: the post step must have deleted the run's realm.
          const left = [...standIn.realms.keys()].filter((r) => r !== 'master');
          await standIn.stop();
          return left.map((r) => `realm ${r} in the Keycloak stand-in`);
        },
      });
      out(`Keycloak: the stand-in (not Keycloak) at ${keycloak.url}`);
    } else {
      out(`Keycloak: ${keycloak.url}`);
    }

    const repo = recipeRepo({
      candidate: '1.1.0+1.1',
      change: options.failingCheck ? addFailingCheck : undefined,
    });
    cleanups.push({ name: 'recipe repo', run: () => remove(repo) });
    out(
      `recipe: notes (test/fixtures/recipe-notes) in a git repo at ${repo}, tags 1.0.0+1.0 1.1.0+1.1 2.0.0+2.0, candidate 1.1.0+1.1${options.failingCheck ? ' plus a custom check that fails on purpose' : ''}`,
    );

    // ── plan: the recipe's targets, this machine's one chosen as a dispatch would choose it ──
    const targetName = options.target;
    const plan = await step('targets', 'main', {
      targets: stringify([
        { name: targetName, provider: 'ssh' },
        { name: 'hcloud-debian-12', provider: 'hcloud', image: 'debian-12', default: false },
      ]),
      selected: targetName,
    });
    if (plan.code !== 0) throw new StepFailed(plan);
    if (plan.outputs['has-targets'] !== 'true') {
      out('nothing to test: the plan selected no target');
      return result;
    }
    const matrix = JSON.parse(plan.outputs.matrix ?? '{}') as {
      include?: Record<string, unknown>[];
    };
    const entry = matrix.include?.find((t) => t.target === targetName);
    if (entry === undefined) {
      throw new Error(`the plan did not select ${targetName}: ${plan.outputs.matrix ?? ''}`);
    }
    if (stopped()) return result;

    // ── provision: the target already exists, so the `ssh` provider hands it on ────────────
    const provisionInputs = {
      provider: typeof entry.provider === 'string' ? entry.provider : 'ssh',
      host: target.host,
      user: target.user,
      'private-key-path': target.privateKeyPath,
    };
    post('provision', provisionInputs);
    const provision = await step('provision', 'main', provisionInputs);
    if (provision.code !== 0) throw new StepFailed(provision);
    target.boot();
    if (stopped()) return result;

    // ── readiness, fed with provision's outputs exactly as a workflow wires them ──────────
    if (target.cloudInitNote) out(`(${target.cloudInitNote})`);
    const readiness = await step('readiness', 'main', {
      hosts: provision.outputs.hosts ?? '',
      user: provision.outputs.user ?? '',
      'private-key-path': provision.outputs['private-key-path'] ?? '',
      timeout: '2m',
      'cloud-init': target.cloudInit,
    });
    if (readiness.code !== 0) throw new StepFailed(readiness);
    if (stopped()) return result;

    // ── oidc-realm: its failure must not stop the generic tiers (continue-on-error) ───────
    const domain = `notes-${randomBytes(3).toString('hex')}.ci.example.test`;
    const envFile = join(workDir, 'app.env');
    writeFileSync(envFile, `DOMAIN=${domain}\n`);
    const login = { 'keycloak-url': keycloak.url, 'admin-client-id': keycloak.clientId };
    const adminSecret = { 'admin-client-secret': keycloak.clientSecret };
    post('oidc-realm', login, adminSecret);
    const realm = await step(
      'oidc-realm',
      'main',
      {
        ...login,
        'realm-prefix': 'demo',
        'client-id': 'notes',
        'redirect-uris': `https://${domain}/*`,
        'env-file': envFile,
      },
      adminSecret,
    );
    result.realm = realm.outputs.realm;
    if (realm.code !== 0) {
      failed = true;
      out('  (oidc-realm failed; the recipe tiers run without its settings, as in the workflow)');
    }
    if (stopped()) return result;

    // ── recipe-suite with oidc-realm's env file ───────────────────────────────────────────
    const suiteInputs = {
      recipe: 'notes',
      'recipe-path': repo,
      backend: 'command',
      server: provision.outputs.hosts ?? '',
      domain,
      // The machine provision made and readiness proved: the app is deployed there.
      host: provision.outputs.hosts ?? '',
      user: provision.outputs.user ?? '',
      'private-key-path': provision.outputs['private-key-path'] ?? '',
      'known-hosts': readiness.outputs['known-hosts'] ?? '',
    };
    post('recipe-suite', suiteInputs);
    const suite = await step('recipe-suite', 'main', {
      ...suiteInputs,
      ...(realm.code === 0 ? { 'env-file': envFile } : {}),
    });
    const results = suite.outputs.results;
    if (results && existsSync(results)) {
      const parsed = JSON.parse(readFileSync(results, 'utf8')) as {
        tiers?: { tier: string; status: string }[];
      };
      out(`  results.json: ${(parsed.tiers ?? []).map((t) => `${t.tier} ${t.status}`).join(', ')}`);
    }
    if (suite.code !== 0) throw new StepFailed(suite);
  } catch (error) {
    failed = true;
    if (!(error instanceof StepFailed)) {
      out(`✘ ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    out('');
    out('── cleanup: post steps in reverse order, then what the demo started ──');
    for (const cleanup of cleanups.reverse()) {
      try {
        const left = await cleanup.run();
        result.leftovers.push(...left);
        if (!cleanup.name.endsWith(' post')) {
          out(`${left.length === 0 ? '✔ removed' : '✘ could not fully remove'} ${cleanup.name}`);
        }
      } catch (error) {
        result.leftovers.push(
          `${cleanup.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    printSummaries(summaries, out);
    result.leftovers.push(...(await remove(workDir)));
    out('');
    out(
      result.leftovers.length === 0
        ? 'left behind: nothing (lab, processes, realms, temp dirs and state files removed)'
        : `left behind: ${result.leftovers.join('; ')}`,
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (signal.aborted) result.code = 130;
    else if (failed || result.leftovers.length > 0) result.code = 1;
    const verdict = { 0: 'passed', 1: 'FAILED', 130: 'cancelled' }[result.code] ?? 'FAILED';
    out(`demo ${verdict} in ${seconds} s`);
  }
  return result;
}

class StepFailed extends Error {
  constructor(readonly run: StepRun) {
    super(`${run.action} ${run.phase} exited ${String(run.code)}`);
  }
}

function printSummaries(files: string[], out: (line: string) => void): void {
  if (files.length === 0) return;
  out('');
  out('══ job summary (what the workflow run page shows) ══');
  for (const file of files) {
    out('');
    for (const line of renderSummary(readFileSync(file, 'utf8'))) out(line);
  }
}

function addFailingCheck(dir: string): void {
  const file = join(dir, '.recipe-ci.yml');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}  - name: fails on purpose (demo --fail)\n    run: echo "this check fails on purpose" >&2; exit 1\n`,
  );
}

function remove(path: string): Promise<string[]> {
  try {
    rmSync(path, { recursive: true, force: true });
    return Promise.resolve([]);
  } catch (error) {
    return Promise.resolve([`${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function oneLine(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}
