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
  /** The release this upgrade path started from, under `previous: last-N`; else absent. */
  from?: string;
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

/** `upgrade from 1.2.0+5.0` for a path of `previous: last-N`; the tier's name otherwise. */
export function tierLabel(result: Pick<TierResult, 'tier' | 'from'>): string {
  return result.from === undefined ? result.tier : `${result.tier} from ${result.from}`;
}
