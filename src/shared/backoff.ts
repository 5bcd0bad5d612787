/**
 * Retry delays for failed attempts: the first is `interval`, each next one grows by half up to
 * a cap, and "full jitter" spreads them so that 50 hosts retrying against one network do not
 * move in lock-step. The cap is low on purpose: the gate is judged by how soon after a host
 * truly became ready it notices, and a long sleep is the commonest way to notice late.
 */

export interface BackoffPolicy {
  firstMs: number;
  capMs: number;
  /** 0 = none; 0.5 = each delay drawn from [50%, 100%] of the nominal one. */
  jitter: number;
}

export function backoffDelay(policy: BackoffPolicy, attempt: number, random = Math.random): number {
  const nominal = Math.min(policy.capMs, policy.firstMs * 1.5 ** Math.max(0, attempt));
  return Math.round(nominal * (1 - policy.jitter * random()));
}
