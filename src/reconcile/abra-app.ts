/**
 * A long-lived Co-op Cloud app driven through abra, in the operator's own ABRA_DIR (not a
 * per-run one: the app, its env file and its secrets are the operator's). The running version is
 * abra's own record, `<recipe>:<version>` in the app env's `RECIPE=` or `TYPE=` line (app-env.ts);
 * every change is an abra command — `app deploy`, `app upgrade`, `app backup create`,
 * `app restore` — never a docker command, each with its version named (abra-commands.ts). A
 * redeploy of the running version, and the rollback to last-good after a restore, are
 * `abra app deploy <domain> <version> --force`: deploying a named version is how abra moves an
 * app to it whichever way it lies.
 */
import { existsSync, readFileSync } from 'node:fs';
import semver from 'semver';
import { appEnvPath, domainResolves, placeRecipe, runAbra } from '../deploy/abra-backend.ts';
import { abraArgs } from '../deploy/abra-commands.ts';
import { appEnvRecipe } from '../deploy/app-env.ts';
import type { BackendStep } from '../deploy/backend.ts';
import { buildBackend } from '../deploy/backends.ts';
import { httpHealthGate } from '../deploy/health.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { parseEnvFile } from '../recipe/run-env.ts';
import { parseRecipeVersion } from '../recipe/versions.ts';
import type { ReconcileApp } from './app.ts';
import { RunningVersionError } from './command-app.ts';

/** The app is not in this ABRA_DIR: the operator has not created it (or the inputs are wrong). */
export class UnknownAppError extends Error {}

export interface AbraAppOptions {
  recipe: string;
  server: string;
  domain: string;
  /** The operator's ABRA_DIR. */
  abraDir: string;
  /** The recipe checkout with its tags; copied to `$ABRA_DIR/recipes/<recipe>` before a change. */
  recipePath: string;
  /** The recipe config: its HTTP checks, if any, are a gate of their own. */
  config: RecipeConfig;
  /** The app's env (RECIPE_CI_*, the config's env), which the HTTP checks expand. */
  runEnv: NodeJS.ProcessEnv;
  signal: AbortSignal;
  commandTimeoutMs: number;
  healthTimeoutMs: number;
}

/** The version in an env file's RECIPE or TYPE line: undefined when created but never deployed. */
export function runningFromEnvFile(text: string, recipe: string, file: string): string | undefined {
  const line = appEnvRecipe(parseEnvFile(text));
  if (line === undefined) {
    throw new RunningVersionError(`${file} has no RECIPE= or TYPE=<recipe>:<version> line`);
  }
  if (line.recipe !== recipe) {
    throw new UnknownAppError(
      `${file} is an app of recipe ${line.recipe}, not ${recipe}; check the recipe and domain inputs`,
    );
  }
  return line.version;
}

export function abraApp(options: AbraAppOptions): ReconcileApp {
  const { recipe, domain, abraDir, signal } = options;
  const envFile = appEnvPath(abraDir, options.server, domain);
  const env: NodeJS.ProcessEnv = { ...process.env, ABRA_DIR: abraDir };
  // For the swarm's own health and diagnostics; every change below is an abra command of ours.
  const swarm = buildBackend({
    backend: 'abra',
    recipe,
    recipePath: options.recipePath,
    domain,
    config: options.config,
    env: options.runEnv,
    signal,
    commandTimeoutMs: options.commandTimeoutMs,
    healthTimeoutMs: options.healthTimeoutMs,
    server: options.server,
    abraDir,
  });
  const httpHealth = httpHealthGate(options.config, options.runEnv, signal);

  const running = (): string | undefined => {
    if (!existsSync(envFile)) {
      throw new UnknownAppError(
        `there is no app ${domain} on server ${options.server} in ABRA_DIR ${abraDir} (no ${envFile}); create it first with abra app new ${recipe} -s ${options.server} -D ${domain} and abra app secret generate ${domain} -a, or fix the domain, server or abra-dir input`,
      );
    }
    return runningFromEnvFile(readFileSync(envFile, 'utf8'), recipe, envFile);
  };

  let placed = false;
  /** abra deploys a version from its own checkout of the recipe: give it ours, once a run. */
  const placeOurRecipe = (): void => {
    if (placed) return;
    placeRecipe(abraDir, recipe, options.recipePath);
    placed = true;
  };

  const abra = async (args: string[]): Promise<BackendStep> => {
    const { ok, summary, result } = await runAbra(args, {
      abraDir,
      env,
      timeoutMs: options.commandTimeoutMs,
      signal,
    });
    return { ok, summary, results: [result] };
  };

  /** abra checks the domain resolves before a deploy; where the runner cannot, that is skipped. */
  let resolving: Promise<boolean> | undefined;
  const deploy = async (version: string, force: boolean): Promise<BackendStep> => {
    const domainChecks = await (resolving ??= domainResolves(domain));
    return abra(abraArgs.deploy(domain, { version, force, domainChecks }));
  };

  return {
    runningFrom: envFile,
    runningVersion: () => Promise.resolve(running()),
    deploy: (version) => {
      placeOurRecipe();
      return deploy(version, false);
    },
    upgrade: (version) => {
      placeOurRecipe();
      const now = parseRecipeVersion(running() ?? '');
      const target = parseRecipeVersion(version);
      if (now && target && semver.gt(target.recipe, now.recipe)) {
        return abra(abraArgs.upgrade(domain, version));
      }
      return deploy(version, true);
    },
    backup: async () => ({
      ...(await abra(abraArgs.backupCreate(domain))),
      location: undefined,
    }),
    restore: () => abra(abraArgs.restore(domain)),
    health: async () => {
      const own = await swarm.health();
      if (!own.ok) return own;
      const http = await httpHealth();
      return { ok: http.ok, summary: `${own.summary}; ${http.summary}` };
    },
    diagnostics: () => swarm.diagnostics(),
  };
}
