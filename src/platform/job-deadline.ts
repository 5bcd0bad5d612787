/**
 * One time budget for the whole job. A runner that kills a job at its `timeout-minutes` gives
 * no step a chance to collect diagnostics or clean up, and Gitea up to 1.26 ignores the job's
 * `timeout-minutes` altogether, so our own deadline is the guard that matters.
 *
 * The first of our steps in a job that is given `job-timeout` (e.g. `${{ inputs.timeout-minutes
 * }}m`) records the deadline — its own start plus the job timeout, close to the job's start —
 * in RECIPE_CI_JOB_DEADLINE (through GITHUB_ENV, so every later step of the job reads it).
 * Each later step takes the earlier of that and its own `job-timeout`. Every wait then takes the
 * smaller of its own budget and the time left before the deadline minus JOB_SLACK_MS — what
 * diagnostics, the results and every post step need after it — and says which bound it hit.
 */
import { formatDuration } from '../shared/duration.ts';
import type { ActionContext } from './context.ts';

export const JOB_DEADLINE_VARIABLE = 'RECIPE_CI_JOB_DEADLINE';

/** Kept free at the end of the job: diagnostics, results files and the post steps' cleanup. */
export const JOB_SLACK_MS = 3 * 60_000;

/** A bound on one wait: how long it may take, and whether the deadline cut it. */
export interface WaitBound {
  ms: number;
  /** `own` when the wait's own budget is the smaller one. */
  by: 'own' | 'deadline';
  /** For messages: "10m (its own timeout)" or "4m12s (what is left of the job, less 3m slack)". */
  describe: string;
}

export class JobDeadline {
  constructor(
    /** Epoch milliseconds. */
    readonly at: number,
    /** Where it came from, for messages. */
    readonly from: string,
  ) {}

  remainingMs(now = Date.now()): number {
    return this.at - now;
  }

  /**
   * The smaller of `ownMs` (undefined: no limit of its own) and the time left less `slackMs`;
   * never below zero. Post steps pass a slack of 0: the slack was kept for them.
   */
  bound(ownMs: number | undefined, slackMs = JOB_SLACK_MS, now = Date.now()): WaitBound {
    const left = Math.max(0, this.remainingMs(now) - slackMs);
    if (ownMs !== undefined && ownMs <= left) {
      return { ms: ownMs, by: 'own', describe: `${formatDuration(ownMs)} (its own timeout)` };
    }
    const less = slackMs > 0 ? `, less ${formatDuration(slackMs)} slack` : '';
    return {
      ms: left,
      by: 'deadline',
      describe: `${formatDuration(left)} (what is left of the job's ${this.from}${less})`,
    };
  }
}

/** A wait's bound with no deadline known: its own budget, as before there was one. */
export function boundWithout(ownMs: number): WaitBound {
  return { ms: ownMs, by: 'own', describe: `${formatDuration(ownMs)} (its own timeout)` };
}

/** The bound of a wait under an optional deadline. */
export function boundOf(
  deadline: JobDeadline | undefined,
  ownMs: number,
  slackMs = JOB_SLACK_MS,
  now = Date.now(),
): WaitBound {
  return deadline === undefined ? boundWithout(ownMs) : deadline.bound(ownMs, slackMs, now);
}

/**
 * The job's deadline from the recorded variable and this step's `job-timeout` (milliseconds,
 * from `startedAt`), the earlier winning; undefined when neither is given. A recorded value that
 * is not a time is an error naming the variable, before anything is done.
 */
export function jobDeadlineFrom(
  recorded: string | undefined,
  jobTimeoutMs: number | undefined,
  startedAt: number,
): JobDeadline | undefined {
  const candidates: JobDeadline[] = [];
  if (recorded !== undefined && recorded !== '') {
    const at = Date.parse(recorded);
    if (Number.isNaN(at)) {
      throw new Error(
        `${JOB_DEADLINE_VARIABLE} is "${recorded}", not a time; remove it from the job's env (the first step given job-timeout records it)`,
      );
    }
    candidates.push(new JobDeadline(at, `deadline (${JOB_DEADLINE_VARIABLE})`));
  }
  if (jobTimeoutMs !== undefined) {
    candidates.push(
      new JobDeadline(startedAt + jobTimeoutMs, `job-timeout of ${formatDuration(jobTimeoutMs)}`),
    );
  }
  return candidates.sort((a, b) => a.at - b.at)[0];
}

/**
 * This step's view of the job deadline: read from the recorded variable and the `job-timeout`
 * input (checked like any input), and recorded for later steps when this step is the first.
 */
export function stepDeadline(
  context: ActionContext,
  startedAt = Date.now(),
): JobDeadline | undefined {
  const jobTimeoutMs = context.inputs.duration('job-timeout', { min: 1000 });
  const recorded = process.env[JOB_DEADLINE_VARIABLE];
  const deadline = jobDeadlineFrom(recorded, jobTimeoutMs, startedAt);
  if (deadline !== undefined && (recorded === undefined || recorded === '')) {
    context.exportVariable(JOB_DEADLINE_VARIABLE, new Date(deadline.at).toISOString());
  }
  return deadline;
}

/** A cleanup in a post step gets at least this, even past the deadline: trying beats leaking. */
export const CLEANUP_FLOOR_MS = 60_000;

/** The deadline an earlier step recorded: what a post step goes by (its own start is late). */
export function recordedDeadline(env: NodeJS.ProcessEnv = process.env): JobDeadline | undefined {
  return jobDeadlineFrom(env[JOB_DEADLINE_VARIABLE], undefined, Date.now());
}

/**
 * A post step's cleanup: its own budget or what is left of the job (the slack was kept for it),
 * but never less than CLEANUP_FLOOR_MS; undefined with neither a budget nor a deadline.
 */
export function cleanupBound(
  deadline: JobDeadline | undefined,
  ownMs?: number,
  now = Date.now(),
): WaitBound | undefined {
  if (deadline === undefined) return ownMs === undefined ? undefined : boundWithout(ownMs);
  const left = deadline.bound(ownMs, 0, now);
  if (left.by === 'own' || left.ms >= CLEANUP_FLOOR_MS) return left;
  return {
    ms: CLEANUP_FLOOR_MS,
    by: 'deadline',
    describe: `${formatDuration(CLEANUP_FLOOR_MS)} (the floor every cleanup gets)`,
  };
}

/**
 * `signal`, also aborted when `bound` runs out; `timedOut()` tells the two apart, so the step
 * can say "did not finish within …" rather than "cancelled".
 */
export function boundedSignal(
  signal: AbortSignal,
  bound: WaitBound | undefined,
): { signal: AbortSignal; timedOut: () => boolean } {
  if (bound === undefined) return { signal, timedOut: () => false };
  const timer = AbortSignal.timeout(bound.ms);
  return {
    signal: AbortSignal.any([signal, timer]),
    timedOut: () => timer.aborted && !signal.aborted,
  };
}
