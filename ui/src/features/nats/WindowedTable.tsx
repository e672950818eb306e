import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { filterRows, nextSort, sortRows, type Column, type SortState } from "./table";
import { moveSelection, scrollToRow } from "./tableKeys";
import { visibleRows } from "./windowing";

const ROW_HEIGHT = 26;
const VIEWPORT = 260;

interface Props<T> {
  label: string;
  testId: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  /** Enter (or a double click) on a row opens it, e.g. in a detail view. */
  onOpen?(row: T): void;
}

/** A sortable, filterable table that renders only the rows in view (10k rows stay smooth). */
export function WindowedTable<T>({ testId, label, rows, columns, rowKey, onOpen }: Props<T>) {
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<SortState | null>({ key: columns[0]?.key ?? "", descending: false });
  const [scrollTop, setScrollTop] = useState(0);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => sortRows(filterRows(rows, columns, filter), columns, sort), [rows, columns, filter, sort]);
  const win = visibleRows(shown.length, ROW_HEIGHT, scrollTop, VIEWPORT);
  const selected = selectedKey === null ? -1 : shown.findIndex((r) => rowKey(r) === selectedKey);
  // Arrows, Page Up/Down, Home/End move the selection; Enter opens the selected row.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = selected >= 0 ? shown[selected] : undefined;
    if (e.key === "Enter" && current !== undefined && onOpen) {
      e.preventDefault();
      onOpen(current);
      return;
    }
    const next = moveSelection(selected, e.key, shown.length, Math.floor(VIEWPORT / ROW_HEIGHT) - 1);
    const target = next === null ? undefined : shown[next];
    if (next === null || target === undefined) return;
    e.preventDefault();
    setSelectedKey(rowKey(target));
    const el = scroller.current;
    if (el) {
      const top = scrollToRow(next, ROW_HEIGHT, el.scrollTop, el.clientHeight || VIEWPORT);
      el.scrollTop = top;
      setScrollTop(top);
    }
  };
  const template = columns.map((c) => (c.numeric ? "minmax(70px, 0.6fr)" : "minmax(100px, 1fr)")).join(" ");

  return (
    <section className="nats-table" data-testid={testId} aria-label={label}>
      <div className="nats-table-bar">
        <h3>
          {label} <span className="muted">({shown.length === rows.length ? rows.length : `${shown.length} of ${rows.length}`})</span>
        </h3>
        <input
          className="nats-filter"
          type="search"
          placeholder="Filter…"
          aria-label={`Filter ${label.toLowerCase()}`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div className="nats-row nats-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <button
            key={c.key}
            type="button"
            role="columnheader"
            className={c.numeric ? "nats-cell nats-num" : "nats-cell"}
            onClick={() => setSort(nextSort(sort, c.key))}
          >
            {c.title}
            {sort?.key === c.key ? (sort.descending ? " ▾" : " ▴") : ""}
          </button>
        ))}
      </div>
      <div
        ref={scroller}
        className="nats-scroll"
        style={{ height: VIEWPORT }}
        tabIndex={0}
        role="grid"
        aria-label={`${label} rows`}
        aria-rowcount={shown.length}
        data-testid={`${testId}-grid`}
        data-selected={selected}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }}>
          {shown.slice(win.start, win.end).map((row, i) => (
            <div
              key={rowKey(row)}
              className="nats-row"
              role="row"
              aria-rowindex={win.start + i + 1}
              aria-selected={win.start + i === selected}
              style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}
              onClick={() => setSelectedKey(rowKey(row))}
              onDoubleClick={() => onOpen?.(row)}
            >
              {columns.map((c) => (
                <span key={c.key} role="cell" className={c.numeric ? "nats-cell nats-num" : "nats-cell"}>
                  {String(c.value(row))}
                </span>
              ))}
            </div>
          ))}
          {shown.length === 0 && <p className="muted nats-empty">Nothing to show yet.</p>}
        </div>
      </div>
    </section>
  );
}
