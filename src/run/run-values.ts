/**
 * The run's inputs as the chain reads them, and its secrets: an action input (actions/run) or,
 * when that is empty, the environment variable of the same name in upper case — how Drone,
 * Woodpecker and a shell hand over secrets. The command line refuses them as flags (ps shows
 * every flag to every user of the machine).
 */
import { resolve } from 'node:path';
import type { Inputs } from '../platform/inputs.ts';
import type { RunValues } from './chain-inputs.ts';
import { RUNNER_FILE_COMMANDS } from '../platform/run-origin.ts';
import { STEP_CHANNEL_VARIABLE } from '../platform/step-channel.ts';

/** The run's secret inputs, each with the environment variable that may carry it. */
export const RUN_SECRETS = [
  'ssh-private-key',
  'hcloud-token',
  'keycloak-admin-client-secret',
  'keycloak-admin-password',
] as const;

export function secretVariable(input: string): string {
  return input.toUpperCase().replace(/-/g, '_');
}

/** Inputs that are paths: steps run in the run's working directory, but made absolute anyway. */
const PATH_INPUTS = new Set(['recipe-path']);

export function runValuesOf(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  onSecret: (value: string) => void,
): RunValues {
  const secrets = new Map<string, string | undefined>();
  for (const name of RUN_SECRETS) {
    const given = inputs.secret(name);
    if (given !== undefined) secrets.set(name, given);
    else {
      const fromEnv = env[secretVariable(name)]?.trim();
      if (fromEnv) {
        // Read like an input: masked before anything could print it.
        onSecret(fromEnv);
        secrets.set(name, fromEnv);
      }
    }
  }
  return {
    get: (name) => {
      const value = inputs.string(name) ?? '';
      return PATH_INPUTS.has(name) && value !== '' ? resolve(value) : value;
    },
    secret: (name) => secrets.get(name),
  };
}

/**
 * The environment each step starts from: the run's, without the run's own inputs (a step reads
 * INPUT_* as its own), without the run's secrets (only the step that needs one gets it, as an
 * input) and without the runner's file commands (a step's outputs come back on stdout).
 */
export function stepBaseEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dropped = new Set<string>([
    ...RUN_SECRETS.map(secretVariable),
    'RECIPE_CI_JOB_STATUS',
    STEP_CHANNEL_VARIABLE,
    ...RUNNER_FILE_COMMANDS,
  ]);
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('INPUT_') && !dropped.has(name)),
  );
}
