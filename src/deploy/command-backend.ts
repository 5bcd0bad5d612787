/**
 * The `command` backend: every operation is a command from the recipe's `.recipe-ci.yml`
 * (docker compose, helm, plain scripts), run with the run's env. An operation the config does
 * not give is an error for the tiers that need it, said before anything is deployed.
 */
import type { Backend, BackendStep, DeploySource } from './backend.ts';
import type { Operation, RecipeConfig } from '../recipe/config.ts';
import {
  describeEnd,
  runCommandLine,
  type ProgramResult,
  succeeded,
} from '../process/run-program.ts';

export interface CommandBackendOptions {
  config: RecipeConfig;
  /** The run's env (RECIPE_CI_* and the config's env), given to every command. */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  timeoutMs: (operation: Operation) => number;
}

export function commandBackend(options: CommandBackendOptions): Backend {
  const { config, signal } = options;
  const run = async (
    operation: Operation,
    source: DeploySource | undefined,
    extra: NodeJS.ProcessEnv = {},
  ): Promise<{ step: BackendStep; result: ProgramResult | undefined }> => {
    const command = config.commands[operation];
    if (command === undefined) {
      return {
        step: { ok: false, summary: `${config.file} gives no commands.${operation}`, results: [] },
        result: undefined,
      };
    }
    const env = { ...options.env, ...extra };
    if (source) {
      env.RECIPE_CI_VERSION = source.version ?? '';
      env.RECIPE_CI_SOURCE = source.dir;
    }
    const limitMs = options.timeoutMs(operation);
    const result = await runCommandLine(command, {
      cwd: source?.dir ?? env.RECIPE_CI_SOURCE ?? process.cwd(),
      env,
      timeoutMs: limitMs,
      signal,
    });
    const ok = succeeded(result);
    return {
      step: {
        ok,
        summary: `${operation}: ${describeEnd(result, `${String(Math.round(limitMs / 1000))}s`)}`,
        results: [result],
      },
      result,
    };
  };
  return {
    name: 'command',
    deploy: async (source) => (await run('deploy', source)).step,
    upgrade: async (source) =>
      (await run(config.commands.upgrade === undefined ? 'deploy' : 'upgrade', source)).step,
    health: () => Promise.resolve({ ok: true, summary: 'no backend health checks', results: [] }),
    backup: async () => {
      const { step, result } = await run('backup', undefined);
      return { ...step, location: result?.lastLine || undefined };
    },
    restore: async (location) =>
      (await run('restore', undefined, { RECIPE_CI_BACKUP: location ?? '' })).step,
    teardown: async () =>
      config.commands.teardown === undefined
        ? { ok: true, summary: 'no teardown command', results: [] }
        : (await run('teardown', undefined)).step,
    diagnostics: async () => {
      if (config.commands.logs === undefined) return `${config.file} gives no commands.logs`;
      const { result } = await run('logs', undefined);
      return result?.output ?? '';
    },
    // Optional, unlike the operations above: a recipe without a linter is not a broken recipe.
    lint: async (candidate) => {
      if (config.commands.lint !== undefined) return (await run('lint', candidate)).step;
      const why = `${config.file} gives no commands.lint`;
      return { ok: true, summary: why, results: [], skipped: why };
    },
  };
}
