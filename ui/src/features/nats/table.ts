/** Sorting and filtering for the streams and consumers tables. */

export interface Column<T> {
  key: string;
  title: string;
  /** Value used for sorting and shown (as text) in the cell. */
  value(row: T): string | number;
  numeric?: boolean;
}

export interface SortState {
  key: string;
  descending: boolean;
}

/** Rows whose shown values contain every word of `filter` (case-insensitive). */
export function filterRows<T>(rows: readonly T[], columns: readonly Column<T>[], filter: string): T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows.slice();
  return rows.filter((row) => {
    const hay = columns.map((c) => String(c.value(row)).toLowerCase()).join(" ");
    return words.every((w) => hay.includes(w));
  });
}

/** A stable sort by one column; numbers compare as numbers, text naturally. */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): T[] {
  const out = rows.slice();
  const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !col) return out;
  const dir = sort.descending ? -1 : 1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  out.sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return c * dir;
  });
  return out;
}

/** Clicking a header: sort by it ascending, then descending, then the same again. */
export function nextSort(current: SortState | null, key: string): SortState {
  if (current?.key === key) return { key, descending: !current.descending };
  return { key, descending: false };
}
