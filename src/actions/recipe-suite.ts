/**
 * The recipe-suite action. Main: plan from the recipe's tags, run the selected tiers on fresh
 * deploys, report (summary, results.json, JUnit, a log group per tier). Post: tear the app down
 * as `keep` says, with the same env the main step used, so the command that stops the app finds
 * it where it was started.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../shared/errors.ts';
import type { ActionContext, ActionDefinition } from '../platform/context.ts';
import { jobOutcome } from '../platform/job-outcome.ts';
import { recordedDeadline, stepDeadline } from '../platform/job-deadline.ts';
import { Report } from '../platform/report.ts';
import { budgetProblem, budgetRows, planBudget } from '../suite/budget.ts';
import { SuiteClock, TEARDOWN_BUDGET_MS } from '../suite/clock.ts';
import { WrapperState } from '../platform/run.ts';
import {
  checkBackendInputs,
  createBackend,
  disposeBackend,
  removeByHand,
  serverOfMachine,
  type SavedBackend,
} from '../suite/backends.ts';
import { loadRecipeConfig, type RecipeConfig, type ScreenshotConfig } from '../recipe/config.ts';
import { runSuite, upgradeRuns } from '../suite/engine.ts';
import { httpHealthGate } from '../deploy/health.ts';
import { checkAbraVersion } from '../deploy/abra-version.ts';
import { checkDockerCli } from '../deploy/docker-cli.ts';
import { janitorMain } from './recipe-suite-janitor.ts';
import { planRun } from '../suite/plan.ts';
import { suiteReport, writeResults, type RunSummary } from '../suite/results.ts';
import { jobLinkOf } from '../platform/run-links.ts';
import { handOverMachine, readMachine } from '../deploy/machine.ts';
import { buildRunEnv, parseEnvFile } from '../recipe/run-env.ts';
import { namedSecretValues } from '../platform/secret-names.ts';
import { readSuiteMode, readSuiteSettings, type SuiteSettings } from '../suite/settings.ts';
import { failsRun, tierLabel } from '../suite/tier-result.ts';
import { VersionError } from '../recipe/versions.ts';
import { takeScreenshot, type ScreenshotResult } from '../screenshot/take.ts';
import { formatDuration } from '../shared/duration.ts';
import { runnerTemp } from '../platform/run-origin.ts';

/** State for post: where the run kept its app, and the env its commands saw (no secrets). */
const STATE_RUN = 'suite-run';

interface SavedRun {
  workDir: string;
  env: Record<string, string>;
  /** Absent in state saved by versions that only had the command backend. */
  backend?: SavedBackend;
}

export const recipeSuite: ActionDefinition = {
  name: 'recipe-suite',
  async main(context) {
    // The one place the mode decides: each mode reads the inputs it needs itself.
    switch (readSuiteMode(context.inputs)) {
      case 'janitor': {
        const settings = readSuiteSettings(context.inputs);
        checkBackendInputs(settings, context.inputs);
        return janitorMain(context, settings, () => readConfig(settings));
      }
      case 'run':
        return runMain(context);
    }
  },

  async post({ inputs, state, log }) {
    // Only mode run saves an app of its own.
    const saved = state.getJson(STATE_RUN) as SavedRun | undefined;
    if (saved === undefined) {
      log.info('recipe-suite: no app was deployed, so there is nothing to remove');
      return;
    }
    try {
      await removeApp(inputs, state, log, saved);
    } finally {
      // The machine's SSH config goes when the step ends; the key and known_hosts are provision's.
      if (saved.env.RECIPE_CI_SSH_CONFIG) rmSync(saved.env.RECIPE_CI_SSH_CONFIG, { force: true });
    }
  },
};

/**
 * A missing or too old abra, or no docker CLI, fails the step before anything is made
 * (abra-version.ts, docker-cli.ts).
 */
async function checkAbra(context: ActionContext): Promise<void> {
  const found = await checkAbraVersion({ env: process.env, signal: context.signal });
  context.log.info(`abra ${found}`);
  context.log.info(await checkDockerCli({ env: process.env, signal: context.signal }));
}

