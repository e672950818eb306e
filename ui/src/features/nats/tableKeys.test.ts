import { describe, expect, it } from "vitest";
import { moveSelection, scrollToRow } from "./tableKeys";

describe("moveSelection", () => {
  it("moves by row, page and to the ends, clamped", () => {
    expect(moveSelection(-1, "ArrowDown", 10, 5)).toBe(0);
    expect(moveSelection(0, "ArrowUp", 10, 5)).toBe(0);
    expect(moveSelection(3, "PageDown", 10, 5)).toBe(8);
    expect(moveSelection(8, "PageDown", 10, 5)).toBe(9);
    expect(moveSelection(8, "PageUp", 10, 5)).toBe(3);
    expect(moveSelection(4, "End", 10, 5)).toBe(9);
    expect(moveSelection(4, "Home", 10, 5)).toBe(0);
    expect(moveSelection(20, "ArrowDown", 10, 5)).toBe(9);
    expect(moveSelection(0, "x", 10, 5)).toBeNull();
    expect(moveSelection(0, "ArrowDown", 0, 5)).toBeNull();
  });
});

describe("scrollToRow", () => {
  it("scrolls only when the row is out of view", () => {
    expect(scrollToRow(5, 20, 0, 200)).toBe(0);
    expect(scrollToRow(10, 20, 0, 200)).toBe(20);
    expect(scrollToRow(2, 20, 100, 200)).toBe(40);
    expect(scrollToRow(9999, 26, 0, 260)).toBe(9999 * 26 + 26 - 260);
  });
});
