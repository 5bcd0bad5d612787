/**
 * One step of the demo's chain: `node dist/cli.js <action> <phase> --input value…`, the committed
 * bundle a user runs, as its own process. The log (stderr) is shown indented as it comes; the
 * outputs (one JSON object on stdout) are parsed for the next step.
 *
 * The child gets its own process group, so a Ctrl-C in the terminal reaches it once — through the
 * demo, which forwards it — and not also straight from the terminal: the CLI takes a second
 * signal as "stop at once, skip the rest", which would lose a post step's cleanup.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export type Phase = 'main' | 'post';

export interface StepRun {
  action: string;
  phase: Phase;
  code: number;
  outputs: Record<string, string>;
  /** The step's log lines (stderr), as printed. */
  log: string[];
  summaryFile: string;
  seconds: number;
}

export interface StepOptions {
  /** The package root: where dist/cli.js is. */
  root: string;
  /** The demo's work dir: state and summary files go there. */
  workDir: string;
  env: NodeJS.ProcessEnv;
  /** Where the step's log lines go (already indented by the caller's choice). */
  print: (line: string) => void;
}

/** The step that runs now, so a signal can be forwarded to it. */
let current: ChildProcess | undefined;

/** Forward a signal to the step running now, if any. */
export function signalCurrentStep(signal: NodeJS.Signals): void {
  // The CLI alone, not its group: it cancels its own commands in order, as on a runner.
  if (current !== undefined && current.exitCode === null) current.kill(signal);
}

export function runCliStep(
  action: string,
  phase: Phase,
  inputs: Record<string, string>,
  options: StepOptions,
): Promise<StepRun> {
  const summaryFile = join(options.workDir, 'summary', `${action}-${phase}.md`);
  const args = [
    join(options.root, 'dist', 'cli.js'),
    action,
    phase,
    '--state-file',
    join(options.workDir, 'state', `${action}.state.json`),
    '--summary-file',
    summaryFile,
  ];
  for (const [name, value] of Object.entries(inputs)) args.push(`--${name}`, value);
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: options.workDir,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  current = child;
  let stdout = '';
  let pending = '';
  const log: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      log.push(line);
      options.print(line);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (current === child) current = undefined;
      if (pending) {
        log.push(pending);
        options.print(pending);
      }
      resolve({
        action,
        phase,
        code: code ?? (signal === 'SIGINT' ? 130 : 1),
        outputs: parseOutputs(stdout),
        log,
        summaryFile,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
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
