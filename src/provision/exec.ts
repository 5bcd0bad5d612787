/**
 * Run a command to its end: stdout collected (it carries the answer), stderr passed to the log
 * line by line (it carries the progress), and a cancel sends SIGTERM to the command's whole
 * process group so a `tofu apply` under `sh -c` stops too.
 */
import { spawn } from 'node:child_process';

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  signal: AbortSignal;
  onStderrLine?: (line: string) => void;
}

export interface ExecOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started at all (ENOENT…). */
  spawnError?: string;
}

export function execFile(file: string, args: string[], options: ExecOptions): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const onAbort = (): void => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onStderrLine?.(line);
    });
    const finish = (outcome: ExecOutcome): void => {
      options.signal.removeEventListener('abort', onAbort);
      if (partial !== '') options.onStderrLine?.(partial);
      partial = '';
      resolve(outcome);
    };
    child.on('error', (error) => {
      finish({ code: null, stdout, stderr, spawnError: error.message });
    });
    child.on('close', (code) => {
      finish({ code, stdout, stderr });
    });
  });
}

/** A user's command line, run by sh as a workflow's `run:` would. */
export function execShell(command: string, options: ExecOptions): Promise<ExecOutcome> {
  return execFile('sh', ['-c', command], options);
}
