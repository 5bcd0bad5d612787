/**
 * Running the real tools (ip, nft, ssh-keygen, nsenter, ssh…) and collecting what they said.
 * Asynchronous for normal work; synchronous for cleanup, which must also run from an `exit` handler.
 */
import { spawn, spawnSync } from 'node:child_process';

/** What a finished command reported. */
export interface ExecResult {
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  readonly input?: string;
  /** Kill the command (SIGKILL) after this long; its result then has signal SIGKILL. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** A command that exited with a non-zero code (or a signal) where success was required. */
export class CommandError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly result: ExecResult,
  ) {
    const how = result.code === null ? `signal ${String(result.signal)}` : `code ${result.code}`;
    const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 2000);
    super(`${command.join(' ')} failed with ${how}${said ? `: ${said}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Run a command to its end and return its output, whatever the exit code. */
export function run(file: string, args: readonly string[], options: RunOptions = {}) {
  return new Promise<ExecResult>((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined); // the command may exit without reading its input
    child.stdin.end(options.input ?? '');
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Run a command that must succeed; return its stdout. */
export async function runChecked(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new CommandError([file, ...args], result);
  return result.stdout;
}

/** Synchronous run for cleanup paths; never throws for a failed command. */
export function runSync(file: string, args: readonly string[], input?: string): ExecResult {
  const result = spawnSync(file, args, { input: input ?? '', encoding: 'utf8', timeout: 15_000 });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.error ? `${result.stderr}${result.error.message}` : result.stderr,
  };
}

/** Resolve after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Block the thread for `ms` milliseconds (cleanup from an `exit` handler cannot await). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Quote a word for /bin/sh. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