/** `mode: run`: plan, deploy fresh, run the selected tiers, report. */
async function runMain(context: ActionContext): Promise<void> {
  const { inputs, outputs, state, log, group, publish, signal } = context;
  const given = readSuiteSettings(inputs);
  checkBackendInputs(given, inputs);
  if (given.backend === 'abra') await checkAbra(context);
  // Masked on a runner by the step that wrote them; elsewhere nothing would, so mask them here.
  if (given.envFile !== undefined) {
    const fromFile = parseEnvFile(readFileSync(given.envFile, 'utf8'));
    for (const value of namedSecretValues(Object.entries(fromFile))) context.secrets.add(value);
  }
  const machine = readMachine(inputs);
  const settings = { ...given, server: serverOfMachine(given, machine?.access.host, inputs) };
  const config = await readConfig(settings);
  const workDir = mkdtempSync(join(runnerTemp(), 'recipe-ci-suite-'));
  let planned;
  let clock;
  try {
    planned = await planRun({
      recipePath: settings.recipePath,
      workDir,
      tiers: settings.tiers,
      previous: settings.previous,
      allowMajor: settings.allowMajor,
      failFast: settings.failFast,
      repeat: settings.repeat,
      oidc: settings.envFile !== undefined,
      signal,
    });
    // The time plan, before anything is made: a plan that cannot fit fails now, not in an hour.
    clock = await planTime(context, config, settings, upgradeRuns(planned.plan).length);
  } catch (error) {
    // Nothing is deployed yet and post will find no state: the folder goes now.
    rmSync(workDir, { recursive: true, force: true });
    if (error instanceof VersionError) inputs.fail('previous', error.message);
    throw error;
  }
  for (const notice of planned.notices) log.notice(notice);
  for (const warning of planned.warnings) log.warning(warning);
  const url = `https://${settings.domain}`;
  // A recipe's first command may write its state at once.
  const stateDir = join(workDir, 'state');
  mkdirSync(stateDir);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir,
    machine: machine && (await handOverMachine(machine, workDir, signal)),
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile,
  });
  const { backend, saved, commandEnv } = createBackend({
    settings,
    config,
    env,
    signal,
    workDir,
    clock,
    onSecret: (value) => {
      context.secrets.add(value);
    },
  });
  state.setJson(STATE_RUN, {
    workDir,
    env: runVariables(env),
    backend: saved,
  } satisfies SavedRun);
  outputs.set('domain', settings.domain);
  outputs.set('url', url);

  let screenshot: ScreenshotResult | undefined;
  const tiers = await runSuite(planned.plan, {
    config,
    backend,
    httpHealth: httpHealthGate(config, env, signal, () => clock.limit(config.health.timeoutMs)),
    env: { ...env, ...commandEnv },
    cwd: settings.recipePath,
    signal,
    clock,
    onTier: async (tier, attempt, phase, result, from) => {
      if (phase === 'start') {
        const label = tierLabel({ tier, from });
        log.info(`▶ ${label}${settings.repeat > 1 ? ` (attempt ${String(attempt)})` : ''}`);
      }
      if (phase !== 'end' || !result) return;
      await logTier(result, { log, group });
      // Of the candidate as installed, before the upgrade tier replaces it; once per run.
      if (config.screenshot && tier === 'install' && attempt === 1 && result.status === 'passed') {
        screenshot = await screenshotAfterInstall(config.screenshot, {
          env,
          workDir,
          clock,
          signal,
          log,
        });
      }
    },
  });
  const failed = tiers.filter((t) => failsRun(t, config.tiers[t.tier].mayBlock !== undefined));
  const summary = {
    recipe: settings.recipe,
    backend: settings.backend,
    domain: settings.domain,
    url,
    candidate: planned.candidate?.tag ?? null,
    previous: planned.previous?.tag ?? null,
    ...(planned.paths === undefined ? {} : { paths: planned.paths }),
    status: failed.length === 0 ? ('passed' as const) : ('failed' as const),
    tiers,
    ...(planned.warnings.length > 0 ? { warnings: planned.warnings } : {}),
    ...(planned.notices.length > 0 ? { notices: planned.notices } : {}),
    ...(screenshot === undefined ? {} : { screenshot }),
    ...(settings.target === undefined ? {} : { target: settings.target }),
    ...jobOf(process.env),
  };
  const files = writeResults(workDir, summary, (text) => context.secrets.redact(text));
  const count = (status: string): string => String(tiers.filter((t) => t.status === status).length);
  outputs.set('status', summary.status);
  outputs.set('results', files.results);
  outputs.set('junit', files.junit);
  outputs.set('screenshot', screenshot?.file === undefined ? '' : join(workDir, screenshot.file));
  outputs.set('passed', count('passed'));
  outputs.set('failed', count('failed'));
  outputs.set('skipped', count('skipped'));
  await publish(suiteReport(summary));
  for (const held of tiers.filter((t) => t.status === 'held'))
    log.warning(`${tierLabel(held)} held: ${held.reason}`);
  // A cancel that stopped no command (it came during the screenshot, or between tiers) failed
  // nothing, but the run did not finish: it ends cancelled, with its results written.
  signal.throwIfAborted();
  if (failed.length > 0) {
    throw new Error(
      `${settings.recipe}: ${failed.map((t) => `${tierLabel(t)} ${t.status} (${t.reason})`).join('; ')}`,
    );
  }
}

