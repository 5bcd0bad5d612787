/**
 * The one place recipe-ci starts a child process. A program gets its own process group
 * (detached), so a time limit or a cancel stops everything it started (a `docker compose up`
 * and its children, a `tofu apply` under `sh -c`), not just the first process: SIGTERM to the
 * group, then SIGKILL when it has not ended after a grace period. A program has ended when it
 * exits, not when its output does: what it left in the background does not hold the caller.
 * Output is decoded as a stream and kept as a bounded tail (the end, where the error usually
 * is); it can be followed line by line for live logs. A program that cannot be started (ENOENT,
 * a missing cwd) is reported in the result, not thrown.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/** How much output is kept by default, per stream and combined: the end. */
export const KEEP_OUTPUT_CHARS = 64 * 1024;
/** After SIGTERM, how long a program has to stop before SIGKILL, by default. */
export const KILL_GRACE_MS = 5000;
/**
 * After a program exits, how long output still on its way is read before its pipes are closed
 * (a process it left in the background may hold them open for hours).
 */
export const DRAIN_MS = 300;

export type OutputStream = 'stdout' | 'stderr';

export interface ProgramOptions {
  cwd?: string | undefined;
  /** The program's whole environment; process.env when left out. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Stop the program (timedOut) when it runs longer; no limit when left out. */
  timeoutMs?: number | undefined;
  /** Stop the program (cancelled) on abort; one already aborted does not start it. */
  signal?: AbortSignal | undefined;
  /** After SIGTERM, how long before SIGKILL (default 5 s). */
  killGraceMs?: number | undefined;
  /** Each line as it arrives, with its stream; a last line without a newline comes at the end. */
  onLine?: ((line: string, stream: OutputStream) => void) | undefined;
  /** How much of stdout to keep (default 64 KiB); raise it for answers such as JSON or tag lists. */
  keepStdoutChars?: number | undefined;
  /** How much of stderr and of the combined output to keep (default 64 KiB each). */
  keepOutputChars?: number | undefined;
  /**
   * A side channel: the program's fd 3, line by line, kept apart from its output (recipe-ci
   * run's steps report the secrets they register there, so they never pass through a log).
   */
  onChannel?: ((line: string) => void) | undefined;
}

export interface ProgramResult {
  /** The exit code; null when killed by a signal or never started. */
  code: number | null;
  /** stdout and stderr interleaved, as a person would have seen them (tail). */
  output: string;
  /** stdout alone (tail, `keepStdoutChars`). */
  stdout: string;
  /** stderr alone (tail). */
  stderr: string;
  /** The last non-empty line of stdout: where commands print a value (a backup's path). */
  lastLine: string;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the program could not be started at all (ENOENT…). */
  spawnError?: string;
  durationMs: number;
}

/** Whether a program ended by itself with exit code 0. */
export function succeeded(result: ProgramResult): boolean {
  return (
    result.code === 0 && !result.timedOut && !result.cancelled && result.spawnError === undefined
  );
}

/** One line on how a program ended, for reasons and reports; `limit` names its time limit. */
export function describeEnd(result: ProgramResult, limit: string): string {
  if (result.cancelled) return 'cancelled';
  if (result.timedOut) return `did not finish within ${limit}`;
  if (result.spawnError !== undefined) return `could not start (${result.spawnError})`;
  return result.code === 0 ? 'succeeded' : `exited with ${String(result.code)}`;
}

/** A recipe config's command string, run by bash as written. */
export function runCommandLine(command: string, options: ProgramOptions): Promise<ProgramResult> {
  return runProgram('bash', ['-c', command], options);
}

