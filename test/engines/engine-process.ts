/**
 * One run of a workflow engine's CLI (act, the Gitea runner) as a process group: its JSON log
 * read as it ends, a time limit that interrupts the whole group (the engines ignore the
 * workflows' `timeout-minutes` locally) and kills it if it has not ended after a grace, and the
 * raw log kept on request.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readEngineLog, type EngineLog } from './engine-log.ts';

export interface EngineProcessResult extends EngineLog {
  code: number | null;
  seconds: number;
  /** The time limit ran out and the group was interrupted: the log is cut short. */
  timedOut: boolean;
}

export interface EngineProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** After this long the group gets SIGINT, as a runner's cancel does. */
  timeoutMs: number;
  /** How long after SIGINT the group is killed if it has not ended; 30 s unless told. */
  graceMs?: number;
}

/** Time the engines get to end their steps and post steps after SIGINT. */
const GRACE_MS = 30_000;

/** Signal the process group led by `pid`; never pid 0 or -1 (our own group, every process). */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Run `binary args…` to its end; RECIPE_CI_ENGINE_LOG_DIR keeps each raw log there. */
export async function runEngineProcess(
  binary: string,
  args: string[],
  options: EngineProcessOptions,
): Promise<EngineProcessResult> {
  const started = Date.now();
  const child = spawn(binary, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup(child.pid, 'SIGINT');
    killer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), options.graceMs ?? GRACE_MS);
  }, options.timeoutMs);
  // A binary that cannot start says why in the log; 'close' follows all the same.
  child.on('error', (error) => (stderr += `${error.message}\n`));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  clearTimeout(killer);
  const keep = process.env.RECIPE_CI_ENGINE_LOG_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, `${basename(binary)}-${String(started)}.jsonl`), stdout + stderr);
  }
  return {
    code,
    ...readEngineLog(stdout, stderr),
    seconds: (Date.now() - started) / 1000,
    timedOut,
  };
}
