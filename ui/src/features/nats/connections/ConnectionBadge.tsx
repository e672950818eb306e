import { describeConn } from "./connState";
import "./badge.css";
import { useConnection } from "./connectionStore";

/** The active NATS connection and its state, in one line (NATS header and status bar). */
export function ConnectionBadge({ testId, className, compact = false }: { testId: string; className: string; compact?: boolean }) {
  const { profile, pendingName, state, error } = useConnection();
  if (compact && !profile && !pendingName) return null;
  const pending = pendingName !== null;
  const status = pending ? "connecting" : (state?.status ?? (error && !profile ? "closed" : "connecting"));
  const name = pendingName ?? profile?.name ?? "NATS";
  const text = error && !profile && !pending ? `Not connected: ${error.message}` : describeConn(state, pending);
  return (
    <span className={className} data-testid={testId} data-status={status} role="status" aria-label="NATS connection state" title={text}>
      <span className="status-dot" />
      <strong>{compact ? `NATS ${name}` : name}</strong> {text}
      {state && state.reconnects > 0 ? <span className="muted"> · {state.reconnects} reconnects</span> : null}
    </span>
  );
}
