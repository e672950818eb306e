/** Extra height rendered above and below the viewport, so a quick scroll shows no gap. */
export const OVERSCAN_PX = 600;

/** Used for an item not measured yet while nothing has been measured. */
const FALLBACK_PX = 96;

export interface Range {
  /** First item rendered. */
  start: number;
  /** One past the last item rendered. */
  end: number;
}

/**
 * Heights of a windowed list: measured where an item has been on screen, otherwise the mean
 * of the measured ones. Offsets come from a prefix sum rebuilt only after a change.
 */
export class Heights {
  private heights: number[] = [];
  private measuredCount = 0;
  private measuredSum = 0;
  private prefix: number[] | null = null;

  get count(): number {
    return this.heights.length;
  }

  /** What an unmeasured item is taken to be. */
  get estimate(): number {
    return this.measuredCount ? this.measuredSum / this.measuredCount : FALLBACK_PX;
  }

  /** Items appended or removed at the end (a conversation only grows; a new one resets). */
  setCount(n: number): void {
    if (n === this.heights.length) return;
    const old = this.heights.length;
    for (let i = n; i < old; i++) this.forget(i);
    this.heights.length = n;
    for (let i = 0; i < n; i++) if (this.heights[i] === undefined) this.heights[i] = NaN;
    this.prefix = null;
    const next = this.next;
    this.next = NaN;
    if (n > old) this.measure(old, next);
  }

  /** Height of what is shown after the last item (the answer streaming in): the item it becomes. */
  private next = NaN;
  measureNext(px: number): void {
    this.next = px;
  }

  /** Records item `i`'s rendered height; returns how much its height changed (0: none). */
  measure(i: number, px: number): number {
    if (i < 0 || i >= this.heights.length || !(px >= 0)) return 0;
    const old = this.heights[i] ?? NaN;
    if (old === px) return 0;
    const before = Number.isNaN(old) ? this.estimate : old;
    this.forget(i);
    this.heights[i] = px;
    this.measuredCount++;
    this.measuredSum += px;
    this.prefix = null;
    return px - before;
  }

  private forget(i: number) {
    const old = this.heights[i];
    if (old !== undefined && !Number.isNaN(old)) {
      this.measuredCount--;
      this.measuredSum -= old;
    }
  }

  private offsets(): number[] {
    if (this.prefix) return this.prefix;
    const est = this.estimate;
    const p = new Array<number>(this.heights.length + 1);
    p[0] = 0;
    for (let i = 0; i < this.heights.length; i++) {
      const h = this.heights[i] ?? NaN;
      p[i + 1] = (p[i] ?? 0) + (Number.isNaN(h) ? est : h);
    }
    this.prefix = p;
    return p;
  }

  /** Top of item `i` (or the total height for `i === count`). */
  offset(i: number): number {
    const p = this.offsets();
    return p[Math.max(0, Math.min(i, p.length - 1))] ?? 0;
  }

  total(): number {
    return this.offset(this.heights.length);
  }

  /** Index of the item at vertical position `y` (clamped to the list). */
  indexAt(y: number): number {
    const p = this.offsets();
    let lo = 0;
    let hi = this.heights.length - 1;
    if (hi < 0) return 0;
    // Last i with p[i] <= y.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((p[mid] ?? 0) <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The items that intersect [scrollTop - overscan, scrollTop + viewport + overscan]. */
  range(scrollTop: number, viewport: number, overscan = OVERSCAN_PX): Range {
    const n = this.heights.length;
    if (n === 0) return { start: 0, end: 0 };
    const start = this.indexAt(Math.max(0, scrollTop - overscan));
    const bottom = scrollTop + Math.max(viewport, 0) + overscan;
    let end = this.indexAt(bottom) + 1;
    if (end > n) end = n;
    return { start, end: Math.max(end, start + 1) };
  }
}
