/**
 * The tiers a recipe's CI config can name, in the order a run takes them: the rungs of the
 * recipe level ladder (L1 install, L2 upgrade, L3 backup and restore, L4 custom, L5 lint).
 */
export const TIERS = ['install', 'upgrade', 'backup', 'restore', 'custom', 'lint'] as const;
export type TierName = (typeof TIERS)[number];

/**
 * Tiers a run takes only when `tiers` names them. Unselected, they are left out of the results
 * altogether (not `skipped`), so a run that never asked for one reports what it reported before.
 */
export const OPT_IN_TIERS: ReadonlySet<TierName> = new Set<TierName>(['lint']);

/**
 * Tiers that read the recipe's files and deploy nothing: they run whatever an earlier tier did
 * to the app (a failed install, a teardown that failed between repeats), and a failure of theirs
 * has no app logs to show.
 */
export const TIERS_WITHOUT_APP: ReadonlySet<TierName> = new Set<TierName>(['lint']);