/**
 * The time plan against the job's deadline, published as a table; a plan that does not fit is
 * a configuration error with the arithmetic and the knobs. Returns the clock the tiers run on.
 */
async function planTime(
  context: ActionContext,
  config: RecipeConfig,
  settings: SuiteSettings,
  upgradePaths: number,
): Promise<SuiteClock> {
  const deadline = stepDeadline(context);
  const budget = planBudget(
    config,
    settings.tiers,
    settings.repeat,
    deadline,
    Date.now(),
    upgradePaths,
  );
  await context.publish(
    new Report('recipe-suite time plan').table(['item', 'budget', 'from'], budgetRows(budget)),
  );
  const problem = budgetProblem(budget, config.file);
  if (problem !== undefined) throw new ConfigurationError(problem);
  return new SuiteClock(deadline);
}

/**
 * The app's page into the results folder, on a time budget of its own (bounded by the job's
 * deadline like a tier's). Evidence, not a gate: one that cannot be taken is a warning.
 */
async function screenshotAfterInstall(
  shot: ScreenshotConfig,
  run: {
    env: NodeJS.ProcessEnv;
    workDir: string;
    clock: SuiteClock;
    signal: AbortSignal;
    log: ActionContext['log'];
  },
): Promise<ScreenshotResult> {
  const started = Date.now();
  run.clock.enter('screenshot', shot.timeoutMs);
  const result = await takeScreenshot({
    config: shot,
    env: run.env,
    dir: run.workDir,
    timeoutMs: run.clock.limit(),
    signal: run.signal,
  });
  const took = formatDuration(Date.now() - started);
  if (result.file !== undefined) {
    run.log.info(`screenshot of ${result.url}: ${join(run.workDir, result.file)} (${took})`);
  } else {
    run.log.warning(`no screenshot of ${result.url}: ${result.error ?? 'unknown'} (${took})`);
  }
  return result;
}

/** Post: tear the app down unless `keep` says otherwise; disposes the backend's own files. */
async function removeApp(
  inputs: ActionContext['inputs'],
  state: ActionContext['state'],
  log: ActionContext['log'],
  saved: SavedRun,
): Promise<void> {
  const settings = readSuiteSettings(inputs);
  const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
  const savedBackend = saved.backend ?? { backend: 'command' };
  const byHand = removeByHand(savedBackend, saved.env);
  if (settings.keep === 'always' || (settings.keep === 'on-failure' && outcome !== 'success')) {
    log.notice(
      `keeping ${saved.env.RECIPE_CI_DOMAIN ?? 'the app'} (keep: ${settings.keep}, main: ${outcome}); to remove it, ${byHand}`,
    );
    return;
  }
  const config = await readConfig(settings);
  const env = { ...process.env, ...saved.env };
  // Post has the slack the plan kept for it, and no more: the deadline main recorded bounds it.
  const clock = new SuiteClock(recordedDeadline(), 0);
  clock.enter('teardown', TEARDOWN_BUDGET_MS);
  const { backend } = createBackend({
    clock,
    settings: { ...settings, backend: savedBackend.backend },
    config,
    env,
    signal: new AbortController().signal,
    workDir: saved.workDir,
    saved: savedBackend,
  });
  const down = await backend.teardown();
  for (const result of down.results) if (result.output !== '') log.output(result.output);
  if (!down.ok) throw new Error(`teardown failed (${down.summary}); to remove it, ${byHand}`);
  disposeBackend(savedBackend);
  log.info(`removed ${saved.env.RECIPE_CI_DOMAIN ?? 'the app'}: ${down.summary}`);
}

function readConfig(settings: SuiteSettings): Promise<RecipeConfig> {
  return loadRecipeConfig(settings.configPath, settings.recipePath);
}

/** Only our own variables go to state: the rest of the env may hold secrets. */
function runVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('RECIPE_CI_') && entry[1] !== undefined,
    ),
  );
}

function logTier(
  result: import('../suite/tier-result.ts').TierResult,
  { log, group }: Pick<ActionContext, 'log' | 'group'>,
): Promise<void> {
  return group(`${tierLabel(result)}: ${result.status} — ${result.reason}`, () => {
    for (const check of result.checks) {
      log.info(`• ${check.name}: ${check.status} — ${check.message}`);
      if (check.output.trim() !== '') log.output(check.output.trimEnd());
    }
    if (result.diagnostics) {
      log.info('diagnostics:');
      log.output(result.diagnostics);
    }
    return Promise.resolve();
  });
}

/** Where this job's log is, for the card's link (platform/run-links.ts). */
function jobOf(env: NodeJS.ProcessEnv): Pick<RunSummary, 'job'> {
  const job = jobLinkOf(env);
  return job === undefined ? {} : { job };
}
