import { useRef, useState } from "react";
import type { IpcError, LoadSpec } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { formatCount } from "../../format/units";
import { runPipeline, type RunMode, type RunResult } from "./pipelineRun";
import { DEFAULT_BASELINE_MS, DEFAULT_SPEC, LIMITS, parseSpec, toDraft } from "./spec";

const MODE_LABEL: Record<RunMode, string> = {
  batched: "Flow engine (batched)",
  per_event: "One message per event",
};

function ms(v: number) {
  return Number.isFinite(v) ? `${v.toFixed(1)} ms` : "—";
}

/**
 * Measures this machine's event path end to end: synthetic events from the Rust core,
 * through the flow engine or one channel message each, until painted here.
 */
export function DiagnosticsSection() {
  const [draft, setDraft] = useState<Record<keyof LoadSpec, string>>(() => toDraft(DEFAULT_SPEC));
  const [baselineMs, setBaselineMs] = useState(String(DEFAULT_BASELINE_MS));
  const [running, setRunning] = useState<RunMode | null>(null);
  const [results, setResults] = useState<RunResult[]>([]);
  const [error, setError] = useState<IpcError | null>(null);
  const live = useRef<HTMLSpanElement>(null);

  const field = (key: keyof LoadSpec, label: string) => (
    <label className="num-field">
      {label}
      <input
        type="number"
        name={String(key)}
        min={LIMITS[key][0]}
        max={LIMITS[key][1]}
        value={draft[key]}
        disabled={running !== null}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );

  const run = async () => {
    setResults([]);
    const parsed = parseSpec(draft);
    if ("message" in parsed) {
      setError(parsed);
      return;
    }
    const baselineDuration = parseSpec({ ...draft, durationMs: baselineMs });
    if ("message" in baselineDuration) {
      setError({ ...baselineDuration, message: `Baseline: ${baselineDuration.message}` });
      return;
    }
    setError(null);
    const out: RunResult[] = [];
    try {
      // Batched first: the baseline can leave a backlog in the webview behind it.
      const runs = [
        ["batched", parsed],
        ["per_event", baselineDuration],
      ] as const;
      for (const [mode, spec] of runs) {
        setRunning(mode);
        const r = await runPipeline(mode, spec, (n) => {
          if (live.current) live.current.textContent = formatCount(n);
        });
        out.push(r);
        setResults([...out]);
      }
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setRunning(null);
    }
  };

  const batched = results.find((r) => r.mode === "batched");
  const baseline = results.find((r) => r.mode === "per_event");
  const ratio = batched && baseline && baseline.eventsPerSec > 0 ? batched.eventsPerSec / baseline.eventsPerSec : null;

  return (
    <section aria-labelledby="diag-title" className="section">
      <h1 id="diag-title">Diagnostics</h1>
      <p className="lede">
        Pipeline benchmark: the core produces keyed events at a fixed rate; this view counts every one and times
        each from its send in Rust to the paint that shows it. The same run repeats with one channel message per
        event, the way most tools stream.
      </p>
      <form
        className="row"
        // Our own validation gives one clear message; the browser's bubbles vary by engine.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        {field("eventsPerSec", "events/s")}
        {field("durationMs", "duration (ms)")}
        {field("keys", "keys")}
        {field("payloadBytes", "payload (B)")}
        <label className="num-field" title="The one-message-per-event path queues every message in the webview; a shorter run keeps its backlog bounded">
          baseline duration (ms)
          <input
            type="number"
            name="baselineMs"
            min={1}
            max={60_000}
            value={baselineMs}
            disabled={running !== null}
            onChange={(e) => setBaselineMs(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={running !== null} data-testid="bench-run">
          {running ? `Running: ${MODE_LABEL[running]}…` : "Run benchmark"}
        </button>
      </form>
      <p className="muted" aria-live="polite">
        {running ? (
          <>
            Events painted: <span ref={live}>0</span>
          </>
        ) : null}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          {error.message}
        </p>
      )}
      {results.length > 0 && (
        <table
          className="table"
          data-testid="bench-result"
          data-json={running ? undefined : JSON.stringify({ spec: parseSpec(draft), baselineMs: Number(baselineMs), results, ratio })}
        >
          <thead>
            <tr>
              <th>path</th>
              <th>events accounted</th>
              <th>events/s</th>
              <th>messages</th>
              <th>p50</th>
              <th>p99</th>
              <th>max</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.mode}>
                <td>{MODE_LABEL[r.mode]}</td>
                <td>
                  {formatCount(r.accounted)} / {formatCount(r.offered)}
                  {r.complete ? "" : " (incomplete)"}
                </td>
                <td>{formatCount(Math.round(r.eventsPerSec))}</td>
                <td>{formatCount(r.messages)}</td>
                <td>{ms(r.latency.p50)}</td>
                <td>{ms(r.latency.p99)}</td>
                <td>{ms(r.latency.max)}</td>
              </tr>
            ))}
          </tbody>
          {ratio !== null && (
            <tfoot>
              <tr>
                <td colSpan={7}>Flow engine vs one message per event: {ratio.toFixed(1)}× the events/s</td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}
