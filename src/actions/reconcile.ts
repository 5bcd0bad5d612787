/**
 * The reconcile action: keep one long-lived app (the warm Keycloak) on its newest safe version.
 * Everything that can be wrong with the inputs — the app, the recipe's versions, the running
 * version, the ledger — is found before the first change and exits 2; then one reconcile runs,
 * its result goes to the outputs, the log and the summary, and alerts go out. It serves the
 * operator of the app, not a recipe's CI, so it shares the deploy backends with recipe-suite and
 * nothing of the suite's tier engine.
 */
import { join } from 'node:path';
import { ConfigurationError, getErrorMessage } from '../shared/errors.ts';
import type { ActionContext, ActionDefinition } from '../platform/context.ts';
import { Report } from '../platform/report.ts';
import { syncAlertIssues } from '../reconcile/alerts.ts';
import { abraApp, UnknownAppError } from '../reconcile/abra-app.ts';
import type { ReconcileApp } from '../reconcile/app.ts';
import { commandApp, RunningVersionError } from '../reconcile/command-app.ts';
import { fileLedger, LedgerError, type LedgerStore } from '../reconcile/ledger.ts';
import { readNotesAtTags } from '../recipe/release-notes.ts';
import { ALERTING, FAILING, reconcile, type ReconcileOutcome } from '../reconcile/reconcile.ts';
import { readReconcileSettings, type ReconcileSettings } from '../reconcile/settings.ts';
import { abraServerName } from '../deploy/abra-backend.ts';
import { checkAbraVersion } from '../deploy/abra-version.ts';
import { checkDockerCli } from '../deploy/docker-cli.ts';
import { loadRecipeConfig, type RecipeConfig } from '../recipe/config.ts';
import { listTags } from '../recipe/git.ts';
import { buildRunEnv } from '../recipe/run-env.ts';
import {
  ignoredTagsNotice,
  parseRecipeVersion,
  publishedVersions,
  type RecipeVersion,
} from '../recipe/versions.ts';

export const reconcileAction: ActionDefinition = {
  name: 'reconcile',
  // No post step: the app is long-lived, and nothing of this run is left on the runner.
  async main(context) {
    const { outputs, log, publish, group } = context;
    const settings = readReconcileSettings(context.inputs, process.env);
    const config = await loadRecipeConfig(settings.configPath, settings.recipePath);
    const url = `https://${settings.domain}`;
    outputs.set('domain', settings.domain);
    outputs.set('url', url);

    const published = await readPublished(context, settings.recipePath);
    const { app, ledger, fixPort } = await openApp(context, settings, config, url);
    const running = await readRunning(app, published, settings);
    await fixPort();
    const latest = published[0] as RecipeVersion;
    const saved = await ledger.read();
    log.info(
      `${settings.domain}: running ${running?.tag ?? 'nothing'}, newest published ${latest.tag}, last good ${saved.lastGood ?? 'none yet'}${saved.rejected ? `, rejected ${saved.rejected.version}` : ''}`,
    );

    const outcome = await reconcile({
      app,
      published,
      running,
      ledger,
      retryRejected: settings.retryRejected,
      notes: (versions) =>
        readNotesAtTags(settings.recipePath, versions, { signal: context.signal }),
      onStep: (step) => {
        log.info(`${step.ok ? '✓' : '✗'} ${step.name}: ${step.summary}`);
        if (!step.ok && step.output !== '') log.output(step.output);
      },
    });

    outputs.set('result', outcome.result);
    outputs.set('running-version', outcome.now ?? '');
    outputs.set('latest-version', outcome.latest);
    outputs.set('last-good', outcome.lastGood ?? '');
    outputs.set('rejected-version', outcome.rejected?.version ?? '');
    outputs.set('status', FAILING.includes(outcome.result) ? 'failed' : 'passed');

    const alerts = settings.issues ? await sendAlerts(context, settings, outcome) : [];
    await publish(reconcileReport(settings.recipe, settings.domain, outcome, alerts));
    if (outcome.diagnostics) {
      const diagnostics = outcome.diagnostics;
      await group('diagnostics', () => {
        log.info(diagnostics);
        return Promise.resolve();
      });
    }
    if (outcome.heldBack !== undefined) {
      log.warning(
        `${settings.domain}: ${outcome.heldBack.tag} held for a person (${outcome.heldBack.why}); moved to ${outcome.now ?? ''}, the newest safe version`,
      );
    }
    if (ALERTING.includes(outcome.result) || outcome.result === 'held-rejected') {
      log.warning(`${settings.domain}: ${outcome.result} — ${outcome.message}`);
    }
    if (FAILING.includes(outcome.result)) {
      throw new Error(`${settings.domain}: ${outcome.result} — ${outcome.message}`);
    }
  },
};

