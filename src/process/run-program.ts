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
  const { signal } = options;
  const out = new ProgramOutput(options);
  let timedOut = false;
  let cancelled = false;
  const result = (code: number | null, spawnError?: string): ProgramResult => ({
    code,
    output: out.output,
    stdout: out.stdout,
    stderr: out.stderr,
    lastLine: out.lastLine(),
    timedOut,
    cancelled,
    ...(spawnError === undefined ? {} : { spawnError }),
    durationMs: Date.now() - started,
  });
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
    const channel = options.onChannel === undefined ? undefined : child.stdio[3];
    child.stdout?.on('data', (chunk: Buffer) => {
      out.take('stdout', chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out.take('stderr', chunk);
    });
    if (channel && 'on' in channel) {
      channel.on('data', (chunk: Buffer) => {
        out.takeChannel(chunk);
      });
    }
    const stopper = new GroupStopper(child.pid, () => {
      settle();
    });
    const killGraceMs = options.killGraceMs ?? KILL_GRACE_MS;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stopper.stopOnce(killGraceMs);
          }, options.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      stopper.stopOnce(killGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    let ended = (): void => undefined;
    const whenEnded = new Promise<void>((done) => {
      ended = done;
    });
    const running: RunningProgram = {
      end: (graceMs) => {
        cancelled = true;
        stopper.stop(graceMs);
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
    function settle(): void {
      if (exitCode === undefined) return;
      if (closed) {
        finish(exitCode);
        return;
      }
      if (stopper.stopping && !stopper.killed) return;
      drain ??= setTimeout(() => {
        finish(exitCode ?? null);
      }, DRAIN_MS);
    }
    let finished = false;
    function finish(code: number | null, spawnError?: string): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(drain);
      stopper.clear();
      signal?.removeEventListener('abort', onAbort);
      runningPrograms.delete(running);
      // Whatever still holds the pipes gets EPIPE from here on, not a reader.
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (channel && 'destroy' in channel) channel.destroy();
      out.flush();
      resolve(result(code, spawnError));
      ended();
    }
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

/**
 * A program's output: bytes to text as a stream (a character split between two reads stays one
 * character), bounded tails of stdout, stderr and both interleaved, and the lines of each and
 * of the fd-3 channel handed on as they complete.
 */
class ProgramOutput {
  output = '';
  stdout = '';
  stderr = '';
  private readonly decoders = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
    channel: new StringDecoder('utf8'),
  };
  private readonly partial = { stdout: '', stderr: '', channel: '' };
  private readonly keepStdout: number;
  private readonly keepOutput: number;

  constructor(private readonly options: ProgramOptions) {
    this.keepStdout = options.keepStdoutChars ?? KEEP_OUTPUT_CHARS;
    this.keepOutput = options.keepOutputChars ?? KEEP_OUTPUT_CHARS;
  }

  take(stream: OutputStream, chunk: Buffer): void {
    this.text(stream, this.decoders[stream].write(chunk));
  }

  takeChannel(chunk: Buffer): void {
    this.channelText(this.decoders.channel.write(chunk));
  }

  /** The rest of every stream, and each last line that had no newline. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      this.text(stream, this.decoders[stream].end());
      if (this.partial[stream] !== '') this.options.onLine?.(this.partial[stream], stream);
      this.partial[stream] = '';
    }
    this.channelText(this.decoders.channel.end());
    if (this.partial.channel !== '') this.options.onChannel?.(this.partial.channel);
    this.partial.channel = '';
  }

  lastLine(): string {
    return (
      this.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .at(-1) ?? ''
    );
  }

  private text(stream: OutputStream, text: string): void {
    if (text === '') return;
    this.output = (this.output + text).slice(-this.keepOutput);
    if (stream === 'stdout') this.stdout = (this.stdout + text).slice(-this.keepStdout);
    else this.stderr = (this.stderr + text).slice(-this.keepOutput);
    const { onLine } = this.options;
    if (onLine === undefined) return;
    for (const line of this.lines(stream, text)) onLine(line, stream);
  }

  private channelText(text: string): void {
    for (const line of this.lines('channel', text)) this.options.onChannel?.(line);
  }

  /** The complete lines `text` ends, keeping an unfinished one for the next read. */
  private lines(stream: keyof ProgramOutput['partial'], text: string): string[] {
    const lines = (this.partial[stream] + text).split('\n');
    this.partial[stream] = lines.pop() ?? '';
    return lines;
  }
}

/**
 * Stopping a program's process group: SIGTERM now, SIGKILL at the end of the grace. A later,
 * shorter grace (the process ending on a second signal) brings the SIGKILL forward and repeats
 * the SIGTERM.
 */
class GroupStopper {
  killed = false;
  private killAt: number | undefined;
  private killer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: number | undefined,
    private readonly onKilled: () => void,
  ) {}

  get stopping(): boolean {
    return this.killAt !== undefined;
  }

  stop(graceMs: number): void {
    signalGroup(this.pid, 'SIGTERM');
    const at = Date.now() + graceMs;
    if (this.killAt !== undefined && this.killAt <= at) return;
    this.killAt = at;
    clearTimeout(this.killer);
    this.killer = setTimeout(() => {
      this.killed = true;
      signalGroup(this.pid, 'SIGKILL');
      this.onKilled();
    }, graceMs);
  }

  /** The first stop counts (a time limit, then a cancel, send one SIGTERM). */
  stopOnce(graceMs: number): void {
    if (!this.stopping) this.stop(graceMs);
  }

  clear(): void {
    clearTimeout(this.killer);
  }
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
