/**
 * Run one recipe command: `bash -c` in the recipe's folder with the run's env, a time limit and
 * the step's cancellation. The command gets its own process group so that a timeout or a cancel
 * stops everything it started (a `docker compose up` and its children), not just the shell.
 */
import { spawn } from 'node:child_process';

/** How much of a command's output is kept: the end, where the error usually is. */
const KEEP_OUTPUT_CHARS = 64 * 1024;
/** After SIGTERM, how long a command has to stop before SIGKILL. */
const KILL_GRACE_MS = 5000;

export interface ShellResult {
  code: number | null;
  /** stdout and stderr interleaved, as a person would have seen them (tail). */
  output: string;
  /** The last non-empty line of stdout: where commands print a value (a backup's path). */
  lastLine: string;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
}

/** Whether a command ended by itself with exit code 0. */
export function succeeded(result: ShellResult): boolean {
  return result.code === 0 && !result.timedOut && !result.cancelled;
}

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal: AbortSignal;
}

export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    const keep = (chunk: Buffer, isStdout: boolean): void => {
      const text = chunk.toString();
      output = (output + text).slice(-KEEP_OUTPUT_CHARS);
      if (isStdout) stdout = (stdout + text).slice(-KEEP_OUTPUT_CHARS);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk, true);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      keep(chunk, false);
    });
    let timedOut = false;
    let cancelled = false;
    let killer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      signalGroup(child.pid, 'SIGTERM');
      killer = setTimeout(() => {
        signalGroup(child.pid, 'SIGKILL');
      }, KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    // An abort event fires once: a command started after the cancel must be stopped here.
    if (options.signal.aborted) onAbort();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(killer);
      options.signal.removeEventListener('abort', onAbort);
      const lines = stdout.split('\n').map((l) => l.trim());
      resolve({
        code,
        output,
        lastLine: lines.filter(Boolean).at(-1) ?? '',
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
      });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** One line on how a command ended, for reasons and reports. */
export function describeEnd(result: ShellResult, limit: string): string {
  if (result.cancelled) return 'cancelled';
  if (result.timedOut) return `did not finish within ${limit}`;
  return result.code === 0 ? 'succeeded' : `exited with ${String(result.code)}`;
}
