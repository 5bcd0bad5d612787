/**
 * The run action (`actions/run`, and `recipe-ci run` on a command line): the reusable
 * workflow's plan and test jobs in one step, for runners without reusable workflows, dynamic
 * matrices or passed secrets, and for CIs without a runner at all. Main plans the targets, checks
 * every step's inputs, then runs each selected target's chain (at most `max-parallel` at once);
 * post runs every step's post in reverse, as a runner would. Each step is the same CLI bundle a
 * single call runs, as its own process (see run/step-process.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ActionContext, ActionDefinition } from '../platform/context.ts';
import { recordedDeadline } from '../platform/job-deadline.ts';
import { getErrorMessage } from '../shared/errors.ts';
import { generateAppDomain, isDomainName } from '../recipe/app-domain.ts';
import { mapBounded } from '../run/bounded.ts';
import { targetName, type TargetEntry } from '../run/chain-inputs.ts';
import { checkChainInputs } from '../run/preflight.ts';
import { collectResults, runReport, runStatusOf, type RunResult } from '../run/run-result.ts';
import { runValuesOf, stepBaseEnv } from '../run/run-values.ts';
import { runStepProcess } from '../run/step-process.ts';
import {
  runTargetMain,
  runTargetPosts,
  type ChainOptions,
  type SavedTarget,
  type StepRunner,
} from '../run/target-chain.ts';
import { matrixOf, planTargets, skipped } from '../targets/plan.ts';
import { planReport } from '../targets/report.ts';
import { parseSelection } from '../targets/selection.ts';
import { parseTargets } from '../targets/spec.ts';
import { runnerTemp } from '../platform/run-origin.ts';

const STATE_RUN = 'run';
const STATE_RESULT = 'run-result';

interface SavedRun {
  workRoot: string;
  /** By plan index; a target not started yet is a hole (null once saved as JSON). */
  targets: (SavedTarget | null | undefined)[];
}

/**
 * The action, given where the package is: its steps run `<packageRoot>/dist/cli.js`, each as its
 * own process (a fake step runner in the chain's unit tests).
 */
export function createRunAction(
  packageRoot: string,
  runStep: StepRunner = runStepProcess,
): ActionDefinition {
  const chain = { cli: join(packageRoot, 'dist', 'cli.js'), runStep };
  return {
    name: 'run',
    main: (context) => runMain(context, packageRoot, chain),
    post: (context) => runPost(context, chain),
  };
}

/** What every step of the chain is run with. */
interface ChainTools {
  cli: string;
  runStep: StepRunner;
}

async function runMain(
  context: ActionContext,
  packageRoot: string,
  chain: ChainTools,
): Promise<void> {
  const { inputs, outputs, state, publish, signal, secrets, platform } = context;
  const run = runValuesOf(inputs, process.env, (value) => secrets.add(value));
  const timeoutMinutes = inputs.defaulted(
    'timeout-minutes',
    inputs.integer('timeout-minutes', { min: 1, max: 7 * 24 * 60 }),
  );
  const maxParallel = inputs.defaulted(
    'max-parallel',
    inputs.integer('max-parallel', { min: 1, max: 20 }),
  );
  const resultsDir = resolve(inputs.defaulted('results-dir', inputs.string('results-dir')));

  // The plan, as the targets action makes it: an unknown target fails here.
  const raw = inputs.yaml('targets');
  if (raw === undefined) inputs.required('targets', 'give a YAML list of target names');
  const list = parseTargets(raw, (problem) => inputs.fail('targets', problem));
  const selection = parseSelection(inputs.string('target'), list, (problem) =>
    inputs.fail('target', problem),
  );
  const plan = planTargets(list, selection, platform.eventName);
  const base = inputs.string('base-domain');
  if (base !== undefined && !isDomainName(base)) {
    inputs.fail('base-domain', `"${base}" is not a domain name`);
  }
  const recipe = inputs.required('recipe', "give the recipe's name");
  const matrix = matrixOf(
    plan,
    base === undefined ? undefined : () => generateAppDomain(recipe, base),
  );
  const entries = matrix.include as TargetEntry[];
  // Every step's inputs, before the first one makes anything.
  checkChainInputs(run, (name) => inputs.label(name), entries, packageRoot);
  await publish(planReport(plan));
  const skippedNames = skipped(plan).map((t) => t.name);
  outputs.set('selected', entries.map(targetName).join(','));
  outputs.set('skipped', skippedNames.join(','));
  outputs.set('results-dir', resultsDir);

  const workRoot = mkdtempSync(join(runnerTemp(), 'recipe-ci-run-'));
  const saved: SavedRun = { workRoot, targets: [] };
  const save = (): void => state.setJson(STATE_RUN, saved);
  save();
  const outer = recordedDeadline();
  const sideBySide = entries.length > 1 && maxParallel > 1;
  const finished = await mapBounded(entries, maxParallel, async (entry, index) => {
    const workDir = join(workRoot, String(index));
    mkdirSync(workDir);
    const deadline = Math.min(Date.now() + timeoutMinutes * 60_000, outer?.at ?? Infinity);
    return runTargetMain(entry, workDir, {
      ...chainOptions(context, chain, sideBySide ? `[${targetName(entry)}] ` : ''),
      run,
      deadline,
      onChange: (target) => {
        saved.targets[index] = target;
        save();
      },
    });
  });

  mkdirSync(resultsDir, { recursive: true });
  const result: RunResult = {
    status: runStatusOf(finished, signal.aborted),
    targets: finished.map((target) => ({
      target: targetName(target.entry),
      status: target.status,
      reason: target.reason,
      ...collectResults(target, resultsDir, (text) => secrets.redact(text)),
    })),
    skipped: skippedNames,
    leftovers: [],
  };
  state.set(STATE_RESULT, JSON.stringify(result));
  outputs.set('status', result.status);
  outputs.set('result', JSON.stringify(result));
  await publish(runReport(result));
  for (const target of finished) await appendSummaries(context, target);
  if (signal.aborted) throw signal.reason;
  const failed = result.targets.filter((t) => t.status !== 'passed');
  if (failed.length > 0) {
    throw new Error(failed.map((t) => `${t.target} ${t.status} (${t.reason})`).join('; '));
  }
}