async function readPublished(context: ActionContext, recipePath: string): Promise<RecipeVersion[]> {
  const { inputs, signal, log } = context;
  let tags: string[];
  try {
    tags = await listTags(recipePath, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    context.inputs.fail(
      'recipe-path',
      `is ${recipePath}, which is not a git checkout of the recipe (${getErrorMessage(error)})`,
    );
  }
  const ignored = ignoredTagsNotice(tags);
  if (ignored !== undefined) log.notice(ignored);
  const published = publishedVersions(tags);
  if (published.length === 0) {
    inputs.fail(
      'recipe-path',
      `is ${recipePath}, which has no published version tags (like 1.2.0+3.4), so there is nothing to deploy; check out the recipe with its tags (actions/checkout with fetch-depth: 0)`,
    );
  }
  return published;
}

/** The app as reconcile drives it, where its ledger lives, and how to write down its port. */
interface OpenedApp {
  app: ReconcileApp;
  ledger: LedgerStore;
  fixPort: () => Promise<void>;
}

/** What one command may take: the longest tier's budget, as a run of that step would have. */
function commandTimeoutOf(config: RecipeConfig): number {
  return Math.max(...Object.values(config.tiers).map((t) => t.timeoutMs));
}

async function openApp(
  context: ActionContext,
  settings: ReconcileSettings,
  config: RecipeConfig,
  url: string,
): Promise<OpenedApp> {
  if (settings.backend === 'abra') return openAbraApp(context, settings, config, url);
  if (settings.appDir === undefined) throw new Error('app-dir is checked with the inputs');
  const missing = (['version', 'deploy', 'backup', 'restore'] as const).filter(
    (op) => config.commands[op] === undefined,
  );
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${config.file}: reconcile with backend command needs commands.${missing.join(', commands.')} (version prints the running version's tag, nothing when not deployed).`,
    );
  }
  const ledger = fileLedger(join(settings.appDir, 'recipe-ci-reconcile.json'), {
    recipe: settings.recipe,
    domain: settings.domain,
  });
  const saved = await readLedger(ledger);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir: settings.appDir,
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile,
  });
  // The app keeps the port it was first given; a new one is written down once the inputs are
  // known to be good (before that, nothing is written).
  if (saved.port !== undefined) env.RECIPE_CI_PORT = String(saved.port);
  const fixPort = async (): Promise<void> => {
    await ledger.update({ port: Number(env.RECIPE_CI_PORT) });
  };
  const app = commandApp({
    recipe: settings.recipe,
    domain: settings.domain,
    config,
    recipePath: settings.recipePath,
    appDir: settings.appDir,
    env,
    signal: context.signal,
    timeoutMs: commandTimeoutOf(config),
  });
  return { app, ledger, fixPort };
}

async function openAbraApp(
  context: ActionContext,
  settings: ReconcileSettings,
  config: RecipeConfig,
  url: string,
): Promise<OpenedApp> {
  if (settings.abraDir === undefined || settings.server === undefined) {
    throw new Error('abra-dir and server are checked with the inputs');
  }
  // A missing or too old abra, or no docker CLI, fails before the first change.
  context.log.info(`abra ${await checkAbraVersion({ env: process.env, signal: context.signal })}`);
  context.log.info(await checkDockerCli({ env: process.env, signal: context.signal }));
  const { abraDir, server } = settings;
  // Next to abra's own record of the app, so it lives exactly as long as the app's env file.
  const ledgerDir = join(abraDir, 'recipe-ci', abraServerName(server));
  const ledger = fileLedger(join(ledgerDir, `${settings.domain}.json`), {
    recipe: settings.recipe,
    domain: settings.domain,
  });
  await readLedger(ledger);
  const env = await buildRunEnv({
    recipe: settings.recipe,
    domain: settings.domain,
    url,
    stateDir: ledgerDir,
    candidateDir: settings.recipePath,
    configEnv: config.env,
    envFile: settings.envFile,
  });
  const app = abraApp({
    recipe: settings.recipe,
    server,
    domain: settings.domain,
    abraDir,
    recipePath: settings.recipePath,
    config,
    runEnv: env,
    signal: context.signal,
    commandTimeoutMs: commandTimeoutOf(config),
    healthTimeoutMs: config.health.timeoutMs,
  });
  return { app, ledger, fixPort: () => Promise.resolve() };
}

