/**
 * The Runner on a command line (local debugging, Drone, Woodpecker): inputs from flags, then
 * INPUT_* variables, then action.yml defaults; logs on stderr with secrets redacted (there is no
 * runner to mask them) — those the step registers and every environment variable named like a
 * secret (secret-names.ts); state in a 0600 JSON file so a later `post` finds what `main` made;
 * outputs collected for the caller to print as JSON on stdout.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { InputSource } from './inputs.ts';
import type { Logger, Runner } from './runner.ts';
import { namedSecretValues } from './secret-names.ts';
import { Secrets } from './secrets.ts';

export interface CliRunnerOptions {
  /** Values given as --name value. */
  flags: ReadonlyMap<string, string>;
  /** Defaults declared in the action's action.yml. */
  defaults: ReadonlyMap<string, string>;
  env: NodeJS.ProcessEnv;
  stateFile: string;
  summaryFile?: string;
  write: (text: string) => void;
}

export interface CliRunner extends Runner {
  readonly outputs: Record<string, string>;
}

export function createCliRunner(options: CliRunnerOptions): CliRunner {
  const { flags, defaults, env, stateFile, summaryFile, write } = options;
  // A calling `recipe-ci run` hears of every secret on this fd, to redact it from later steps.
  const maskFd = Number(env.RECIPE_CI_MASK_FD ?? Number.NaN);
  const redaction = new Secrets((value) => {
    if (Number.isInteger(maskFd) && maskFd > 2) writeSync(maskFd, `${JSON.stringify(value)}\n`);
  });
  // No runner masks what a CI put in the environment (Drone's from_secret, a shell's export).
  const knownSecrets = namedSecretValues(Object.entries(env));
  for (const value of knownSecrets) redaction.add(value);
  const emit = (prefix: string, message: string): void => {
    write(`${prefix}${redaction.redact(message)}\n`);
  };
  const state = readState(stateFile);
  const outputs: Record<string, string> = {};

  const inputs: InputSource = {
    get: (name) =>
      flags.get(name) ??
      env[`INPUT_${name.toUpperCase()}`] ??
      env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ??
      defaults.get(name),
    label: (name) => `--${name}`,
    onSecret: () => undefined,
  };
  const log: Logger = {
    debug: (message) => {
      if (env.RUNNER_DEBUG === '1') emit('debug: ', message);
    },
    info: (message) => {
      emit('', message);
    },
    notice: (message) => {
      emit('notice: ', message);
    },
    warning: (message) => {
      emit('warning: ', message);
    },
    error: (message) => {
      emit('error: ', message);
    },
  };

  return {
    platform: {
      kind: 'cli',
      rendersSummary: false,
      apiUrl: undefined,
      // A person at a prompt has none: what they name is their choice, as in a dispatch.
      eventName: ciEventName(env),
    },
    inputs,
    log,
    outputs,
    knownSecrets,
    mask: (value) => {
      redaction.add(value);
    },
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    // No later steps to reach outside a runner: the calling process passes it on (recipe-ci run).
    exportVariable: (name, value) => {
      env[name] = value;
      process.env[name] = value;
    },
    saveState: (key, value) => {
      state[key] = value;
      mkdirSync(dirname(stateFile), { recursive: true, mode: 0o700 });
      writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    },
    getState: (key) => state[key],
    group: async (title, fn) => {
      emit('▸ ', title);
      try {
        return await fn();
      } finally {
        emit('◂ ', title);
      }
    },
    appendSummary: (markdown) => {
      if (summaryFile) appendFileSync(summaryFile, redaction.redact(markdown));
      return Promise.resolve();
    },
    fail: (message) => {
      emit('error: ', message);
    },
  };
}

function readState(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * The event in GitHub's words, from a CI that says which it is: GITHUB_EVENT_NAME, Drone's
 * DRONE_BUILD_EVENT or Woodpecker's CI_PIPELINE_EVENT. A Drone promotion or custom build and a
 * Woodpecker manual run are someone's choice of targets: a dispatch. A pull request then tests the
 * default set, as on a runner, and never a `default: false` target.
 */
export function ciEventName(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_EVENT_NAME) return env.GITHUB_EVENT_NAME;
  const event = env.DRONE_BUILD_EVENT || env.CI_PIPELINE_EVENT;
  if (!event) return undefined;
  return ['promote', 'custom', 'manual'].includes(event) ? 'workflow_dispatch' : event;
}
