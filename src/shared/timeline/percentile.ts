// Percentiles of past step durations: the linear interpolation between closest ranks (R-7, NumPy's
// default), so p50 of two runs is their mean and p90 lies between the two, never beyond the slowest.

export function percentile(values: readonly number[], p: number): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (rank - lo);
}

/** A step's p50/p90 duration in minutes, from past runs of the same runbook (core/evidence/baseline.ts). */
export type Baselines = Record<string, { p50: number; p90: number; runs: number }>;
