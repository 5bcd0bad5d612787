/**
 * One step of the chain as its own process: `node dist/cli.js <action> <phase>` with its inputs
 * as INPUT_* variables — the same bundle and code a single CLI call runs. Steps are processes, not calls, because each
 * action owns its process: it reads process.env, sets exit codes, handles signals and exports
 * variables for "later steps" — in one process, two targets' steps would see each other's.
 *
 * The log (stderr) comes back line by line as it is written; the outputs (one JSON object on
 * stdout) are parsed when the step ends; every value the step registers as secret comes back on
 * fd 3 (RECIPE_CI_MASK_FD), so the caller redacts it from everything after — what a runner does
 * with `::add-mask::`.
 *
 * The step runs through the one process runner, in its own process group: a Ctrl-C in a terminal
 * reaches it once, through the caller, which sends SIGTERM. The CLI takes a second signal as
 * "stop at once, skip the rest", which would lose a post step's cleanup.
 */
import { join } from 'node:path';
import type { Phase } from '../platform/context.ts';
import { JOB_SLACK_MS } from '../platform/job-deadline.ts';
import { runProgram } from '../process/run-program.ts';

/** The fd a step reports its secrets on, one JSON string per line. */
export const MASK_FD = 3;
export const MASK_FD_VARIABLE = 'RECIPE_CI_MASK_FD';

export interface StepProcessResult {
  action: string;
  phase: Phase;
  /** 0 passed, 1 failed, 2 bad input, 130 cancelled. */
  code: number;
  outputs: Record<string, string>;
  /** The log lines (stderr), as they came. */
  log: string[];
  summaryFile: string;
  seconds: number;
}

export interface StepProcessOptions {
  /** dist/cli.js. */
  cli: string;
  /** Where the step's state and summary files go (one folder per target). */
  workDir: string;
  /** The step's whole environment; secrets for it as INPUT_* variables, never flags. */
  env: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
  onSecret: (value: string) => void;
  /** Aborted: the step is sent SIGTERM once, as a runner cancels a step. */
  signal: AbortSignal;
}

export function stateFileOf(workDir: string, action: string): string {
  return join(workDir, 'state', `${action}.state.json`);
}

export async function runStepProcess(
  action: string,
  phase: Phase,
  inputs: Readonly<Record<string, string>>,
  options: StepProcessOptions,
): Promise<StepProcessResult> {
  const log: string[] = [];
  const summaryFile = join(options.workDir, 'summary', `${action}-${phase}.md`);
  const args = [
    options.cli,
    action,
    phase,
    '--state-file',
    stateFileOf(options.workDir, action),
    '--summary-file',
    summaryFile,
  ];
  const result = await runProgram(process.execPath, args, {
    env: { ...options.env, ...inputVariables(inputs), [MASK_FD_VARIABLE]: String(MASK_FD) },
    // A post step is never cancelled: it is the cleanup.
    signal: phase === 'main' ? options.signal : undefined,
    // A cancelled step still stops its own work in order, as on a runner: give it the slack.
    killGraceMs: JOB_SLACK_MS,
    keepStdoutChars: 1024 * 1024,
    onLine: (line, stream) => {
      if (stream !== 'stderr') return;
      log.push(line);
      options.onLine(line);
    },
    onChannel: (line) => {
      const value = parseMask(line);
      if (value !== undefined) options.onSecret(value);
    },
  });
  return {
    action,
    phase,
    code: result.code ?? 130,
    outputs: parseOutputs(result.stdout),
    log,
    summaryFile,
    seconds: result.durationMs / 1000,
  };
}

/**
 * Inputs as INPUT_* variables, as a runner passes them, not as flags: Node 20 takes an
 * `--env-file` anywhere in argv as its own option (and would load recipe-suite's env file into
 * the CLI's environment), and flags are readable by every user of the machine.
 */
export function inputVariables(inputs: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      `INPUT_${name.toUpperCase().replace(/-/g, '_')}`,
      value,
    ]),
  );
}

function parseMask(line: string): string | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The CLI prints its outputs as one JSON object; anything else means there are none. */
function parseOutputs(stdout: string): Record<string, string> {
  try {
    const parsed = JSON.parse(stdout) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}
