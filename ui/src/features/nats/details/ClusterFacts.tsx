import type { NatsClusterView } from "../../../bindings/wire";

/** Leader and replicas of a stream or consumer. */
export function ClusterFacts({ cluster }: { cluster: NatsClusterView | null }) {
  if (!cluster) return <p className="muted">No cluster placement reported (single server).</p>;
  return (
    <div className="nats-placement" data-testid="nats-placement">
      <p>
        Leader: <strong data-testid="nats-leader">{cluster.leader ?? "none (no quorum)"}</strong>
        {cluster.name ? <span className="muted"> · cluster {cluster.name}</span> : null}
      </p>
      {cluster.replicas.length > 0 && (
        <ul>
          {cluster.replicas.map((r) => (
            <li key={r.name}>
              {r.name}: {r.offline ? "offline" : r.current ? "current" : "behind"}
              {r.lag ? `, lag ${r.lag.toLocaleString()}` : ""}, active {r.activeMs} ms ago
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
