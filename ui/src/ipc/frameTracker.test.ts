import { describe, expect, it } from "vitest";
import type { Frame } from "../bindings/wire";
import { initialTrackerState, trackFrame } from "./frameTracker";

const stats = { received: 0, delivered: 0, merged: 0, superseded: 0, dropped: 0, frames: 0 };

function frame(seq: number, generation = 0, dropped: Frame<number>["dropped"] = null): Frame<number> {
  return { sub: 1, generation, seq, entries: [seq], dropped, stats: { ...stats, frames: seq } };
}

describe("trackFrame", () => {
  it("counts nothing missing for consecutive frames", () => {
    let s = initialTrackerState;
    for (const seq of [1, 2, 3]) s = trackFrame(s, frame(seq));
    expect(s.lastSeq).toBe(3);
    expect(s.missingFrames).toBe(0);
    expect(s.frames).toBe(3);
  });

  it("counts frames that never arrived", () => {
    let s = trackFrame(initialTrackerState, frame(1));
    s = trackFrame(s, frame(5));
    expect(s.missingFrames).toBe(3);
  });

  it("counts a missing first frame", () => {
    expect(trackFrame(initialTrackerState, frame(3)).missingFrames).toBe(2);
  });

  it("sums ring drops reported by the core", () => {
    let s = trackFrame(initialTrackerState, frame(1, 0, { count: 10, firstSeq: 3, lastSeq: 12 }));
    s = trackFrame(s, frame(2, 0, { count: 5, firstSeq: 20, lastSeq: 24 }));
    expect(s.droppedEvents).toBe(15);
    expect(s.lastDrop).toEqual({ count: 5, firstSeq: 20, lastSeq: 24 });
  });

  it("follows a new generation; seq stays continuous across it", () => {
    let s = trackFrame(initialTrackerState, frame(1, 0));
    s = trackFrame(s, frame(2, 1));
    expect(s.generation).toBe(1);
    expect(s.missingFrames).toBe(0);
  });
});
