/** Which rows of a fixed-row-height list are visible, so only those are rendered. */
export interface RowWindow {
  start: number;
  end: number;
  /** Space above the first rendered row, in px. */
  padTop: number;
  /** Space below the last rendered row, in px. */
  padBottom: number;
}

export function visibleRows(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan = 5,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewport) / rowHeight) + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
