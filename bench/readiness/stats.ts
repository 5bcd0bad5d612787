/** Order statistics for latency samples (nearest-rank percentiles: every figure is a real sample). */

export interface Summary {
  n: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  min: number | null;
  mean: number | null;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? null,
    min: sorted[0] ?? null,
    mean: n === 0 ? null : Math.round(sorted.reduce((a, b) => a + b, 0) / n),
  };
}

export function median(samples: readonly number[]): number {
  return (
    percentile(
      [...samples].sort((a, b) => a - b),
      50,
    ) ?? Number.NaN
  );
}
