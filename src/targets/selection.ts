/**
 * The `selected` input (a dispatch's choice): empty or `all` for every target, else a comma or
 * space separated list of exact target names. Unknown names are a bad input at once, listing the
 * valid names: a typo must not quietly test nothing, and `contains()`-style substring matching
 * (`local` choosing `local-arm`) is exactly what this replaces.
 */
import type { Target } from './spec.ts';

export type Selection = { kind: 'all' } | { kind: 'names'; names: readonly string[] };

export function parseSelection(
  raw: string | undefined,
  targets: readonly Target[],
  fail: (problem: string) => never,
): Selection {
  const words = (raw ?? '').split(/[\s,]+/).filter((word) => word !== '');
  if (words.length === 0) return { kind: 'all' };
  if (words.includes('all')) {
    if (words.length > 1) {
      fail(`mixes "all" with target names ("${raw ?? ''}"); give either all or the names`);
    }
    return { kind: 'all' };
  }
  const known = new Set(targets.map((target) => target.name));
  const unknown = words.filter((word) => !known.has(word));
  if (unknown.length > 0) {
    const valid = targets.map((target) => target.name).join(', ');
    fail(
      `names ${unknown.length === 1 ? 'an unknown target' : 'unknown targets'} ${unknown
        .map((name) => `"${name}"`)
        .join(', ')}; valid names (matched exactly): ${valid}, or all`,
    );
  }
  return { kind: 'names', names: [...new Set(words)] };
}
