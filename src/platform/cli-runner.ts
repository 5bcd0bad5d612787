/**
 * The Runner on a command line (local debugging, Drone, Woodpecker): inputs from flags, then
 * INPUT_* variables, then action.yml defaults; logs on stderr with secrets redacted (there is no
 * runner to mask them) — those the step registers and every environment variable named like a
 * secret (secret-names.ts); state in a 0600 JSON file so a later `post` finds what `main` made;
 * outputs collected for the caller to print as JSON on stdout.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { getErrorMessage } from '../shared/errors.ts';
import type { InputSource } from './inputs.ts';
import type { Logger, Runner } from './runner.ts';
import { namedSecretValues } from './secret-names.ts';
import { Secrets } from './secrets.ts';
import { tellParent, type StepEvent } from './step-channel.ts';

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
  // A calling `recipe-ci run` hears of every secret and verdict on this fd (step-channel.ts).
  const tell = (event: StepEvent): void => {
    tellParent(env, event);
  };
  const redaction = new Secrets((value) => {
    tell({ kind: 'secret', value });
  });
  // No runner masks what a CI put in the environment (Drone's from_secret, a shell's export).
  const knownSecrets = namedSecretValues(Object.entries(env));
  for (const value of knownSecrets) redaction.add(value);
  const emit = (prefix: string, message: string): void => {
    write(`${prefix}${redaction.redact(message)}\n`);
  };
  const verdict = (kind: 'warning' | 'error' | 'leftover', message: string): void => {
    emit(kind === 'error' ? 'error: ' : 'warning: ', message);
    tell({ kind, message: redaction.redact(message) });
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
      verdict('warning', message);
    },
    error: (message) => {
      verdict('error', message);
    },
    // Indented, so that it reads as what a program said and not as one of our lines.
    output: (text) => {
      emit('', text.replace(/^/gm, '    '));
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
      verdict('error', message);
    },
    leftover: (message) => {
      verdict('leftover', message);
    },
  };
}

/**
 * Main's state for post. Only a file that is not there means "main did not start"; a file that
 * cannot be read or parsed must not read as "nothing to clean up", so it stops the step, naming
 * the file and what may be left.
 */
function readState(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(
      `the state file ${file} cannot be read (${getErrorMessage(error)}), so this step cannot tell what its main step made: a machine, realm or app it created may be left behind. Find its name in the main step's log and remove it by hand (or run the janitor, mode: janitor), then delete the file.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `the state file ${file} holds no JSON object; what its main step made may be left behind: find its name in the main step's log and remove it by hand (or run the janitor, mode: janitor), then delete the file.`,
    );
  }
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
