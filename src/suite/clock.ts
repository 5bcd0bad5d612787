/**
 * The time a recipe-suite run may spend right now. Each tier's `timeout` is that tier's whole
 * budget: every command, health wait and custom test inside it gets the smaller of its own limit
 * and what is left of the tier — and the tier's budget itself never reaches past the job deadline
 * less the slack. Outside a tier (teardown between repeats, post) the phase's own budget holds,
 * bounded by the deadline the same way; diagnostics after a spent tier get a budget of their own.
 */
import {
  boundOf,
  boundWithout,
  cleanupBound,
  JOB_SLACK_MS,
  type JobDeadline,
  type WaitBound,
} from '../platform/job-deadline.ts';

/** One teardown: abra undeploy and rm, or the recipe's teardown command. */
export const TEARDOWN_BUDGET_MS = 5 * 60_000;
/** Task states and app logs of a failed tier. */
export const DIAGNOSTICS_BUDGET_MS = 60_000;

export interface Phase {
  name: string;
  startedAt: number;
  endsAt: number;
  bound: WaitBound;
}

export class SuiteClock {
  private phase: Phase;

  constructor(
    readonly deadline: JobDeadline | undefined,
    /** Post steps pass 0: the slack was kept for them. */
    private readonly slackMs = JOB_SLACK_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.phase = this.makePhase('teardown', TEARDOWN_BUDGET_MS);
  }

  /** Starts a phase (a tier, `teardown`, `diagnostics`) with its own budget. */
  enter(name: string, budgetMs: number): Phase {
    this.phase = this.makePhase(name, budgetMs);
    return this.phase;
  }

  /** The limit of the next command or wait: its own, or what is left of the phase. */
  limit(ownMs = Number.POSITIVE_INFINITY): number {
    return Math.max(0, Math.min(ownMs, this.phase.endsAt - this.now()));
  }

  /** Whether the current phase's budget is used up. */
  spent(): boolean {
    return this.now() >= this.phase.endsAt;
  }

  get current(): Phase {
    return this.phase;
  }

  private makePhase(name: string, budgetMs: number): Phase {
    const startedAt = this.now();
    // Diagnostics use the slack: that is what it was kept for. A post step (slack 0) cleans up,
    // and a cleanup gets its floor even past the deadline.
    const bound =
      this.slackMs === 0
        ? (cleanupBound(this.deadline, budgetMs, startedAt) ?? boundWithout(budgetMs))
        : boundOf(this.deadline, budgetMs, name === 'diagnostics' ? 0 : this.slackMs, startedAt);
    return { name, startedAt, endsAt: startedAt + bound.ms, bound };
  }
}
