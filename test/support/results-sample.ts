/** results.json contents for report tests: a run where every tier passed, to vary per case. */
import type { TierResult } from '../../src/suite/tier-result.ts';
import type { RunSummary } from '../../src/suite/results.ts';

export const LADDER_TIERS = ['install', 'upgrade', 'backup', 'restore', 'custom', 'lint'] as const;

export function tier(
  name: string,
  status: TierResult['status'] = 'passed',
  reason = status === 'passed' ? 'ok' : `${name} ${status}`,
  attempt = 1,
): TierResult {
  return {
    tier: name as TierResult['tier'],
    attempt,
    status,
    reason,
    durationMs: 1500,
    checks: [],
  };
}

/** Every rung passed; `overrides` replaces tiers by name. */
export function tiersWith(overrides: Record<string, TierResult | undefined> = {}): TierResult[] {
  return LADDER_TIERS.flatMap((name) => {
    if (name in overrides) {
      const given = overrides[name];
      return given === undefined ? [] : [given];
    }
    return [tier(name)];
  });
}

export function summary(tiers: TierResult[], extra: Partial<RunSummary> = {}): RunSummary {
  return {
    recipe: 'notes',
    backend: 'command',
    domain: 'notes-1a2b3c.ci.example.test',
    url: 'https://notes-1a2b3c.ci.example.test',
    candidate: '1.1.0+1.1',
    previous: '1.0.0+1.0',
    status: tiers.some((t) => t.status === 'failed') ? 'failed' : 'passed',
    tiers,
    ...extra,
  };
}
