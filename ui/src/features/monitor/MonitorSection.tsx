import { useEffect, useMemo, useState } from "react";
import type { IpcError, NatsProfileView, TrayStatus } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { nats } from "../nats/natsClient";
import { keepSelection, METRIC_LABEL, toggleOverlay, type LagMetric } from "./lagChart";
import { LagChart } from "./LagChart";
import { monitor } from "./monitorClient";
import { recentTimeline, sortVerdicts } from "./monitorStore";
import { onNav, takePendingNav } from "./navRequests";
import { Timeline } from "./Timeline";
import { useLag, useMonitor } from "./useMonitor";
import { VerdictList } from "./VerdictList";
import { KIND_LABEL, formatCount } from "./verdictText";
import "./monitor.css";

const HOUR_MS = 3_600_000;
const TRAY_POLL_MS = 2_000;

/** Health: which consumer is stuck and why, its lag, and what changed in the last hour. */
export function MonitorSection() {
  const [profile, setProfile] = useState<NatsProfileView | null>(null);
  const [startError, setStartError] = useState<IpcError | null>(null);
  const [selected, setSelected] = useState<string | null>(() => takePendingNav("monitor")?.consumerId ?? null);
  const [overlay, setOverlay] = useState<string[]>([]);
  const [metric, setMetric] = useState<LagMetric>("numPending");
  const [tray, setTray] = useState<TrayStatus | null>(null);
  const { state, error } = useMonitor(profile?.id ?? null);

  useEffect(() => {
    let live = true;
    // With no connection configured, health is the sandbox's (started here if needed).
    nats.startSandbox().then(
      (p) => live && setProfile(p),
      (err: unknown) => live && setStartError(toIpcError(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(
    () =>
      onNav((req) => {
        if (req.section !== "monitor") return;
        takePendingNav("monitor");
        if (req.consumerId) setSelected(req.consumerId);
      }),
    [],
  );

  // Pause state and alerts can change from the tray menu; follow them.
  useEffect(() => {
    let live = true;
    const poll = () =>
      monitor.trayStatus().then(
        (t) => live && setTray(t),
        () => undefined,
      );
    void poll();
    const timer = window.setInterval(() => void poll(), TRAY_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);

  const verdicts = useMemo(() => sortVerdicts(state.verdicts.values()), [state.verdicts]);
  const known = useMemo(() => new Set(state.verdicts.keys()), [state.verdicts]);
  const primary = selected && known.has(selected) ? selected : (verdicts[0]?.id ?? null);
  const chartIds = useMemo(
    () => keepSelection(primary ? [primary, ...overlay.filter((id) => id !== primary)] : overlay, known, undefined),
    [primary, overlay, known],
  );
  const lag = useLag(profile?.id ?? null, chartIds);
  const series = useMemo(() => chartIds.map((id) => ({ id, samples: lag.get(id) ?? [] })), [chartIds, lag]);
  const now = state.summary?.atMs ?? 0;
  const timeline = useMemo(() => recentTimeline(state.timeline, now - HOUR_MS), [state.timeline, now]);
  const current = primary ? state.verdicts.get(primary) : undefined;
  const s = state.summary;
  const paused = tray?.paused ?? false;

  const togglePause = () => {
    monitor.setPaused(!paused).then(setTray, (err: unknown) => console.warn(toIpcError(err)));
  };

  return (
    <div className="monitor-section" data-testid="monitor-section">
      <div className="monitor-bar">
        <h2>Health</h2>
        <p className="monitor-summary" role="status" data-testid="monitor-summary" data-severity={paused ? "paused" : (s?.severity ?? "ok")}>
          <span className="status-dot" />
          {!s || s.poll === 0
            ? "Waiting for the first poll…"
            : paused
              ? `Monitoring paused · ${formatCount(s.consumers)} consumers`
              : `${formatCount(s.consumers)} consumers · ${s.alert} alerting · ${s.warning} warning · ${s.ok} ok · ${s.idle} idle · ${s.paused} paused`}
        </p>
        <button type="button" className="monitor-pause" aria-pressed={paused} onClick={togglePause} data-testid="monitor-pause">
          {paused ? "Resume monitoring" : "Pause monitoring"}
        </button>
      </div>
      {(startError ?? error) && <p className="notice notice-error">{(startError ?? error)?.message}</p>}
      {s && s.errors.length > 0 && <p className="notice muted">{s.errors.join(" · ")}</p>}
      <div className="monitor-grid">
        <section aria-labelledby="verdicts-title" className="monitor-panel">
          <h3 id="verdicts-title">Consumers</h3>
          <VerdictList
            verdicts={verdicts}
            selected={primary}
            overlay={overlay}
            onSelect={setSelected}
            onToggleOverlay={(id) => setOverlay((o) => toggleOverlay(o, id))}
          />
        </section>
        <section aria-labelledby="lag-title" className="monitor-panel" data-testid="lag-panel">
          <div className="monitor-panel-bar">
            <h3 id="lag-title">
              Lag{current ? `: ${current.id}` : ""}
              {chartIds.length > 1 ? ` and ${chartIds.length - 1} more` : ""}
            </h3>
            <label>
              Show{" "}
              <select value={metric} onChange={(e) => setMetric(e.target.value as LagMetric)}>
                {Object.entries(METRIC_LABEL).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <LagChart series={series} metric={metric} />
          {current && (
            <div className="monitor-detail" data-testid="monitor-detail">
              <p>
                <span className="verdict-badge" data-severity={current.severity}>
                  {KIND_LABEL[current.kind]}
                </span>{" "}
                {current.reason}
              </p>
              {current.also.length > 0 && <p className="muted">Also: {current.also.map((k) => KIND_LABEL[k]).join(", ")}</p>}
              <p className="muted">
                Filter: <code>{current.filterSubjects.join(", ") || "(all subjects)"}</code>
              </p>
            </div>
          )}
        </section>
      </div>
      <section aria-labelledby="timeline-title" className="monitor-panel">
        <h3 id="timeline-title">What changed in the last hour</h3>
        <Timeline entries={timeline} />
      </section>
    </div>
  );
}
