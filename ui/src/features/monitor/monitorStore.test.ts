import { describe, expect, it } from "vitest";
import type { MonitorEntry } from "../../bindings/wire";
import { change, sample, verdict } from "./fixtures";
import { applyMonitor, emptyMonitor, mergeLag, mergeTimeline, pushLag, recentTimeline, sortVerdicts } from "./monitorStore";

describe("sortVerdicts", () => {
  it("puts stuck consumers first, then slow ones, then healthy, longest-standing first", () => {
    const sorted = sortVerdicts([
      verdict("S/ok", "healthy", "ok"),
      verdict("S/idle", "idle", "ok"),
      verdict("S/slow", "fallingBehind", "warning"),
      verdict("S/stall-new", "ackStall", "alert", 90_000),
      verdict("S/stall-old", "ackStall", "alert", 10_000),
      verdict("S/nobody", "noWorkers", "alert", 50_000),
      verdict("S/paused", "paused", "ok"),
    ]);
    expect(sorted.map((v) => v.id)).toEqual(["S/nobody", "S/stall-old", "S/stall-new", "S/slow", "S/paused", "S/ok", "S/idle"]);
  });
});

describe("applyMonitor", () => {
  it("keeps the latest verdict per consumer, drops removed ones and their lag", () => {
    const frames: MonitorEntry[][] = [
      [
        { type: "summary", severity: "alert", consumers: 2, ok: 1, warning: 0, alert: 1, idle: 0, paused: 0, poll: 3, atMs: 1, errors: [] },
        { type: "verdict", ...verdict("S/a", "healthy", "ok") },
        { type: "verdict", ...verdict("S/b", "ackStall", "alert") },
        { type: "lag", id: "S/b", sample: sample(1000, 5) },
      ],
      [{ type: "verdict", ...verdict("S/a", "noWorkers", "alert") }, { type: "removed", id: "S/b" }],
    ];
    let s = emptyMonitor();
    for (const f of frames) s = applyMonitor(s, f);
    expect([...s.verdicts.keys()]).toEqual(["S/a"]);
    expect(s.verdicts.get("S/a")?.kind).toBe("noWorkers");
    // The flow tag is not kept on the stored verdict.
    expect(s.verdicts.get("S/a")).not.toHaveProperty("type");
    expect(s.lag.has("S/b")).toBe(false);
    expect(s.summary?.poll).toBe(3);
  });

  it("returns the same state for an empty frame and a new one otherwise", () => {
    const s = emptyMonitor();
    expect(applyMonitor(s, [])).toBe(s);
    const next = applyMonitor(s, [{ type: "verdict", ...verdict("S/a", "idle", "ok") }]);
    expect(next).not.toBe(s);
    expect(s.verdicts.size).toBe(0);
  });

  it("merges timeline entries newest first without repeats", () => {
    let s = applyMonitor(emptyMonitor(), [{ type: "timeline", ...change(1, 10) }, { type: "timeline", ...change(2, 20) }]);
    s = applyMonitor(s, [{ type: "timeline", ...change(2, 20) }, { type: "timeline", ...change(3, 30) }]);
    expect(s.timeline.map((t) => t.seq)).toEqual([3, 2, 1]);
  });
});

describe("lag series", () => {
  it("appends in time order, ignores repeats and caps the length", () => {
    let s = pushLag([], sample(1, 1), 3);
    s = pushLag(s, sample(2, 2), 3);
    s = pushLag(s, sample(2, 99), 3);
    s = pushLag(s, sample(3, 3), 3);
    s = pushLag(s, sample(4, 4), 3);
    expect(s.map((p) => p.atMs)).toEqual([2, 3, 4]);
    expect(s[0]?.numPending).toBe(2);
  });

  it("places a late sample where it belongs", () => {
    const s = pushLag([sample(1, 1), sample(3, 3)], sample(2, 2));
    expect(s.map((p) => p.atMs)).toEqual([1, 2, 3]);
  });

  it("merges a history batch under live samples", () => {
    const live = [sample(50, 5), sample(60, 6)];
    const history = [sample(10, 1), sample(50, 99), sample(40, 4)];
    expect(mergeLag(live, history).map((p) => [p.atMs, p.numPending])).toEqual([
      [10, 1],
      [40, 4],
      [50, 5],
      [60, 6],
    ]);
  });
});

describe("timeline helpers", () => {
  it("caps at the newest entries and filters by time", () => {
    const merged = mergeTimeline([], [change(1, 100), change(2, 200), change(3, 300)], 2);
    expect(merged.map((t) => t.seq)).toEqual([3, 2]);
    expect(recentTimeline(merged, 250).map((t) => t.seq)).toEqual([3]);
  });
});