async function runPost(context: ActionContext, chain: ChainTools): Promise<void> {
  const { inputs, outputs, state, log, publish, secrets } = context;
  const saved = state.getJson(STATE_RUN) as SavedRun | undefined;
  if (saved === undefined) {
    log.info('run: no target was started, so there is nothing to clean up');
    return;
  }
  const run = runValuesOf(inputs, process.env, (value) => secrets.add(value));
  const maxParallel = inputs.integer('max-parallel', { min: 1, max: 20 }) ?? 1;
  const targets = saved.targets.filter((t): t is SavedTarget => t !== null && t !== undefined);
  const sideBySide = targets.length > 1 && maxParallel > 1;
  const left = (
    await mapBounded(targets, maxParallel, (target) =>
      runTargetPosts(target, {
        ...chainOptions(context, chain, sideBySide ? `[${targetName(target.entry)}] ` : ''),
        run,
        deadline: target.deadline,
      }).catch((error: unknown) => [
        `${targetName(target.entry)}: its post steps stopped (${getErrorMessage(error)}); what its main steps made may be left behind`,
      ]),
    )
  ).flat();
  for (const target of targets) await appendSummaries(context, target, 'post');
  try {
    rmSync(saved.workRoot, { recursive: true, force: true });
  } catch (error) {
    left.push(`${saved.workRoot}: ${String(error)}`);
  }
  const before = state.get(STATE_RESULT);
  if (before !== undefined) {
    const result = JSON.parse(before) as RunResult;
    result.leftovers = left;
    result.status = runStatusOf(result.targets, result.status === 'cancelled', left);
    outputs.set('status', result.status);
    outputs.set('result', JSON.stringify(result));
  }
  outputs.set('leftovers', left.join('\n'));
  if (left.length === 0) {
    log.info('run: every post step ran; nothing was left behind');
    return;
  }
  await publish(runReport({ status: 'failed', targets: [], skipped: [], leftovers: left }));
  for (const line of left) log.warning(`left behind: ${line}`);
}

/** Log lines and secrets of the steps, as the run's own. */
function chainOptions(
  context: ActionContext,
  chain: ChainTools,
  prefix: string,
): Pick<
  ChainOptions,
  'cli' | 'runStep' | 'env' | 'signal' | 'print' | 'printOutput' | 'warn' | 'onSecret'
> {
  const { log, secrets } = context;
  return {
    ...chain,
    env: stepBaseEnv(process.env),
    // Post steps are never cancelled (step-process.ts); main's are, with the run.
    signal: context.phase === 'main' ? context.signal : new AbortController().signal,
    print: (line) => log.info(`${prefix}${line}`),
    printOutput: (line) => log.output(`${prefix}${line}`),
    warn: (level, message) => log[level](`${prefix}${message}`),
    onSecret: (value) => secrets.add(value),
  };
}

/** A step's own job summary, after the run's: the forge shows one summary per step. */
async function appendSummaries(
  context: ActionContext,
  target: SavedTarget,
  phase: 'main' | 'post' = 'main',
): Promise<void> {
  for (const file of target.summaries.filter((f) => f.endsWith(`-${phase}.md`))) {
    await context.appendSummary(readFileSync(file, 'utf8'));
  }
}
