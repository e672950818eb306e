import type { HealthState } from "./useHealth";
import { formatBytes, formatCount, formatDuration } from "../../format/units";

/** The landing section: what the core is doing right now, straight from the stream. */
export function OverviewSection({ health }: { health: HealthState }) {
  const { sample, tracker, status, error } = health;
  return (
    <section aria-labelledby="overview-title" className="section">
      <h1 id="overview-title">Overview</h1>
      <p className="lede">
        Sluice's Rust core owns every live connection and streams batched updates to this window.
        The figures below arrive over the same path every stream uses.
      </p>
      {error && (
        <p role="alert" className="notice notice-error" data-testid="health-error">
          {error.message} <span className="muted">({error.code})</span>
        </p>
      )}
      <dl className="facts" data-testid="overview-health">
        <div>
          <dt>Core</dt>
          <dd data-status={status}>{status}</dd>
        </div>
        <div>
          <dt>Uptime</dt>
          <dd>{sample ? formatDuration(sample.uptimeMs) : "—"}</dd>
        </div>
        <div>
          <dt>Core memory (RSS)</dt>
          <dd>{sample ? formatBytes(sample.rssBytes) : "—"}</dd>
        </div>
        <div>
          <dt>Events handled</dt>
          <dd>{sample ? formatCount(sample.eventsHandled) : "—"}</dd>
        </div>
        <div>
          <dt>Frames received</dt>
          <dd>{formatCount(tracker.frames)}</dd>
        </div>
        <div>
          <dt>Frames missing / events dropped</dt>
          <dd>
            {formatCount(tracker.missingFrames)} / {formatCount(tracker.droppedEvents)}
          </dd>
        </div>
      </dl>
    </section>
  );
}
