import { describe, expect, it } from "vitest";
import { summarize, weightedQuantile } from "./latency";

describe("weightedQuantile", () => {
  it("matches the plain quantile for unit weights", () => {
    const s = Array.from({ length: 100 }, (_, i) => ({ valueMs: i + 1, weight: 1 }));
    expect(weightedQuantile(s, 0.5)).toBe(50);
    expect(weightedQuantile(s, 0.99)).toBe(99);
  });

  it("lets a merged entry count for every event it carries", () => {
    // One entry carrying 99 events at 40 ms outweighs one event at 1 ms.
    const s = [
      { valueMs: 1, weight: 1 },
      { valueMs: 40, weight: 99 },
    ];
    expect(weightedQuantile(s, 0.5)).toBe(40);
    expect(weightedQuantile(s, 0.01)).toBe(1);
  });

  it("is NaN with no samples rather than a made-up number", () => {
    expect(weightedQuantile([], 0.99)).toBeNaN();
  });
});

describe("summarize", () => {
  it("reports p50, p99 and max", () => {
    const s = [3, 1, 2, 100].map((v) => ({ valueMs: v, weight: 1 }));
    expect(summarize(s)).toEqual({ p50: 2, p99: 100, max: 100 });
  });
});
