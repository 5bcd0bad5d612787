/**
 * Command-line arguments: `recipe-ci <action> [main|post] [--input value | --input=value]…`
 * plus a few options of the command line itself. Pure, so every edge is unit-tested.
 */
import { ConfigurationError } from '../shared/errors.ts';
import type { Phase } from '../platform/context.ts';

export interface CliArgs {
  action: string | undefined;
  phase: Phase;
  /** Whether main or post was named (`recipe-ci run` alone runs both). */
  phaseGiven: boolean;
  help: boolean;
  /** --state-file: where main leaves state for post. */
  stateFile: string | undefined;
  /** --summary-file: where the job-summary Markdown goes. */
  summaryFile: string | undefined;
  inputs: Map<string, string>;
}

const OWN_OPTIONS = new Set(['state-file', 'summary-file']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const result: CliArgs = {
    action: undefined,
    phase: 'main',
    phaseGiven: false,
    help: false,
    stateFile: undefined,
    summaryFile: undefined,
    inputs: new Map(),
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      result.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new ConfigurationError(
          `--${name} needs a value: --${name} VALUE or --${name}=VALUE.`,
        );
      }
      i++;
    }
    if (name === 'state-file') result.stateFile = value;
    else if (name === 'summary-file') result.summaryFile = value;
    else if (result.inputs.has(name)) {
      throw new ConfigurationError(`--${name} was given twice; give it once.`);
    } else result.inputs.set(name, value);
  }
  const [action, phase, ...extra] = positional;
  result.action = action;
  if (phase !== undefined) {
    if (phase !== 'main' && phase !== 'post') {
      throw new ConfigurationError(`"${phase}" is not a step; use main (the default) or post.`);
    }
    result.phase = phase;
    result.phaseGiven = true;
  }
  if (extra.length > 0) {
    throw new ConfigurationError(
      `unexpected argument "${extra.join(' ')}"; inputs are --name value.`,
    );
  }
  return result;
}

/** Refuse flags that are not inputs of the action, naming the ones that are. */
export function checkInputNames(action: string, given: Iterable<string>, known: Set<string>): void {
  for (const name of given) {
    if (known.has(name) || OWN_OPTIONS.has(name)) continue;
    throw new ConfigurationError(
      `--${name} is not an input of ${action}; its inputs are: ${[...known].map((n) => `--${n}`).join(', ')}.`,
    );
  }
}
