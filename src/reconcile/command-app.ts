/**
 * A long-lived app run by the recipe's own commands (the `command` backend). Its home is
 * `app-dir` (RECIPE_CI_STATE_DIR for every command): the app's data, the recipe's state, the
 * released versions it runs from (`releases/<tag>`, exported from the recipe's git tags) and the
 * reconcile ledger. `commands.version` tells the running version.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploySource } from '../deploy/backend.ts';
import { buildBackend } from '../deploy/backends.ts';
import type { RecipeConfig } from '../recipe/config.ts';
import { exportTag } from '../recipe/git.ts';
import { httpHealthGate } from '../deploy/health.ts';
import { describeEnd, runCommandLine, succeeded } from '../process/run-program.ts';
import type { ReconcileApp } from './app.ts';

/** The running version could not be read: a bad setup, said before anything changes. */
export class RunningVersionError extends Error {}

export interface CommandAppOptions {
  recipe: string;
  domain: string;
  config: RecipeConfig;
  recipePath: string;
  appDir: string;
  /** The app's env (RECIPE_CI_* with its fixed port, the config's env). */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  timeoutMs: number;
}

export function commandApp(options: CommandAppOptions): ReconcileApp {
  const { config, signal } = options;
  const release = async (version: string): Promise<DeploySource> => {
    const dir = join(options.appDir, 'releases', version.replace(/[^\w.+-]/g, '_'));
    // A release folder is written once and then only read: an app may be running from it.
    if (!existsSync(dir)) await exportTag(options.recipePath, version, dir, { signal });
    return { version, dir };
  };
  /** The backend with the env of `version`, so commands that start the app start that one. */
  const backendAt = async (version: string | undefined) => {
    const env = { ...options.env };
    if (version !== undefined) {
      const source = await release(version);
      env.RECIPE_CI_VERSION = version;
      env.RECIPE_CI_SOURCE = source.dir;
    }
    return buildBackend({
      backend: 'command',
      recipe: options.recipe,
      recipePath: options.recipePath,
      domain: options.domain,
      config,
      env,
      signal,
      commandTimeoutMs: options.timeoutMs,
      healthTimeoutMs: config.health.timeoutMs,
    });
  };
  const gate = httpHealthGate(config, options.env, signal);
  return {
    runningFrom: `${config.file} commands.version`,
    async runningVersion() {
      const command = config.commands.version;
      if (command === undefined)
        throw new RunningVersionError(`${config.file} gives no commands.version`);
      // From the recipe checkout, like every other command: the config names its scripts.
      const result = await runCommandLine(command, {
        cwd: options.recipePath,
        env: options.env,
        timeoutMs: options.timeoutMs,
        signal,
      });
      if (!succeeded(result)) {
        throw new RunningVersionError(
          `${config.file} commands.version ${describeEnd(result, 'its time limit')}: ${result.output.trim().slice(-500)}`,
        );
      }
      return result.lastLine === '' ? undefined : result.lastLine;
    },
    deploy: async (version) => (await backendAt(version)).deploy(await release(version)),
    upgrade: async (version) => (await backendAt(version)).upgrade(await release(version)),
    backup: async () => (await backendAt(undefined)).backup(),
    restore: async (location, version) => (await backendAt(version)).restore(location),
    health: async () => {
      const http = await gate();
      if (!http.ok) return http;
      const own = await (await backendAt(undefined)).health();
      return { ok: own.ok, summary: `${http.summary}; ${own.summary}` };
    },
    diagnostics: async () => (await backendAt(undefined)).diagnostics(),
  };
}