async function readLedger(ledger: LedgerStore) {
  try {
    return await ledger.read();
  } catch (error) {
    if (error instanceof LedgerError) throw new ConfigurationError(`${error.message}.`);
    throw error;
  }
}

async function readRunning(
  app: ReconcileApp,
  published: readonly RecipeVersion[],
  settings: ReconcileSettings,
): Promise<RecipeVersion | undefined> {
  let tag: string | undefined;
  try {
    tag = await app.runningVersion();
  } catch (error) {
    if (error instanceof UnknownAppError) throw new ConfigurationError(`${error.message}.`);
    if (error instanceof RunningVersionError) {
      throw new ConfigurationError(
        `the running version of the app cannot be read: ${error.message}; fix it so it prints the version's tag (nothing when not deployed).`,
      );
    }
    throw error;
  }
  if (tag === undefined) return undefined;
  const version = parseRecipeVersion(tag);
  if (version === undefined) {
    const newest = published
      .slice(0, 3)
      .map((v) => v.tag)
      .join(', ');
    throw new ConfigurationError(
      `the running version of ${settings.recipe} read from ${app.runningFrom} is "${tag.slice(0, 80)}", which is not a version tag (published: ${newest}); fix what records it, or redeploy a published version by hand.`,
    );
  }
  return version;
}

async function sendAlerts(
  context: ActionContext,
  settings: ReconcileSettings,
  outcome: ReconcileOutcome,
): Promise<string[]> {
  const { log, platform } = context;
  if (settings.issues === undefined) return [];
  if (platform.apiUrl === undefined) {
    log.warning('alert-issues: the runner gives no API URL (GITHUB_API_URL); no issue was touched');
    return ['no API URL from the runner; no issue was touched'];
  }
  try {
    // Loaded only when alerts are on: octokit is most of the bundle, and most runs never need it.
    const { githubIssues } = await import('../platform/github-issues.ts');
    const api = githubIssues({ ...settings.issues, apiUrl: platform.apiUrl });
    const body = reconcileReport('', settings.domain, outcome, []).toMarkdown();
    const done = await syncAlertIssues(api, settings.domain, outcome, body);
    for (const line of done) log.info(`alert issue: ${line}`);
    return done;
  } catch (error) {
    // The alert is also in the log and the summary; a failed issue call must not hide it.
    const message = `alert issue not updated: ${getErrorMessage(error)}`;
    log.warning(message);
    return [message];
  }
}

function reconcileReport(
  recipe: string,
  domain: string,
  outcome: ReconcileOutcome,
  alerts: string[],
): Report {
  const report = new Report(
    recipe === ''
      ? `${domain}: ${outcome.result}`
      : `${recipe} reconcile — ${domain}: ${outcome.result}`,
  );
  report.text(outcome.message);
  report.table(
    ['running before', 'newest published', 'running now', 'last good'],
    [[outcome.running ?? '—', outcome.latest, outcome.now ?? 'unknown', outcome.lastGood ?? '—']],
  );
  if (outcome.rejected) {
    const { version, at, reason } = outcome.rejected;
    report.text(
      `Rejected: ${version} failed its health gate here${at === '' ? '' : ` (${at})`}: ${reason}. It is not tried again until a newer release is published or \`retry-rejected: true\`.`,
    );
  }
  for (const notes of outcome.quoted) {
    report.text(
      `Release notes ${notes.tag} (${notes.path}):\n${notes.flagged.map((l) => `> ${l}`).join('\n')}`,
    );
  }
  if (outcome.steps.length > 0) {
    report.table(
      ['step', 'ok', 'summary'],
      outcome.steps.map((s) => [s.name, s.ok ? 'yes' : 'no', s.summary]),
    );
  }
  for (const line of alerts) report.text(`Alert issue: ${line}`);
  return report;
}
