/**
 * A program a test runs to its end in a process group of its own, with a time limit: past it the
 * group gets SIGINT (what a runner's cancel or a Ctrl-C sends, so post steps can clean up), and
 * SIGKILL after a grace if it is still there. A group still running when the test process exits
 * is killed then, so a hang cannot outlive the test.
 */
import { spawn } from 'node:child_process';

export interface GroupRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** The time limit ran out and the group was interrupted: what it printed is cut short. */
  timedOut: boolean;
}

export interface GroupRunOptions {
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** After this long the group gets SIGINT. */
  timeoutMs: number;
  /** How long after SIGINT the group is killed if it has not ended; 30 s unless told. */
  graceMs?: number;
}

const GRACE_MS = 30_000;

/**
 * Signal the process group `pid` leads. A pid that is not a child's (undefined, 0 or 1) is
 * refused: -0 is our own group and -1 every process we may signal.
 */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Run `command args…` in its own group to its end, or to the limit and the grace after it. */
export async function runInGroup(
  command: string,
  args: string[],
  options: GroupRunOptions,
): Promise<GroupRun> {
  const started = Date.now();
  const child = spawn(command, args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A program that cannot start says why; 'close' follows all the same.
  child.on('error', (error) => (stderr += `${error.message}\n`));
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup(child.pid, 'SIGINT');
    killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), options.graceMs ?? GRACE_MS);
  }, options.timeoutMs);
  const killAtExit = (): void => signalGroup(child.pid, 'SIGKILL');
  process.once('exit', killAtExit);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (exitCode, exitSignal) => done([exitCode, exitSignal])),
  );
  clearTimeout(timer);
  clearTimeout(killer);
  process.removeListener('exit', killAtExit);
  return { code, signal, stdout, stderr, seconds: (Date.now() - started) / 1000, timedOut };
}
