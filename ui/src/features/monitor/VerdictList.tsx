import { useRef, type KeyboardEvent } from "react";
import type { MonitorVerdict } from "../../bindings/wire";
import { KIND_LABEL, verdictAge, verdictFacts } from "./verdictText";

interface Props {
  verdicts: readonly MonitorVerdict[];
  selected: string | null;
  overlay: readonly string[];
  onSelect(id: string): void;
  onToggleOverlay(id: string): void;
}

/**
 * Every consumer's verdict, stuck first. Arrow keys move between consumers (one tab stop),
 * Enter/click shows a consumer, the checkbox (or Space on a row) adds it to the chart.
 */
export function VerdictList({ verdicts, selected, overlay, onSelect, onToggleOverlay }: Props) {
  const rows = useRef<(HTMLButtonElement | null)[]>([]);
  const selectedIndex = Math.max(
    0,
    verdicts.findIndex((v) => v.id === selected),
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, i: number) => {
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    let next = i + step;
    if (e.key === "Home") next = 0;
    if (e.key === "End") next = verdicts.length - 1;
    if (next !== i && next >= 0 && next < verdicts.length) {
      e.preventDefault();
      const v = verdicts[next];
      if (v) onSelect(v.id);
      rows.current[next]?.focus();
    } else if (e.key === " ") {
      e.preventDefault();
      const v = verdicts[i];
      if (v) onToggleOverlay(v.id);
    }
  };

  if (verdicts.length === 0) return <p className="muted">No consumers yet: verdicts appear after the first polls.</p>;

  return (
    <ul className="verdicts" aria-label="Consumers, stuck first" data-testid="verdict-list">
      {verdicts.map((v, i) => {
        const isSel = v.id === selected;
        return (
          <li key={v.id} className="verdict" data-severity={v.severity} data-kind={v.kind} data-id={v.id} data-selected={isSel || undefined}>
            <button
              ref={(el) => {
                rows.current[i] = el;
              }}
              type="button"
              className="verdict-main"
              tabIndex={i === selectedIndex ? 0 : -1}
              aria-pressed={isSel}
              onClick={() => onSelect(v.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span className="verdict-head">
                <span className="verdict-badge" data-severity={v.severity}>
                  {KIND_LABEL[v.kind]}
                </span>
                <strong className="verdict-id">{v.id}</strong>
                {v.severity !== "ok" && <span className="muted">for {verdictAge(v)}</span>}
                {v.threshold && <span className="verdict-threshold" title="Set by consumer metadata">{v.threshold}</span>}
              </span>
              <span className="verdict-reason" data-testid="verdict-reason">
                {v.reason}
              </span>
              {v.severity !== "ok" && (
                <span className="verdict-facts">
                  {verdictFacts(v).map((f) => (
                    <span key={f.label}>
                      {f.label} <b>{f.value}</b>
                    </span>
                  ))}
                </span>
              )}
            </button>
            <label className="verdict-overlay">
              <input
                type="checkbox"
                tabIndex={-1}
                checked={overlay.includes(v.id)}
                onChange={() => onToggleOverlay(v.id)}
                aria-label={`Compare ${v.id} on the chart`}
              />
              Compare
            </label>
          </li>
        );
      })}
    </ul>
  );
}
