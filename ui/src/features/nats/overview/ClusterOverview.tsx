import { useMemo } from "react";
import { formatBytes, formatCount } from "../../../format/units";
import type { ModelState } from "../modelStore";
import { buildTopology } from "./topology";

const limit = (n: number, fmt: (v: number) => string) => (n < 0 ? "unlimited" : fmt(n));

/** Servers, routes, stream leaders and replicas, and the account's JetStream usage. */
export function ClusterOverview({ model, onOpenStream }: { model: ModelState; onOpenStream(name: string): void }) {
  const nodes = useMemo(() => buildTopology(model.servers.values(), model.streams.values()), [model.servers, model.streams]);
  const fromSys = [...model.servers.values()].some((s) => s.fromSystem);
  const a = model.account;
  return (
    <section className="nats-overview" data-testid="nats-overview" aria-label="Cluster overview">
      <div className="nats-table-bar">
        <h3>
          Cluster <span className="muted">({nodes.length} servers)</span>
        </h3>
        <span className="muted" data-testid="nats-overview-source">
          {fromSys ? "from $SYS" : "connected server only ($SYS not available to these credentials)"}
        </span>
      </div>
      {a && (
        <p className="nats-account" data-testid="nats-account">
          JetStream{a.domain ? ` (domain ${a.domain})` : ""}: {formatCount(a.streams)} streams of {limit(a.maxStreams, formatCount)} ·{" "}
          {formatCount(a.consumers)} consumers · memory {formatBytes(a.memory)} of {limit(a.maxMemory, formatBytes)} · storage{" "}
          {formatBytes(a.storage)} of {limit(a.maxStorage, formatBytes)}
        </p>
      )}
      <ul className="nats-topology" data-testid="nats-topology">
        {nodes.map((n) => (
          <li key={n.name} className="nats-server-card" data-server={n.name} data-connected={n.info?.connected ?? false}>
            <div className="nats-server-head">
              <strong>{n.name}</strong>
              {n.info?.connected && <span className="nats-tag">connected</span>}
              <span className="muted">
                {n.info ? `${n.info.host}:${n.info.port} · v${n.info.version}${n.info.cluster ? ` · cluster ${n.info.cluster}` : ""}` : "known from stream placement"}
              </span>
            </div>
            {n.info && (
              <div className="muted">
                {n.info.jetstream ? "JetStream" : "no JetStream"}
                {n.info.connections !== null ? ` · ${formatCount(n.info.connections)} connections` : ""}
                {n.info.memBytes !== null ? ` · ${formatBytes(n.info.memBytes)} RSS` : ""}
                {n.info.cpu !== null ? ` · ${n.info.cpu.toFixed(1)}% CPU` : ""}
              </div>
            )}
            <div data-testid="nats-routes">Routes: {n.routes.length ? n.routes.join(", ") : <span className="muted">none known</span>}</div>
            <div>
              Leads:{" "}
              {n.leads.length === 0 ? (
                <span className="muted">no streams</span>
              ) : (
                n.leads.map((s) => (
                  <button key={s} type="button" className="nats-link" onClick={() => onOpenStream(s)}>
                    ★ {s}
                  </button>
                ))
              )}
            </div>
            {n.follows.length > 0 && (
              <div>
                Replicas:{" "}
                {n.follows.map((f) => (
                  <button key={f.stream} type="button" className="nats-link" data-current={f.current} onClick={() => onOpenStream(f.stream)}>
                    {f.stream}
                    {f.offline ? " (offline)" : !f.current ? ` (behind${f.lag ? ` ${formatCount(f.lag)}` : ""})` : ""}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
