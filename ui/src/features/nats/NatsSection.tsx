import { ConnectionBadge } from "./connections/ConnectionBadge";
import { connections, useConnection } from "./connections/connectionStore";
import { ConnectionsPanel } from "./connections/ConnectionsPanel";
import { useEffect } from "react";
import { NatsLiveView } from "./NatsLiveView";
import "./nats.css";

/** NATS: connections, then the active one's live view. With no connection chosen, the
 * sandbox starts here on first open. */
export function NatsSection() {
  const active = useConnection();
  const profile = active.profile;

  useEffect(() => {
    const now = connections.get();
    if (!now.profile && now.pendingName === null && !now.error) void connections.sandbox();
  }, []);

  return (
    <div className="nats-section">
      <h2>NATS</h2>
      <ConnectionBadge testId="nats-conn" className="nats-conn" />
      {active.error && (
        <p className="notice notice-error" data-testid="nats-error" role="alert">
          {active.error.message}
        </p>
      )}
      <ConnectionsPanel />
      {profile && <NatsLiveView key={profile.id} profile={profile} />}
    </div>
  );
}
