/**
 * A lab held by a process of its own (hold.ts), for the tests that signal or kill the lab's owner
 * and then look for what is left, and the child-process waits those tests share. A held lab that
 * does not come up as expected is ended again before the error is thrown, so a failed start
 * leaves no owner holding namespaces and guests behind the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOLD = fileURLToPath(new URL('./hold.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** A held lab with Docker guests takes some seconds on two busy cores; this is far past that. */
const START_LIMIT_MS = 180_000;
/** Time the owner gets after SIGTERM: its exit handlers tear the lab down synchronously. */
const END_GRACE_MS = 60_000;

/** The line hold.ts prints once its lab is up. */
export interface HeldLabState {
  id: string;
  dir: string;
  bridge: string;
  namespaces: string[];
  links: string[];
  addresses: string[];
  holderPids: number[];
  clientKey: string;
  /** With --docker: each guest's engine as the host reaches it. */
  dockerHosts?: string[];
}

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolve with the first stdout line of `child` that contains `marker`. */
export function lineFrom(
  child: ChildProcess,
  marker: string,
  timeoutMs = START_LIMIT_MS,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      reject(new Error(`printed no line with ${marker} within ${String(timeoutMs)} ms: ${seen}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const line = seen.split('\n').find((l) => l.includes(marker));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`exited (${String(code ?? sig)}) before printing ${marker}: ${seen}`));
    });
  });
}

/** Resolve with how `child` ended. */
export function exited(child: ChildProcess): Promise<Ended> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * End `child`: SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves with how it
 * ended (at once if it had already).
 */
export async function endChild(child: ChildProcess, graceMs = END_GRACE_MS): Promise<Ended> {
  const ended = exited(child);
  if (child.exitCode !== null || child.signalCode !== null) return ended;
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await ended;
  } finally {
    clearTimeout(late);
  }
}

/** `hold.ts args…` up and holding its lab, or ended again and the reason thrown. */
export async function holdLab(
  args: string[],
): Promise<{ child: ChildProcess; state: HeldLabState }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: REPO,
  });
  try {
    const state = JSON.parse(await lineFrom(child, '"namespaces"')) as HeldLabState;
    return { child, state };
  } catch (error) {
    await endChild(child);
    throw error;
  }
}
