/**
 * One word for a run's outcome, shared by the card, the badge and the commit statuses.
 * `incomplete`: no target's results could be read, or some could not — the card cannot vouch
 * for a target it has not seen, so it never says passed then.
 */
import type { LoadedResults } from './results-files.ts';

export type Verdict = 'passed' | 'failed' | 'incomplete';

export function verdictOf(loaded: LoadedResults): Verdict {
  if (loaded.targets.some((t) => t.status === 'failed')) return 'failed';
  if (loaded.targets.length === 0 || loaded.problems.length > 0) return 'incomplete';
  return 'passed';
}

export const VERDICT_ICONS: Record<Verdict, string> = {
  passed: '✅',
  failed: '❌',
  incomplete: '⚠️',
};

/** shields.io's named colours, which the badge SVG uses as hex. */
export const VERDICT_COLOURS: Record<Verdict, { name: string; hex: string }> = {
  passed: { name: 'brightgreen', hex: '#4c1' },
  failed: { name: 'red', hex: '#e05d44' },
  incomplete: { name: 'lightgrey', hex: '#9f9f9f' },
};
