/**
 * The one place a backend is built, for every app recipe-ci drives: a recipe-suite run's (main,
 * and post, which tears down where main deployed), the janitor's stale apps, and the long-lived
 * app the reconcile action keeps current. Each gets its backend from the same inputs, checked the
 * same way, so a fix to how abra is reached or how a command is bounded reaches all of them.
 */
import type { Inputs } from '../platform/inputs.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { abraBackend } from './abra-backend.ts';
import { limitNow, type Backend, type BackendName, type TimeLimit } from './backend.ts';
import { commandBackend } from './command-backend.ts';

/**
 * The backend inputs, checked before anything is made: abra needs a server (unless a machine
 * is handed over, which then is the server) and names it by host.
 */
export function checkBackendSettings(
  given: { backend: BackendName; server: string | undefined; machineGiven: boolean },
  inputs: Inputs,
): void {
  if (given.backend !== 'abra') return;
  if (given.server === undefined && !given.machineGiven) {
    inputs.fail(
      'server',
      'is required with backend: abra; give the server abra deploys to (a host abra reaches over SSH), or local for this runner',
    );
  }
  // abra names the server by host (its SSH settings come from ~/.ssh/config); the command
  // backend does not use it, so a workflow may pass provision's `host:port` through unchecked.
  if (given.server !== undefined && !/^[a-z0-9][a-z0-9.-]*$/i.test(given.server)) {
    inputs.fail('server', `"${given.server}" is not a host name; use a host name or local`);
  }
}

export interface BackendOptions {
  backend: BackendName;
  recipe: string;
  /** The recipe checkout: abra deploys the candidate from it. */
  recipePath: string;
  domain: string;
  config: RecipeConfig;
  /** The env of the recipe's commands (RECIPE_CI_*, the config's env, the env file's). */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** One command's time limit: fixed, or read each time (what is left of a tier's budget). */
  commandTimeoutMs: TimeLimit;
  /** abra: how long the services may take to reach their replica counts. */
  healthTimeoutMs: TimeLimit;
  /** abra: the ABRA_DIR that holds the app's env file — a run's own, or the operator's. */
  abraDir?: string;
  /** abra: the server the app is on; `local` (this runner) when absent. */
  server?: string;
  /** abra: settings written into a new app's env (the config's env, then the env file's). */
  appEnv?: Record<string, string>;
  /** abra: HOME and PATH that make abra's SSH reach a handed-over machine (abra-ssh.ts). */
  sshEnv?: { HOME: string; PATH: string };
  /** abra: each secret value abra generated for the app, to be masked before anything logs it. */
  onSecret?: (value: string) => void;
}

/** The backend the options name; the abra backend's own extras (adopt) stay on the object. */
export function buildBackend(options: BackendOptions): Backend {
  const { config, env, signal, commandTimeoutMs } = options;
  if (options.backend === 'command') {
    return commandBackend({ config, env, signal, timeoutMs: () => limitNow(commandTimeoutMs) });
  }
  if (options.abraDir === undefined) throw new Error('backend abra is built without an ABRA_DIR');
  return abraBackend({
    recipe: options.recipe,
    server: options.server ?? 'local',
    domain: options.domain,
    abraDir: options.abraDir,
    candidateDir: options.recipePath,
    appEnv: options.appEnv ?? {},
    signal,
    commandTimeoutMs,
    healthTimeoutMs: options.healthTimeoutMs,
    ...(options.sshEnv === undefined ? {} : { sshEnv: options.sshEnv }),
    ...(options.onSecret === undefined ? {} : { onSecret: options.onSecret }),
  });
}
