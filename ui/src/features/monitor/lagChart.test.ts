import { describe, expect, it } from "vitest";
import { sample } from "./fixtures";
import { alignLag, keepSelection, pointCount, toggleOverlay } from "./lagChart";

describe("alignLag", () => {
  it("puts several consumers on one time axis with gaps as null", () => {
    const a = [sample(1000, 1), sample(3000, 3)];
    const b = [sample(2000, 20), sample(3000, 30)];
    const data = alignLag([a, b], "numPending");
    expect(data).toEqual([
      [1, 2, 3],
      [1, null, 3],
      [null, 20, 30],
    ]);
    expect(pointCount(data)).toBe(4);
  });

  it("handles no series and empty series", () => {
    expect(alignLag([], "numPending")).toEqual([[]]);
    expect(pointCount(alignLag([[]], "numPending"))).toBe(0);
  });
});

describe("chart selection", () => {
  it("drops vanished consumers and falls back to one", () => {
    const known = new Set(["S/a", "S/b"]);
    expect(keepSelection(["S/gone", "S/b"], known, "S/a")).toEqual(["S/b"]);
    expect(keepSelection(["S/gone"], known, "S/a")).toEqual(["S/a"]);
    expect(keepSelection([], known, undefined)).toEqual([]);
  });

  it("toggles overlays with a cap", () => {
    expect(toggleOverlay(["a"], "b", 2)).toEqual(["a", "b"]);
    expect(toggleOverlay(["a", "b"], "a", 2)).toEqual(["b"]);
    expect(toggleOverlay(["a", "b"], "c", 2)).toEqual(["b", "c"]);
  });
});
