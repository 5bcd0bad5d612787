/**
 * Stage 6: HTTP checks, run once every host is ready, all at once, each retried with the same
 * backoff and inside the same overall budget as the SSH stages — one `timeout` covers the gate.
 */
import { backoffDelay } from '../shared/backoff.ts';
import { attemptHttpCheck } from './probe.ts';
import type { HttpCheck } from './spec.ts';
import { Timeline, type TimelineEvent } from '../shared/timeline.ts';

/** One attempt's ceiling: a health endpoint slower than this is not healthy. */
const MAX_ATTEMPT_MS = 30_000;

/** The budget HTTP checks share: readiness's gate settings and a recipe's health settings. */
export interface HttpBudget {
  timeoutMs: number;
  connectTimeoutMs: number;
  intervalMs: number;
}

/** The clock HTTP checks run on (a fake one in unit tests). */
export interface HttpClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
}

export interface HttpOutcome {
  check: HttpCheck;
  passed: boolean;
  reason: string;
  status: number | undefined;
  attempts: number;
  elapsedMs: number;
  timeline: TimelineEvent[];
}

/**
 * @param start the gate's start (deps.now() clock): HTTP checks spend what the hosts left of
 *   the budget, never a fresh one.
 */
export async function runHttpChecks(
  checks: readonly HttpCheck[],
  settings: HttpBudget,
  deps: HttpClock,
  signal: AbortSignal,
  start: number,
): Promise<HttpOutcome[]> {
  return Promise.all(checks.map((check) => runCheck(check, settings, deps, signal, start)));
}

async function runCheck(
  check: HttpCheck,
  settings: HttpBudget,
  deps: HttpClock,
  signal: AbortSignal,
  start: number,
): Promise<HttpOutcome> {
  const deadline = start + settings.timeoutMs;
  const remaining = (): number => deadline - deps.now();
  const timeline = new Timeline(() => deps.now() - start);
  const policy = {
    firstMs: settings.intervalMs,
    capMs: Math.max(settings.intervalMs, 1000),
    jitter: 0.5,
  };
  const attemptBudget = Math.min(MAX_ATTEMPT_MS, Math.max(settings.connectTimeoutMs, 10_000));
  let attempts = 0;
  let last = 'no attempt made: the budget was spent before the HTTP stage';
  let status: number | undefined;
  while (remaining() > 0 && !signal.aborted) {
    const budget = Math.min(attemptBudget, remaining());
    const result = await attemptHttpCheck(check, budget, signal);
    attempts++;
    // An attempt cut short by the end of the budget says nothing about the server: keep the
    // last real answer as the reason.
    const cutByBudget = result.timedOut && budget < attemptBudget && attempts > 1;
    if (!cutByBudget) {
      status = result.status;
      last = result.detail;
      timeline.add('http', result.detail);
    }
    if (result.passed) {
      timeline.add('ready', 'ready');
      return outcome(true, `${result.detail} after ${String(attempts)} attempt(s)`);
    }
    const delay = Math.min(
      backoffDelay(policy, attempts - 1, () => deps.random()),
      remaining(),
    );
    if (delay > 0) await deps.sleep(delay, signal);
  }
  return outcome(false, `${signal.aborted ? 'cancelled' : 'timed out'}; last: ${last}`);

  function outcome(passed: boolean, reason: string): HttpOutcome {
    return {
      check,
      passed,
      reason,
      status,
      attempts,
      elapsedMs: deps.now() - start,
      timeline: timeline.events,
    };
  }
}
