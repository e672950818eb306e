import { describe, expect, it } from "vitest";
import { visibleRows } from "./windowing";

describe("visibleRows", () => {
  it("renders only the rows in view plus overscan, padding the rest", () => {
    const w = visibleRows(10_000, 20, 2_000, 400, 5);
    expect(w.start).toBe(95);
    expect(w.end).toBe(125);
    expect(w.padTop).toBe(95 * 20);
    expect(w.padBottom).toBe((10_000 - 125) * 20);
  });

  it("clamps at both ends and handles empty lists", () => {
    expect(visibleRows(3, 20, 0, 400)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(visibleRows(100, 20, 99_999, 400).end).toBe(100);
    expect(visibleRows(0, 20, 0, 400)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