/** Run `file` with `args` (no shell in between) to its end. */
export function runProgram(
  file: string,
  args: readonly string[],
  options: ProgramOptions = {},
): Promise<ProgramResult> {
  const started = Date.now();
  const keepStdout = options.keepStdoutChars ?? KEEP_OUTPUT_CHARS;
  const keepOutput = options.keepOutputChars ?? KEEP_OUTPUT_CHARS;
  const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
  const { signal } = options;
  let output = '';
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  let cancelled = false;
  const result = (code: number | null, spawnError?: string): ProgramResult => {
    const lastLine =
      stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .at(-1) ?? '';
    return {
      code,
      output,
      stdout,
      stderr,
      lastLine,
      timedOut,
      cancelled,
      ...(spawnError === undefined ? {} : { spawnError }),
      durationMs: Date.now() - started,
    };
  };
  if (signal?.aborted) {
    cancelled = true;
    return Promise.resolve(result(null));
  }
  return new Promise((resolve) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', options.onChannel === undefined ? 'ignore' : 'pipe'],
    });
    // Bytes to text as a stream: a character split between two reads stays one character.
    const decoders: Record<OutputStream, StringDecoder> = {
      stdout: new StringDecoder('utf8'),
      stderr: new StringDecoder('utf8'),
    };
    const partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
    const take = (text: string, stream: OutputStream): void => {
      if (text === '') return;
      output = (output + text).slice(-keepOutput);
      if (stream === 'stdout') stdout = (stdout + text).slice(-keepStdout);
      else stderr = (stderr + text).slice(-keepOutput);
      if (options.onLine === undefined) return;
      const lines = (partial[stream] + text).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) options.onLine(line, stream);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      take(decoders.stdout.write(chunk), 'stdout');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      take(decoders.stderr.write(chunk), 'stderr');
    });
    const channel = options.onChannel === undefined ? undefined : child.stdio[3];
    const channelDecoder = new StringDecoder('utf8');
    let channelPartial = '';
    const takeChannel = (text: string): void => {
      const lines = (channelPartial + text).split('\n');
      channelPartial = lines.pop() ?? '';
      for (const line of lines) options.onChannel?.(line);
    };
    if (channel && 'on' in channel) {
      channel.on('data', (chunk: Buffer) => {
        takeChannel(channelDecoder.write(chunk));
      });
    }

    // Stopping: SIGTERM to the group now, SIGKILL at `killAt`. A later, shorter grace (the
    // process ending on a second signal) brings the SIGKILL forward and repeats the SIGTERM.
    let killAt: number | undefined;
    let killer: NodeJS.Timeout | undefined;
    let killed = false;
    const stop = (graceMs: number): void => {
      signalGroup(child.pid, 'SIGTERM');
      const at = Date.now() + graceMs;
      if (killAt !== undefined && killAt <= at) return;
      killAt = at;
      clearTimeout(killer);
      killer = setTimeout(() => {
        killed = true;
        signalGroup(child.pid, 'SIGKILL');
        settle();
      }, graceMs);
    };
    const stopOnce = (): void => {
      if (killAt === undefined) stop(killGraceMs);
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stopOnce();
          }, options.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      stopOnce();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    let ended = (): void => undefined;
    const whenEnded = new Promise<void>((done) => {
      ended = done;
    });
    const running: RunningProgram = {
      end: (graceMs) => {
        cancelled = true;
        stop(graceMs);
        return whenEnded;
      },
    };
    if (child.pid !== undefined) runningPrograms.add(running);

    // The program's end is its own exit, not the end of its output: a process it left in the
    // background (`sleep 300 &`) inherits its stdout and stderr and would hold them open for as
    // long as it lives. After the exit, what is still in flight has DRAIN_MS to arrive; a
    // program being stopped has until its SIGKILL, as its group was told to stop too.
    let exitCode: number | null | undefined;
    let closed = false;
    let drain: NodeJS.Timeout | undefined;
    const settle = (): void => {
      if (exitCode === undefined) return;
      if (closed) {
        finish(exitCode);
        return;
      }
      if (killAt !== undefined && !killed) return;
      drain ??= setTimeout(() => {
        finish(exitCode ?? null);
      }, DRAIN_MS);
    };
    let finished = false;
    const finish = (code: number | null, spawnError?: string): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(killer);
      clearTimeout(drain);
      signal?.removeEventListener('abort', onAbort);
      runningPrograms.delete(running);
      // Whatever still holds the pipes gets EPIPE from here on, not a reader.
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (channel && 'destroy' in channel) channel.destroy();
      for (const stream of ['stdout', 'stderr'] as const) {
        take(decoders[stream].end(), stream);
        if (partial[stream] !== '') options.onLine?.(partial[stream], stream);
        partial[stream] = '';
      }
      takeChannel(channelDecoder.end());
      if (channelPartial !== '') options.onChannel?.(channelPartial);
      resolve(result(code, spawnError));
      ended();
    };
    child.on('error', (error) => {
      finish(null, error.message);
    });
    child.on('exit', (code) => {
      exitCode = code;
      // The time limit and the cancel were for the program, which has ended.
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    });
    child.on('close', (code) => {
      closed = true;
      exitCode ??= code;
      settle();
    });
  });
}

/** A program running now, as endRunningPrograms sees it. */
interface RunningProgram {
  /** SIGTERM to its group now, SIGKILL after `graceMs` at the latest; resolves when it ended. */
  end(graceMs: number): Promise<void>;
}

const runningPrograms = new Set<RunningProgram>();

/**
 * Ends every program still running: SIGTERM to each one's group, SIGKILL to those still there
 * after `graceMs`; resolves once they have all ended. For a process about to exit at once (a
 * second signal): its programs have groups of their own, so they would outlive it — a runner
 * ends the step's process, not what it started.
 */
export async function endRunningPrograms(graceMs: number): Promise<void> {
  await Promise.all([...runningPrograms].map((program) => program.end(graceMs)));
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}
