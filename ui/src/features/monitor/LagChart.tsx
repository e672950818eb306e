import { useEffect, useMemo, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { MonitorLagSample } from "../../bindings/wire";
import { alignLag, METRIC_LABEL, pointCount, SERIES_COLORS, type LagMetric } from "./lagChart";
import { formatCount } from "./verdictText";

export interface ChartSeries {
  id: string;
  samples: readonly MonitorLagSample[];
}

interface Props {
  series: readonly ChartSeries[];
  metric: LagMetric;
  height?: number;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Live lag of one consumer or several overlaid (uPlot: canvas, cheap per update). */
export function LagChart({ series, metric, height = 220 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = useMemo(() => alignLag(series.map((s) => s.samples), metric), [series, metric]);
  const ids = series.map((s) => s.id).join("\n");

  // The plot is rebuilt only when the set of series or the metric changes; new samples
  // go through setData below.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = { stroke: cssVar("--muted", "#888"), grid: { stroke: cssVar("--border", "#ddd"), width: 1 }, ticks: { stroke: cssVar("--border", "#ddd"), width: 1 } };
    const names = ids === "" ? [] : ids.split("\n");
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [axis, { ...axis, size: 60, values: (_u, vals) => vals.map((v) => formatCount(v)) }],
      series: [
        {},
        ...names.map((name, i) => ({
          label: name,
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          width: 2,
          spanGaps: true,
          points: { show: false },
        })),
      ],
    };
    // Empty columns; the data effect below (same commit, declared later) fills them.
    const empty = [[], ...names.map(() => [])] as uPlot.AlignedData;
    const u = new uPlot(opts, empty, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [ids, metric, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  const summary = series
    .map((s) => {
      const last = s.samples[s.samples.length - 1];
      return `${s.id} ${last ? formatCount(last[metric]) : "no samples"}`;
    })
    .join(", ");

  return (
    <div
      ref={host}
      className="lag-chart"
      data-testid="lag-chart"
      data-points={pointCount(data)}
      data-series={series.length}
      role="img"
      aria-label={`${METRIC_LABEL[metric]} over time: ${summary || "no consumer selected"}`}
    />
  );
}
