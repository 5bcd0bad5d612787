/**
 * The app's health gate: the recipe's HTTP checks, run by the readiness engine (same retries,
 * same budget rules) against the env of this run, so `${RECIPE_CI_PORT}` and the domain are the
 * ones just deployed.
 */
import { runHttpChecks, type HttpClock } from '../http/checks.ts';
import { abortableSleep } from '../shared/sleep.ts';
import type { RecipeConfig } from '../recipe/config.ts';

const POLL_INTERVAL_MS = 250;
const ATTEMPT_TIMEOUT_MS = 5000;

export function httpHealthGate(
  config: RecipeConfig,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
  /** The wait's limit now: the config's health timeout, bounded by what the tier has left. */
  timeoutMs: () => number = () => config.health.timeoutMs,
): () => Promise<{ ok: boolean; summary: string }> {
  return async () => {
    const checks = config.health.http(env);
    if (checks.length === 0) return { ok: true, summary: 'no HTTP checks configured' };
    const clock: HttpClock = { now: Date.now, sleep: abortableSleep, random: Math.random };
    const outcomes = await runHttpChecks(
      checks,
      {
        timeoutMs: timeoutMs(),
        connectTimeoutMs: ATTEMPT_TIMEOUT_MS,
        intervalMs: POLL_INTERVAL_MS,
      },
      clock,
      signal,
      clock.now(),
    );
    const failed = outcomes.filter((o) => !o.passed);
    return {
      ok: failed.length === 0,
      summary:
        failed.length === 0
          ? outcomes.map((o) => `${o.check.label}: ${o.reason}`).join('; ')
          : failed.map((o) => `${o.check.label}: ${o.reason}`).join('; '),
    };
  };
}
