import type { MonitorTimelineEntry } from "../../bindings/wire";
import { CHANGE_LABEL } from "./verdictText";

interface Props {
  entries: readonly MonitorTimelineEntry[];
}

/** Local HH:MM:SS without Intl: the webview's default locale can be "C", which Intl refuses. */
function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** "What changed in the last hour": newest first, each with its before/after diff. */
export function Timeline({ entries }: Props) {
  if (entries.length === 0) return <p className="muted">Nothing changed in the last hour.</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((t) => (
        <li key={t.seq} className="timeline-entry" data-kind={t.kind}>
          <details>
            <summary>
              <time dateTime={new Date(t.atMs).toISOString()}>{clock(t.atMs)}</time>
              <span className="timeline-kind">{CHANGE_LABEL[t.kind]}</span>
              <strong>{t.consumer ? `${t.stream}/${t.consumer}` : t.stream}</strong>
              {t.subjects.length > 0 && <code className="timeline-subjects">{t.subjects.join(", ")}</code>}
              <span className="timeline-summary">{t.summary}</span>
            </summary>
            {t.diff.length > 0 ? (
              <table className="timeline-diff">
                <caption className="visually-hidden">Before and after</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {t.diff.map((d) => (
                    <tr key={d.field}>
                      <th scope="row">{d.field}</th>
                      <td className="diff-before">{d.before ?? "—"}</td>
                      <td className="diff-after">{d.after ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">No field-level diff.</p>
            )}
          </details>
        </li>
      ))}
    </ol>
  );
}
