/**
 * What a tier of a recipe run can conclude. `held` is for a person to look at (a major upgrade,
 * release notes asking for a manual migration); `blocked` means a precondition outside the tier
 * failed, so the tier says nothing about the recipe.
 */
import type { TierName } from '../recipe/tiers.ts';

export type TierStatus = 'passed' | 'failed' | 'skipped' | 'held' | 'blocked';

export interface CheckResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped' | 'blocked';
  durationMs: number;
  message: string;
  /** The command's output (tail), for the log group and JUnit. */
  output: string;
}

export interface TierResult {
  tier: TierName;
  /** 1-based, when the sequence is repeated. */
  attempt: number;
  status: TierStatus;
  reason: string;
  durationMs: number;
  checks: CheckResult[];
  /** What the backend could tell when the tier failed (the app's logs, task states). */
  diagnostics?: string;
}

/** Whether a tier's result makes the whole run fail. */
export function failsRun(result: TierResult, mayBlock: boolean): boolean {
  return result.status === 'failed' || (result.status === 'blocked' && !mayBlock);
}
