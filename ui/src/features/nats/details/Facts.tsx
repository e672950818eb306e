import { useEffect, useRef, type ReactNode } from "react";

/** A definition list of label → value rows. */
export function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="nats-facts" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A detail panel: takes focus when opened, closes on Escape or its Close button. */
export function DetailPanel({ title, testId, onClose, children }: { title: string; testId: string; onClose(): void; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <section
      className="nats-detail"
      data-testid={testId}
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="nats-table-bar">
        <h3 ref={heading} tabIndex={-1}>
          {title}
        </h3>
        <button type="button" data-testid={`${testId}-close`} onClick={onClose}>
          Close (Esc)
        </button>
      </div>
      {children}
    </section>
  );
}

export const num = (n: number) => (n < 0 ? "unlimited" : n.toLocaleString());
export const when = (ms: number | null) => (ms ? new Date(ms).toISOString().replace("T", " ").replace("Z", " UTC") : "—");
