/**
 * One run of a workflow engine's CLI (act, the Gitea runner) as a process group: its JSON log
 * read as it ends, a time limit that interrupts the whole group (the engines ignore the
 * workflows' `timeout-minutes` locally), and the raw log kept on request.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readEngineLog, type EngineLog } from './engine-log.ts';

export interface EngineProcessResult extends EngineLog {
  code: number | null;
  seconds: number;
}

export interface EngineProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
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
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
  }, options.timeoutMs);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  const keep = process.env.RECIPE_CI_ENGINE_LOG_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, `${basename(binary)}-${String(started)}.jsonl`), stdout + stderr);
  }
  return { code, ...readEngineLog(stdout, stderr), seconds: (Date.now() - started) / 1000 };
}
