/** Keyboard movement in a windowed table: which row is selected after a key. */
export function moveSelection(current: number, key: string, count: number, pageRows: number): number | null {
  if (count <= 0) return null;
  const at = current < 0 ? -1 : Math.min(current, count - 1);
  const page = Math.max(1, pageRows);
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, at + 1);
    case "ArrowUp":
      return Math.max(0, at - 1);
    case "PageDown":
      return Math.min(count - 1, Math.max(0, at) + page);
    case "PageUp":
      return Math.max(0, at - page);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

/** The scrollTop that brings row `index` into a viewport, moving as little as possible. */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewport: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
