import type { MonitorLagSample } from "../../bindings/wire";

export type LagMetric = "numPending" | "numAckPending" | "numRedelivered" | "numWaiting";

export const METRIC_LABEL: Record<LagMetric, string> = {
  numPending: "Pending",
  numAckPending: "Ack pending",
  numRedelivered: "Redelivered",
  numWaiting: "Waiting pulls",
};

/** Series colours, distinguishable in both themes; cycled past the end. */
export const SERIES_COLORS = ["#0ea5e9", "#ef4444", "#22c55e", "#f59e0b", "#a855f7", "#14b8a6", "#ec4899", "#64748b"];

/** uPlot's aligned columns: x (seconds) then one y column per series, `null` for no sample. */
export type AlignedData = [number[], ...(number | null)[][]];

/**
 * Aligns several consumers' lag on one time axis (the union of their sample times), so
 * they overlay on one chart. Samples are oldest first in each series.
 */
export function alignLag(series: readonly (readonly MonitorLagSample[])[], metric: LagMetric): AlignedData {
  const times = new Set<number>();
  for (const s of series) for (const p of s) times.add(p.atMs);
  const xsMs = [...times].sort((a, b) => a - b);
  const index = new Map(xsMs.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const col: (number | null)[] = new Array<number | null>(xsMs.length).fill(null);
    for (const p of s) {
      const i = index.get(p.atMs);
      if (i !== undefined) col[i] = p[metric];
    }
    return col;
  });
  return [xsMs.map((t) => t / 1000), ...ys];
}

/** Points with a value, over every y column (what a test checks the chart drew). */
export function pointCount(data: AlignedData): number {
  let n = 0;
  for (let i = 1; i < data.length; i++) for (const v of data[i] as (number | null)[]) if (v !== null) n++;
  return n;
}

/** Keeps the chart's selection valid: drops ids that vanished, falls back to `fallback`. */
export function keepSelection(selected: readonly string[], known: ReadonlySet<string>, fallback: string | undefined, max = SERIES_COLORS.length): string[] {
  const kept = selected.filter((id) => known.has(id)).slice(0, max);
  if (kept.length === 0 && fallback !== undefined) return [fallback];
  return kept;
}

/** Toggles `id` in an overlay selection, capped at `max` (the oldest pick drops out). */
export function toggleOverlay(selected: readonly string[], id: string, max = SERIES_COLORS.length): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  const next = [...selected, id];
  return next.length > max ? next.slice(next.length - max) : next;
}
