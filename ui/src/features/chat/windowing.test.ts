import { describe, expect, it } from "vitest";
import { Heights } from "./windowing";

const filled = (n: number, px: number) => {
  const h = new Heights();
  h.setCount(n);
  for (let i = 0; i < n; i++) h.measure(i, px);
  return h;
};

describe("Heights", () => {
  it("computes offsets and the total from measured heights", () => {
    const h = new Heights();
    h.setCount(3);
    h.measure(0, 10);
    h.measure(1, 20);
    h.measure(2, 30);
    expect([h.offset(0), h.offset(1), h.offset(2), h.total()]).toEqual([0, 10, 30, 60]);
    expect([h.indexAt(0), h.indexAt(9.9), h.indexAt(10), h.indexAt(59), h.indexAt(1000)]).toEqual([0, 0, 1, 2, 2]);
  });

  it("takes unmeasured items as the mean of the measured ones", () => {
    const h = new Heights();
    h.setCount(4);
    expect(h.total()).toBe(4 * 96);
    h.measure(0, 100);
    h.measure(1, 200);
    expect(h.estimate).toBe(150);
    expect(h.total()).toBe(600);
  });

  it("reports how much a measurement changed the item, and nothing for a repeat", () => {
    const h = new Heights();
    h.setCount(2);
    h.measure(0, 50);
    expect(h.measure(1, 80)).toBe(30); // against the estimate (50)
    expect(h.measure(1, 80)).toBe(0);
    expect(h.measure(1, 60)).toBe(-20);
    expect(h.measure(5, 10)).toBe(0); // out of range: ignored
    expect(h.measure(0, Number.NaN)).toBe(0);
  });

  it("windows a long list to the viewport plus overscan", () => {
    const h = filled(500, 50);
    expect(h.range(0, 400, 100)).toEqual({ start: 0, end: 11 });
    // Scrolled to the end: the last items only.
    const top = h.total() - 400;
    const r = h.range(top, 400, 100);
    expect(r.end).toBe(500);
    expect(r.start).toBe(Math.floor((top - 100) / 50));
    expect(r.end - r.start).toBeLessThanOrEqual(12);
  });

  it("keeps the window bounded whatever the list length", () => {
    for (const n of [1, 10, 1000, 20000]) {
      const h = filled(n, 40);
      const r = h.range(h.total() / 2, 800, 600);
      expect(r.end - r.start).toBeLessThanOrEqual(Math.min(n, Math.ceil(2000 / 40) + 2));
      expect(r.start).toBeGreaterThanOrEqual(0);
      expect(r.end).toBeLessThanOrEqual(n);
    }
  });

  it("shrinks and grows with the list, keeping measured heights", () => {
    const h = filled(3, 10);
    h.setCount(5);
    expect(h.total()).toBe(50);
    h.setCount(1);
    expect(h.total()).toBe(10);
    expect(h.estimate).toBe(10);
    expect(new Heights().range(0, 100)).toEqual({ start: 0, end: 0 });
  });

  it("gives the item that joins the list the height it had while it streamed", () => {
    const h = filled(3, 10);
    h.measureNext(500);
    h.setCount(4);
    expect(h.total()).toBe(530);
    // Used once: the next item is estimated again.
    h.setCount(5);
    expect(h.total()).toBe(530 + h.estimate);
  });
});
