import type { HealthState, LinkStatus } from "../features/health/useHealth";
import { formatBytes, formatCount, formatDuration } from "../format/units";
import { ConnectionBadge } from "../features/nats/connections/ConnectionBadge";

const STATUS_LABEL: Record<LinkStatus, string> = {
  connecting: "Core connecting…",
  live: "Core live",
  stale: "Core not responding",
  error: "Core unavailable",
};

/** Always-visible strip: link state and the core's live health. */
export function StatusBar({ health }: { health: HealthState }) {
  const { status, sample, error } = health;
  return (
    <footer className="statusbar" role="status" aria-live="off" data-testid="statusbar">
      <span className="status-dot" data-status={status} aria-hidden="true" />
      <span data-testid="core-status" title={error?.message}>
        {STATUS_LABEL[status]}
      </span>
      <span className="sep" aria-hidden="true" />
      <span title="Core uptime">
        up <b data-testid="health-uptime">{sample ? formatDuration(sample.uptimeMs) : "—"}</b>
      </span>
      <span title="Resident memory of the core process">
        RSS <b data-testid="health-rss">{sample ? formatBytes(sample.rssBytes) : "—"}</b>
      </span>
      <span title="Events the core has handled">
        events <b data-testid="health-events">{sample ? formatCount(sample.eventsHandled) : "—"}</b>
      </span>
      <span className="grow" />
      <ConnectionBadge testId="statusbar-nats" className="statusbar-nats" compact />
      <span className="muted" data-testid="health-sampled-at" data-value={sample?.sampledAtMs ?? ""}>
        v{sample?.version ?? "…"}
      </span>
    </footer>
  );
}
