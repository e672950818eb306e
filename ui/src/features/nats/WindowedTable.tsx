import { useMemo, useState } from "react";
import { filterRows, nextSort, sortRows, type Column, type SortState } from "./table";
import { visibleRows } from "./windowing";

const ROW_HEIGHT = 26;
const VIEWPORT = 260;

interface Props<T> {
  label: string;
  testId: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
}

/** A sortable, filterable table that renders only the rows in view (10k rows stay smooth). */
export function WindowedTable<T>({ testId, label, rows, columns, rowKey }: Props<T>) {
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<SortState | null>({ key: columns[0]?.key ?? "", descending: false });
  const [scrollTop, setScrollTop] = useState(0);
  const shown = useMemo(() => sortRows(filterRows(rows, columns, filter), columns, sort), [rows, columns, filter, sort]);
  const win = visibleRows(shown.length, ROW_HEIGHT, scrollTop, VIEWPORT);
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
      <div className="nats-scroll" style={{ height: VIEWPORT }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }}>
          {shown.slice(win.start, win.end).map((row) => (
            <div key={rowKey(row)} className="nats-row" role="row" style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
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
