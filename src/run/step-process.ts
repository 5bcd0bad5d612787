/**
 * One step of the chain as its own process: `node dist/cli.js <action> <phase>` with its inputs
 * as INPUT_* variables — the same bundle and code a single CLI call runs. Steps are processes, not calls, because each
 * action owns its process: it reads process.env, sets exit codes, handles signals and exports
 * variables for "later steps" — in one process, two targets' steps would see each other's.
 *
 * The log (stderr) comes back line by line as it is written, as data: nothing in it decides
 * anything. What the step decides comes on fd 3 (RECIPE_CI_MASK_FD, platform/step-channel.ts):
 * every value it registers as secret, so the caller redacts it from everything after (what a
 * runner does with `::add-mask::`), its own warnings and errors, and what a post step could not
 * remove. The outputs (one JSON object on stdout) are parsed when the step ends.
 *
 * The step runs through the one process runner, in its own process group: a Ctrl-C in a terminal
 * reaches it once, through the caller, which sends SIGTERM. The CLI takes a second signal as
 * "stop at once, skip the rest", which would lose a post step's cleanup.
 */
import { join } from 'node:path';
import type { Phase } from '../platform/context.ts';
import { JOB_SLACK_MS } from '../platform/job-deadline.ts';
import { parseStepEvent, STEP_CHANNEL_VARIABLE } from '../platform/step-channel.ts';
import { runProgram } from '../process/run-program.ts';

/** The fd a step reports its events on, one JSON object per line. */
export const MASK_FD = 3;

export interface StepProcessResult {
  action: string;
  phase: Phase;
  /** 0 passed, 1 failed, 2 bad input, 130 cancelled. */
  code: number;
  outputs: Record<string, string>;
  /** The log lines (stderr), as they came: for people, never read for a verdict. */
  log: string[];
  /** The step's own warnings and errors, in order (the last error says why it failed). */
  warnings: string[];
  errors: string[];
  /** What a post step reported it could not remove. */
  leftovers: string[];
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
  /** A log line of the step: data. */
  onLine: (line: string) => void;
  onSecret: (value: string) => void;
  /** The step's own warning or error, as it happens (an annotation of the run on a runner). */
  onVerdict: (level: 'warning' | 'error', message: string) => void;
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
  const said = { warnings: [] as string[], errors: [] as string[], leftovers: [] as string[] };
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
    env: { ...options.env, ...inputVariables(inputs), [STEP_CHANNEL_VARIABLE]: String(MASK_FD) },
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
      const event = parseStepEvent(line);
      if (event === undefined) return;
      if (event.kind === 'secret') options.onSecret(event.value);
      else if (event.kind === 'leftover') said.leftovers.push(event.message);
      else {
        said[event.kind === 'warning' ? 'warnings' : 'errors'].push(event.message);
        options.onVerdict(event.kind, event.message);
      }
    },
  });
  const outputs = parseOutputs(result.stdout);
  let code = result.code ?? 130;
  // A step that says it passed but printed no outputs did not finish as a step finishes.
  if (outputs === undefined && code === 0) {
    code = 1;
    said.errors.push(`${action} ${phase} exited 0 but printed no outputs`);
  }
  return {
    action,
    phase,
    code,
    outputs: outputs ?? {},
    log,
    ...said,
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

/** The CLI prints its outputs as one JSON object when the step ends; undefined when it did not. */
function parseOutputs(stdout: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  return Object.fromEntries(
    Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
