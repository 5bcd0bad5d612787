/**
 * One target's chain, as the reusable workflow's test job runs it: provision → readiness (not
 * for `local`) → oidc-realm (with a Keycloak URL; a failure there does not stop the tiers, it
 * fails the target at the end) → recipe-suite; and later every post step that has state, in
 * reverse, told whether the chain failed (RECIPE_CI_JOB_STATUS), as a runner tells its posts.
 *
 * Main and post are separate calls because actions/run runs them in separate steps; what post
 * needs is kept in SavedTarget (no secrets: post derives its inputs from the run's again).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOB_DEADLINE_VARIABLE } from '../platform/job-deadline.ts';
import { JOB_STATUS_VARIABLE } from '../platform/job-outcome.ts';
import {
  oidcRealmInputs,
  provisionInputs,
  providerOf,
  readinessInputs,
  recipeSuiteInputs,
  targetName,
  type HandedOn,
  type RunValues,
  type StepInputs,
  type TargetEntry,
} from './chain-inputs.ts';
import type { StepProcessOptions, StepProcessResult } from './step-process.ts';
import { tierLabel, type TierResult } from '../suite/tier-result.ts';

/** Runs one step (run/step-process.ts in production; a fake in the chain's unit tests). */
export type StepRunner = (
  action: string,
  phase: 'main' | 'post',
  inputs: Readonly<Record<string, string>>,
  options: StepProcessOptions,
) => Promise<StepProcessResult>;

export type TargetStatus = 'passed' | 'failed' | 'cancelled';

/** What main leaves for post, and for the report. */
export interface SavedTarget {
  entry: TargetEntry;
  workDir: string;
  /** Steps whose main started, in order: their posts run in reverse. */
  started: string[];
  handedOn: HandedOn | undefined;
  /** oidc-realm's env file, when it succeeded. */
  envFile: string | undefined;
  status: TargetStatus;
  /** Why it failed, for the log and the card. */
  reason: string;
  /** recipe-suite's results.json and junit.xml in workDir (copied out by the caller). */
  results: string | undefined;
  junit: string | undefined;
  summaries: string[];
  steps: { step: string; code: number; seconds: number }[];
  /** The target's deadline (epoch ms): its posts' cleanup is bounded by what is left of it. */
  deadline: number;
}

export interface ChainOptions {
  /** dist/cli.js. */
  cli: string;
  runStep: StepRunner;
  run: RunValues;
  /** The environment every step starts from: no INPUT_* and none of the run's secrets. */
  env: NodeJS.ProcessEnv;
  /** When the target's budget (timeout-minutes) ends: epoch ms. */
  deadline: number;
  signal: AbortSignal;
  /** A line of ours for the log, prefixed with the target when targets run side by side. */
  print: (line: string) => void;
  /** A step's log line: data, printed so that nothing in it can act (Logger.output). */
  printOutput: (line: string) => void;
  /** A step's own warning or error, as a warning or error of the run (an annotation on a runner). */
  warn: (level: 'warning' | 'error', message: string) => void;
  onSecret: (value: string) => void;
  /** State changed: save it (a main killed half-way must still leave post what it made). */
  onChange: (saved: SavedTarget) => void;
  /** Outputs whose values are never printed. */
  secretOutputs?: ReadonlySet<string>;
}

const SECRET_OUTPUTS = new Set(['client-secret', 'password', 'private-key']);

export async function runTargetMain(
  entry: TargetEntry,
  workDir: string,
  options: ChainOptions,
): Promise<SavedTarget> {
  const { run } = options;
  mkdirSync(join(workDir, 'summary'), { recursive: true });
  const saved: SavedTarget = {
    entry,
    workDir,
    started: [],
    handedOn: undefined,
    envFile: undefined,
    status: 'passed',
    reason: '',
    results: undefined,
    junit: undefined,
    summaries: [],
    steps: [],
    deadline: options.deadline,
  };
  const step = async (action: string, given: StepInputs): Promise<StepProcessResult> => {
    saved.started.push(action);
    options.onChange(saved);
    const result = await stepOf(action, 'main', given, workDir, options);
    saved.steps.push({ step: `${action} main`, code: result.code, seconds: result.seconds });
    if (existsSync(result.summaryFile)) saved.summaries.push(result.summaryFile);
    options.onChange(saved);
    return result;
  };
  const stop = (result: StepProcessResult): SavedTarget => {
    saved.status = result.code === 130 || options.signal.aborted ? 'cancelled' : 'failed';
    // The step's own last error says why; the exit code is the fallback.
    saved.reason ||= result.errors.at(-1) ?? `${result.action} exited ${String(result.code)}`;
    options.onChange(saved);
    return saved;
  };
  const cancelledBefore = (next: string): boolean => {
    if (!options.signal.aborted) return false;
    saved.status = 'cancelled';
    saved.reason ||= `cancelled before ${next}`;
    options.onChange(saved);
    return true;
  };

  if (cancelledBefore('provision')) return saved;
  const provision = await step('provision', provisionInputs(run, entry));
  if (provision.code !== 0) return stop(provision);
  const handedOn: HandedOn = {
    hosts: provision.outputs.hosts ?? '',
    user: provision.outputs.user ?? '',
    privateKeyPath: provision.outputs['private-key-path'] ?? '',
    knownHosts: '',
  };
  saved.handedOn = handedOn;

  // The runner itself needs no SSH gate: it is already running this chain.
  if (providerOf(run, entry) !== 'local') {
    if (cancelledBefore('readiness')) return saved;
    const readiness = await step('readiness', readinessInputs(run, entry, handedOn));
    if (readiness.code !== 0) return stop(readiness);
    handedOn.knownHosts = readiness.outputs['known-hosts'] ?? '';
  }

  if (run.get('keycloak-url') !== '') {
    if (cancelledBefore('oidc-realm')) return saved;
    const envFile = join(workDir, 'oidc.env');
    const realm = await step('oidc-realm', oidcRealmInputs(run, entry, envFile));
    if (realm.code === 130) return stop(realm);
    if (realm.code === 0) saved.envFile = envFile;
    else {
      saved.status = 'failed';
      saved.reason = 'oidc-realm failed; the tiers ran without its env file';
      options.print(
        '  (oidc-realm failed; the tiers run without its settings, as in the workflow)',
      );
    }
  }

  if (cancelledBefore('recipe-suite')) return saved;
  const suite = await step('recipe-suite', recipeSuiteInputs(run, entry, handedOn, saved.envFile));
  saved.results = suite.outputs.results || undefined;
  saved.junit = suite.outputs.junit || undefined;
  if (suite.code !== 0) return stop(suite);
  options.onChange(saved);
  return saved;
}

