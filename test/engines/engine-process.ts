/**
 * One run of a workflow engine's CLI (act, the Gitea runner) as a process group: its JSON log
 * read as it ends, a time limit that interrupts the whole group (the engines ignore the
 * workflows' `timeout-minutes` locally) and kills it if it has not ended after a grace, and the
 * raw log kept on request.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runInGroup } from '../support/process-group.ts';
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

/** Run `binary args…` to its end; RECIPE_CI_ENGINE_LOG_DIR keeps each raw log there. */
export async function runEngineProcess(
  binary: string,
  args: string[],
  options: EngineProcessOptions,
): Promise<EngineProcessResult> {
  const started = Date.now();
  const run = await runInGroup(binary, args, options);
  const keep = process.env.RECIPE_CI_ENGINE_LOG_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    writeFileSync(
      join(keep, `${basename(binary)}-${String(started)}.jsonl`),
      run.stdout + run.stderr,
    );
  }
  return {
    code: run.code,
    ...readEngineLog(run.stdout, run.stderr),
    seconds: run.seconds,
    timedOut: run.timedOut,
  };
}
