/**
 * Which backend a run uses, built the same way by main and by post (which gets back what main
 * saved), so the post step removes the app exactly where main made it. The backend itself is
 * made where every other one is (deploy/backends.ts); this adds what belongs to a run: its own
 * ABRA_DIR, the handed-over machine's SSH, and what post needs to find the app again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs } from '../platform/inputs.ts';
import { removeAbraDir } from '../deploy/abra-backend.ts';
import { abraArgs } from '../deploy/abra-commands.ts';
import { abraHomeOf, prepareAbraSsh, removeAbraHome } from '../deploy/abra-ssh.ts';
import type { Backend, BackendName } from '../deploy/backend.ts';
import { buildBackend, checkBackendSettings } from '../deploy/backends.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { parseEnvFile } from '../recipe/run-env.ts';
import type { SuiteClock } from './clock.ts';
import type { SuiteSettings } from './settings.ts';

/** What post needs besides the run env to find the app again. */
export interface SavedBackend {
  backend: BackendName;
  /** abra: this run's ABRA_DIR. */
  abraDir?: string;
  /** abra: the server input. */
  server?: string;
}

/**
 * recipe-suite's backend inputs, checked before anything is created; with a machine handed over
 * (`host`), abra's server may be empty (see serverOfMachine).
 */
export function checkBackendInputs(settings: SuiteSettings, inputs: Inputs): void {
  checkBackendSettings(
    {
      backend: settings.backend,
      server: settings.server,
      machineGiven: inputs.string('host') !== undefined,
    },
    inputs,
  );
}

/**
 * abra's server when a machine is handed over: the machine's address. A `server` that names
 * another host would deploy somewhere readiness never proved, so it is refused.
 */
export function serverOfMachine(
  settings: SuiteSettings,
  machineHost: string | undefined,
  inputs: Inputs,
): string | undefined {
  if (settings.backend !== 'abra' || machineHost === undefined) return settings.server;
  if (settings.server === 'local') {
    inputs.fail(
      'server',
      `is local, but host (${machineHost}) hands over a machine; give server empty or ${machineHost}, or no host`,
    );
  }
  if (settings.server !== undefined && settings.server !== machineHost) {
    inputs.fail(
      'server',
      `is ${settings.server}, but the machine handed over is ${machineHost}; give server empty or ${machineHost}`,
    );
  }
  return machineHost;
}

export interface BackendContext {
  settings: SuiteSettings;
  config: RecipeConfig;
  /** The run env (RECIPE_CI_*, the config's env, the env file). */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Main: this run's work dir (the ABRA_DIR goes in it); post: what main saved. */
  workDir: string;
  saved?: SavedBackend;
  /** What each command and wait may take now (a tier's budget, a teardown's). */
  clock: SuiteClock;
  /** Each secret value the backend comes to know (abra's generated secrets), to be masked. */
  onSecret?: (value: string) => void;
}

export interface CreatedBackend {
  backend: Backend;
  saved: SavedBackend;
  /**
   * What the recipe's own commands (data hooks, custom tests) add to the run env to reach the
   * app as the backend does: abra's ABRA_DIR (and the run's HOME and ssh with a machine), so
   * `abra app run "$RECIPE_CI_DOMAIN" app -- …` finds this run's app.
   */
  commandEnv: Record<string, string>;
}

export function createBackend(context: BackendContext): CreatedBackend {
  const { settings, config, env, signal, clock } = context;
  const common = {
    recipe: settings.recipe,
    recipePath: settings.recipePath,
    domain: env.RECIPE_CI_DOMAIN ?? settings.domain,
    config,
    env,
    signal,
    commandTimeoutMs: () => clock.limit(),
    healthTimeoutMs: () => clock.limit(config.health.timeoutMs),
  };
  if (settings.backend === 'command') {
    return {
      backend: buildBackend({ ...common, backend: 'command' }),
      saved: { backend: 'command' },
      commandEnv: {},
    };
  }
  const server = context.saved?.server ?? settings.server ?? 'local';
  const abraDir = context.saved?.abraDir ?? join(context.workDir, 'abra');
  // The machine's SSH config, when one was handed over (post gets it back from saved env).
  const sshEnv =
    server !== 'local' && env.RECIPE_CI_SSH_CONFIG
      ? prepareAbraSsh(abraDir, env.RECIPE_CI_SSH_CONFIG, process.env)
      : undefined;
  return {
    backend: buildBackend({
      ...common,
      backend: 'abra',
      server,
      abraDir,
      // Post only tears down; the env file may be gone by then.
      appEnv: context.saved ? {} : appEnvSettings(config, settings.envFile),
      ...(sshEnv === undefined ? {} : { sshEnv }),
      ...(context.onSecret === undefined ? {} : { onSecret: context.onSecret }),
    }),
    saved: { backend: 'abra', abraDir, server },
    commandEnv: { ABRA_DIR: abraDir, ...sshEnv },
  };
}

/** The config's env, then the env file's (OIDC settings of this run), which wins. */
function appEnvSettings(config: RecipeConfig, envFile: string | undefined): Record<string, string> {
  const fromFile = envFile === undefined ? {} : parseEnvFile(readFileSync(envFile, 'utf8'));
  return { ...config.env, ...fromFile };
}

/** After teardown in post: what the backend keeps on the runner goes too. */
export function disposeBackend(saved: SavedBackend): void {
  if (saved.backend === 'abra' && saved.abraDir !== undefined) {
    removeAbraDir(saved.abraDir);
    removeAbraHome(saved.abraDir);
  }
}

/** How a person removes a kept app by hand. */
export function removeByHand(saved: SavedBackend, env: Record<string, string>): string {
  const domain = env.RECIPE_CI_DOMAIN ?? '<domain>';
  if (saved.backend === 'abra') {
    const abraDir = saved.abraDir ?? '<abra dir>';
    // With a handed-over machine, abra reaches it only through the run's own HOME and ssh.
    const home = abraHomeOf(abraDir);
    const env = existsSync(home)
      ? `HOME=${home} PATH=${home}/bin:$PATH ABRA_DIR=${abraDir}`
      : `ABRA_DIR=${abraDir}`;
    return `run export ${env}; abra ${abraArgs.undeploy(domain).join(' ')} && abra ${abraArgs.remove(domain).join(' ')} (or let mode: janitor remove it)`;
  }
  return `run the recipe's teardown command with RECIPE_CI_STATE_DIR=${env.RECIPE_CI_STATE_DIR ?? ''}`;
}
