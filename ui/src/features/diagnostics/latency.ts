/** Latency samples where one sample may stand for many events (a merged entry). */
export interface Weighted {
  valueMs: number;
  weight: number;
}

/** The value below which `q` (0..1) of the total weight lies. */
export function weightedQuantile(samples: readonly Weighted[], q: number): number {
  const total = samples.reduce((s, x) => s + x.weight, 0);
  if (total <= 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a.valueMs - b.valueMs);
  const target = q * total;
  let seen = 0;
  for (const s of sorted) {
    seen += s.weight;
    if (seen >= target) return s.valueMs;
  }
  return sorted[sorted.length - 1]?.valueMs ?? Number.NaN;
}

export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly Weighted[]): LatencySummary {
  return {
    p50: weightedQuantile(samples, 0.5),
    p99: weightedQuantile(samples, 0.99),
    max: samples.length ? Math.max(...samples.map((s) => s.valueMs)) : Number.NaN,
  };
}
