/** The tiers a recipe's CI config can name, in the order a run takes them. */
export const TIERS = ['install', 'upgrade', 'backup', 'restore', 'custom'] as const;
export type TierName = (typeof TIERS)[number];