/**
 * Every post step of the target in reverse. Resolves with what they could not remove, as they
 * reported it on their channel (a post step never fails; what it could not do, it reports).
 */
export async function runTargetPosts(
  saved: SavedTarget,
  options: Omit<ChainOptions, 'onChange'>,
): Promise<string[]> {
  const { run, entry } = { run: options.run, entry: saved.entry };
  const env = {
    ...options.env,
    ...(saved.status === 'passed' ? {} : { [JOB_STATUS_VARIABLE]: 'failure' }),
  };
  const inputsOf: Record<string, () => StepInputs> = {
    provision: () => provisionInputs(run, entry),
    'oidc-realm': () => oidcRealmInputs(run, entry, join(saved.workDir, 'oidc.env')),
    'recipe-suite': () => recipeSuiteInputs(run, entry, saved.handedOn, undefined),
  };
  const left: string[] = [];
  for (const action of [...saved.started].reverse()) {
    const given = inputsOf[action];
    if (given === undefined) continue; // readiness has no post step
    const result = await stepOf(action, 'post', given(), saved.workDir, {
      ...options,
      env,
      deadline: saved.deadline,
    });
    saved.steps.push({ step: `${action} post`, code: result.code, seconds: result.seconds });
    if (existsSync(result.summaryFile)) saved.summaries.push(result.summaryFile);
    // Only what the step itself reported as not removed; its log is data, whatever it says.
    if (result.code !== 0 || result.leftovers.length > 0) {
      left.push(
        `${targetName(entry)}: ${action} post: ${result.leftovers.join(' / ') || result.errors.at(-1) || `exit ${String(result.code)}`}`,
      );
    }
  }
  return left;
}

async function stepOf(
  action: string,
  phase: 'main' | 'post',
  given: StepInputs,
  workDir: string,
  options: Omit<ChainOptions, 'onChange'>,
): Promise<StepProcessResult> {
  options.print('');
  options.print(`▶ ${action} ${phase}`);
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    RUNNER_TEMP: workDir,
    [JOB_DEADLINE_VARIABLE]: new Date(options.deadline).toISOString(),
  };
  const result = await options.runStep(
    action,
    phase,
    { ...given.inputs, ...given.secrets },
    {
      cli: options.cli,
      workDir,
      env,
      signal: options.signal,
      onSecret: options.onSecret,
      onLine: options.printOutput,
      onVerdict: options.warn,
    },
  );
  const hidden = options.secretOutputs ?? SECRET_OUTPUTS;
  const shown = Object.entries(result.outputs).map(
    ([name, value]) => `${name}=${hidden.has(name) ? '***' : oneLine(value)}`,
  );
  if (shown.length > 0) options.print(`  outputs: ${shown.join('  ')}`);
  if (action === 'recipe-suite' && phase === 'main') printTiers(result, options.print);
  const verdict =
    result.code === 0 ? '✔' : result.code === 130 ? '■ cancelled' : `✘ exit ${String(result.code)}`;
  options.print(`${verdict} ${action} ${phase} (${result.seconds.toFixed(1)} s)`);
  return result;
}

function printTiers(result: StepProcessResult, print: (line: string) => void): void {
  const file = result.outputs.results;
  if (!file || !existsSync(file)) return;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    tiers?: Pick<TierResult, 'tier' | 'from' | 'status'>[];
  };
  print(
    `  results.json: ${(parsed.tiers ?? []).map((t) => `${tierLabel(t)} ${t.status}`).join(', ')}`,
  );
}

function oneLine(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}
