import { useEffect, useMemo, useState } from "react";
import type { IpcError, NatsConnState, NatsConsumerView, NatsProfileView, NatsStreamView } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import type { Subscription } from "../../ipc/subscribe";
import { applyModel, consumerKey, emptyModel } from "./modelStore";
import { nats } from "./natsClient";
import type { Column } from "./table";
import { TailPanel } from "./TailPanel";
import { WindowedTable } from "./WindowedTable";
import "./nats.css";

const STREAM_COLUMNS: Column<NatsStreamView>[] = [
  { key: "name", title: "Stream", value: (s) => s.name },
  { key: "subjects", title: "Subjects", value: (s) => s.subjects.join(", ") },
  { key: "retention", title: "Retention", value: (s) => s.retention },
  { key: "messages", title: "Messages", value: (s) => s.messages, numeric: true },
  { key: "bytes", title: "Bytes", value: (s) => s.bytes, numeric: true },
  { key: "consumers", title: "Consumers", value: (s) => s.consumerCount, numeric: true },
];

const CONSUMER_COLUMNS: Column<NatsConsumerView>[] = [
  { key: "name", title: "Consumer", value: (c) => c.name },
  { key: "stream", title: "Stream", value: (c) => c.stream },
  { key: "filter", title: "Filter", value: (c) => c.filterSubjects.join(", ") || "(all)" },
  { key: "pending", title: "Pending", value: (c) => c.numPending, numeric: true },
  { key: "ackPending", title: "Ack pending", value: (c) => c.numAckPending, numeric: true },
  { key: "redelivered", title: "Redelivered", value: (c) => c.numRedelivered, numeric: true },
];

function describeState(state: NatsConnState | null): string {
  if (!state) return "Connecting…";
  const where = state.serverName ?? state.server ?? "";
  switch (state.status) {
    case "connecting":
      return "Connecting…";
    case "connected":
      return `Connected to ${where}${state.serverVersion ? ` (nats-server ${state.serverVersion})` : ""}`;
    case "reconnecting":
      return `Reconnecting${state.reason ? `: ${state.reason}` : ""}`;
    case "closed":
      return `Closed${state.reason ? `: ${state.reason}` : ""}`;
  }
}

/** NATS: with no connection configured, the sandbox starts here on first open. */
export function NatsSection() {
  const [profile, setProfile] = useState<NatsProfileView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [conn, setConn] = useState<NatsConnState | null>(null);
  const [model, setModel] = useState(emptyModel);

  useEffect(() => {
    let live = true;
    nats.startSandbox().then(
      (p) => live && setProfile(p),
      (err: unknown) => live && setError(toIpcError(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!profile) return;
    const subs: Promise<Subscription>[] = [
      nats.subscribeState(profile.id, (f) => {
        const last = f.entries[f.entries.length - 1];
        if (last) setConn(last);
      }),
      nats.subscribeModel(profile.id, (f) => setModel((m) => applyModel(m, f.entries))),
    ];
    for (const s of subs) s.catch((err: unknown) => setError(toIpcError(err)));
    return () => {
      for (const s of subs) void s.then((sub) => sub.close()).catch(() => undefined);
    };
  }, [profile]);

  const streams = useMemo(() => [...model.streams.values()], [model]);
  const consumers = useMemo(() => [...model.consumers.values()], [model]);

  return (
    <div className="nats-section">
      <h2>NATS</h2>
      <p className="nats-conn" data-testid="nats-conn" role="status" aria-label="Connection state" data-status={conn?.status ?? "connecting"}>
        <span className="status-dot" />
        <strong>{profile?.name ?? "Sandbox"}</strong> {error && !profile ? "Not connected" : describeState(conn)}
        {conn && conn.reconnects > 0 ? <span className="muted"> · {conn.reconnects} reconnects</span> : null}
      </p>
      {error && (
        <p className="notice notice-error" data-testid="nats-error">
          {error.message}
        </p>
      )}
      {model.errors.length > 0 && <p className="notice muted">{model.errors.join(" · ")}</p>}
      {profile && (
        <>
          <WindowedTable testId="nats-streams" label="Streams" rows={streams} columns={STREAM_COLUMNS} rowKey={(s) => s.name} />
          <WindowedTable
            testId="nats-consumers"
            label="Consumers"
            rows={consumers}
            columns={CONSUMER_COLUMNS}
            rowKey={(c) => consumerKey(c.stream, c.name)}
          />
          <TailPanel profileId={profile.id} />
        </>
      )}
    </div>
  );
}
