import type {
  MonitorEntry,
  MonitorLagSample,
  MonitorSeverity,
  MonitorSummary,
  MonitorTimelineEntry,
  MonitorVerdict,
  MonitorVerdictKind,
} from "../../bindings/wire";

/** Lag points kept per consumer in the view (an hour at a 5 s poll, with room). */
export const LAG_CAP = 900;
/** Timeline entries kept in the view, newest first. */
export const TIMELINE_CAP = 500;

/** What the Health view holds: the latest verdict per consumer, lag history, the timeline. */
export interface MonitorState {
  summary: MonitorSummary | null;
  verdicts: Map<string, MonitorVerdict>;
  lag: Map<string, MonitorLagSample[]>;
  timeline: MonitorTimelineEntry[];
}

export function emptyMonitor(): MonitorState {
  return { summary: null, verdicts: new Map(), lag: new Map(), timeline: [] };
}

/** Appends `sample` in time order, dropping repeats and the oldest beyond `cap`. */
export function pushLag(series: MonitorLagSample[], sample: MonitorLagSample, cap = LAG_CAP): MonitorLagSample[] {
  const last = series[series.length - 1];
  if (last && sample.atMs <= last.atMs) {
    if (sample.atMs === last.atMs) return series;
    // Out of order (rare: a replayed history): insert in place.
    const next = [...series, sample].sort((a, b) => a.atMs - b.atMs);
    return next.length > cap ? next.slice(next.length - cap) : next;
  }
  const next = series.length >= cap ? series.slice(series.length - cap + 1) : series.slice();
  next.push(sample);
  return next;
}

/** Merges a batch (e.g. the kept history) into a series: time order, unique times, capped. */
export function mergeLag(series: readonly MonitorLagSample[], added: readonly MonitorLagSample[], cap = LAG_CAP): MonitorLagSample[] {
  const byTime = new Map<number, MonitorLagSample>();
  for (const s of series) byTime.set(s.atMs, s);
  for (const s of added) if (!byTime.has(s.atMs)) byTime.set(s.atMs, s);
  const all = [...byTime.values()].sort((a, b) => a.atMs - b.atMs);
  return all.length > cap ? all.slice(all.length - cap) : all;
}

/** Applies one frame's entries; returns a new state so React sees the change. */
export function applyMonitor(prev: MonitorState, entries: readonly MonitorEntry[]): MonitorState {
  if (entries.length === 0) return prev;
  const next: MonitorState = {
    summary: prev.summary,
    verdicts: prev.verdicts,
    lag: prev.lag,
    timeline: prev.timeline,
  };
  let verdictsCopied = false;
  let lagCopied = false;
  const newTimeline: MonitorTimelineEntry[] = [];
  for (const e of entries) {
    switch (e.type) {
      case "summary":
        next.summary = e;
        break;
      case "verdict": {
        if (!verdictsCopied) {
          next.verdicts = new Map(next.verdicts);
          verdictsCopied = true;
        }
        next.verdicts.set(e.id, withoutTag(e));
        break;
      }
      case "removed":
        if (!verdictsCopied) {
          next.verdicts = new Map(next.verdicts);
          verdictsCopied = true;
        }
        if (!lagCopied) {
          next.lag = new Map(next.lag);
          lagCopied = true;
        }
        next.verdicts.delete(e.id);
        next.lag.delete(e.id);
        break;
      case "timeline":
        newTimeline.push(e);
        break;
      case "lag": {
        if (!lagCopied) {
          next.lag = new Map(next.lag);
          lagCopied = true;
        }
        next.lag.set(e.id, pushLag(next.lag.get(e.id) ?? [], e.sample));
        break;
      }
      default:
        break;
    }
  }
  if (newTimeline.length > 0) next.timeline = mergeTimeline(prev.timeline, newTimeline);
  return next;
}

/** The stored verdict without the flow's `type` tag. */
function withoutTag(e: { type: "verdict" } & MonitorVerdict): MonitorVerdict {
  const copy: Partial<typeof e> = { ...e };
  delete copy.type;
  return copy as MonitorVerdict;
}

/** Newest first, unique by `seq`, at most `cap`. */
export function mergeTimeline(
  prev: readonly MonitorTimelineEntry[],
  added: readonly MonitorTimelineEntry[],
  cap = TIMELINE_CAP,
): MonitorTimelineEntry[] {
  const seen = new Set(prev.map((t) => t.seq));
  const fresh = added.filter((t) => !seen.has(t.seq));
  const all = [...fresh, ...prev].sort((a, b) => b.seq - a.seq);
  return all.length > cap ? all.slice(0, cap) : all;
}

const SEVERITY_RANK: Record<MonitorSeverity, number> = { alert: 2, warning: 1, ok: 0 };

/** How urgent a kind is within one severity: stuck before slow before fine. */
const KIND_RANK: Record<MonitorVerdictKind, number> = {
  noWorkers: 8,
  ackStall: 7,
  redeliveryLoop: 6,
  saturated: 5,
  replication: 4,
  fallingBehind: 3,
  paused: 2,
  healthy: 1,
  idle: 0,
};

/** Stuck first: severity, then kind, then longest-standing, then name. */
export function sortVerdicts(verdicts: Iterable<MonitorVerdict>): MonitorVerdict[] {
  return [...verdicts].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      KIND_RANK[b.kind] - KIND_RANK[a.kind] ||
      a.sinceMs - b.sinceMs ||
      a.id.localeCompare(b.id),
  );
}

/** Timeline entries at or after `sinceMs` (server time). */
export function recentTimeline(timeline: readonly MonitorTimelineEntry[], sinceMs: number): MonitorTimelineEntry[] {
  return timeline.filter((t) => t.atMs >= sinceMs);
}
