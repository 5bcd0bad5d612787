/**
 * recipe-suite `mode: janitor`: the inputs it needs beyond a run's, checked before anything is
 * looked up, and the report. Cleanup never fails the job for what it could not remove: it warns
 * and lists it, because the next janitor run tries again.
 */
import { checkAbraVersion } from '../deploy/abra-version.ts';
import { checkDockerCli } from '../deploy/docker-cli.ts';
import { ConfigurationError } from '../shared/errors.ts';
import { formatDuration } from '../shared/duration.ts';
import type { ActionContext } from '../platform/context.ts';
import { Report } from '../platform/report.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { sweepApps, type JanitorOptions } from '../suite/janitor.ts';
import type { SuiteSettings } from '../suite/settings.ts';

export async function janitorMain(
  context: ActionContext,
  settings: SuiteSettings,
  loadConfig: () => Promise<RecipeConfig>,
): Promise<void> {
  const { inputs, log, signal } = context;
  const baseDomain =
    settings.baseDomain ??
    inputs.fail('base-domain', 'is required with mode: janitor; our apps are found under it');
  if (!/^[a-z0-9.-]+$/.test(baseDomain)) {
    inputs.fail('base-domain', `"${baseDomain}" is not a domain name`);
  }
  const options: JanitorOptions = {
    baseDomain,
    maxAgeMs: inputs.defaulted('max-age', inputs.duration('max-age', { min: 60_000 })),
    dryRun: inputs.defaulted('dry-run', inputs.boolean('dry-run')),
  };
  // A dry run asks docker only; one that removes needs an abra that takes our command lines.
  if (settings.backend === 'abra') log.info(await checkDockerCli({ env: process.env, signal }));
  if (settings.backend === 'abra' && !options.dryRun) {
    log.info(`abra ${await checkAbraVersion({ env: process.env, signal })}`);
  }
  const config = await loadConfig();
  if (settings.backend === 'command' && config.commands.list === undefined) {
    throw new ConfigurationError(
      `${config.file} gives no commands.list; mode: janitor with backend: command needs it to find the apps (one "<domain> <created> [<state dir>]" a line)`,
    );
  }
  const sweep = await sweepApps(settings, options, config, {
    signal,
    log: (line) => {
      log.info(line);
    },
  });
  const report = new Report(
    `recipe-suite janitor: ${settings.recipe} apps under ${baseDomain} older than ${formatDuration(options.maxAgeMs)}`,
  );
  if (sweep.rows.length === 0) report.text('no apps of ours found');
  else
    report.table(
      ['app', 'age', 'result'],
      sweep.rows.map((r) => [r.domain, r.age, r.result]),
    );
  await context.publish(report);
  if (sweep.leftovers.length > 0) {
    log.warning(`janitor could not remove: ${sweep.leftovers.join(', ')}; remove them by hand`);
  }
}
