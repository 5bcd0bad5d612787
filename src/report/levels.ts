/**
 * The recipe level ladder the operators' CI rates recipes on: L0 install failed, L1 install,
 * L2 upgrade, L3 backup and restore, L4 functional (the recipe's custom tests), L5 lint. Each
 * rung is passed, failed, skipped on purpose (the recipe's config declares the tier not
 * applicable) or unverified (not run, blocked, held for a person, or skipped for a reason that
 * proves nothing). A target climbs while each rung is passed or skipped on purpose; the first
 * failed or unverified rung stops it. The run's level is its lowest target's.
 */
import type { TierName } from '../recipe/tiers.ts';
import type { TierResult } from '../suite/tier-result.ts';

export type RungState = 'passed' | 'failed' | 'skipped' | 'unverified';

export interface RungDefinition {
  level: number;
  name: string;
  tiers: readonly TierName[];
}

export const RUNGS: readonly RungDefinition[] = [
  { level: 1, name: 'install', tiers: ['install'] },
  { level: 2, name: 'upgrade', tiers: ['upgrade'] },
  { level: 3, name: 'backup/restore', tiers: ['backup', 'restore'] },
  { level: 4, name: 'functional', tiers: ['custom'] },
  { level: 5, name: 'lint', tiers: ['lint'] },
];

export interface Rung extends RungDefinition {
  state: RungState;
  /** Why, for any state but passed: the tier's own reason. */
  reason: string;
  /**
   * Under `previous: last-N` (upgrade rows with a `from`): how many paths ran, and the releases
   * whose path failed. The rung passes only when every path did.
   */
  paths?: number;
  failedPaths?: string[];
}

export interface Ladder {
  /** 0 to 5. */
  level: number;
  rungs: Rung[];
}

/** The engine writes this reason for a tier the recipe's config declares not applicable. */
const DECLARED_NOT_APPLICABLE = 'not applicable:';

export function ladderOf(tiers: readonly TierResult[]): Ladder {
  const rungs = RUNGS.map((rung): Rung => {
    const states = rung.tiers.map((tier) => tierState(tiers.filter((t) => t.tier === tier)));
    return { ...rung, ...combine(states), ...pathsOf(rung, tiers) };
  });
  let level = 0;
  for (const rung of rungs) {
    const climbs = rung.state === 'passed' || (rung.level > 1 && rung.state === 'skipped');
    if (!climbs) break;
    level = rung.level;
  }
  return { level, rungs };
}

/** The upgrade rung's paths, when its rows carry a `from`. */
function pathsOf(
  rung: RungDefinition,
  tiers: readonly TierResult[],
): Pick<Rung, 'paths' | 'failedPaths'> {
  const paths = tiers.filter((t) => rung.tiers.includes(t.tier) && t.from !== undefined);
  if (paths.length === 0) return {};
  const failed = paths.filter((t) => t.status === 'failed').map((t) => t.from ?? '');
  return {
    paths: new Set(paths.map((t) => t.from)).size,
    failedPaths: [...new Set(failed)],
  };
}

/** The lowest level of the targets; undefined without any. */
export function lowestLevel(levels: readonly number[]): number | undefined {
  return levels.length === 0 ? undefined : Math.min(...levels);
}

type StateWithReason = { state: RungState; reason: string };

/** One tier over every attempt of a repeated run: one failed attempt fails it. */
function tierState(attempts: readonly TierResult[]): StateWithReason {
  if (attempts.length === 0) return { state: 'unverified', reason: 'not run' };
  const failed = attempts.find((t) => t.status === 'failed');
  if (failed) return { state: 'failed', reason: withPath(failed, failed.reason) };
  const open = attempts.find((t) => t.status !== 'passed' && !declaredNotApplicable(t));
  if (open)
    return { state: 'unverified', reason: withPath(open, `${open.status}: ${open.reason}`) };
  const skipped = attempts.find(declaredNotApplicable);
  if (skipped) return { state: 'skipped', reason: skipped.reason };
  return { state: 'passed', reason: '' };
}

/** A path's reason names the path: `from 1.1.0+5.0: …`. */
function withPath(tier: TierResult, reason: string): string {
  return tier.from === undefined ? reason : `from ${tier.from}: ${reason}`;
}

function declaredNotApplicable(tier: TierResult): boolean {
  return tier.status === 'skipped' && tier.reason.startsWith(DECLARED_NOT_APPLICABLE);
}

/** A rung of several tiers: failed beats unverified beats passed beats skipped. */
function combine(states: readonly StateWithReason[]): StateWithReason {
  for (const state of ['failed', 'unverified', 'passed', 'skipped'] as const) {
    const found = states.find((s) => s.state === state);
    if (found) return found;
  }
  return { state: 'unverified', reason: 'not run' };
}
