import { useEffect, useMemo, useState } from "react";
import type { NatsConsumerView, NatsProfileView, NatsStreamView } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { ConsumerDetail } from "./details/ConsumerDetail";
import { DataTabs } from "./DataTabs";
import { StreamDetail } from "./details/StreamDetail";
import { applyModelFrame, consumerKey, emptyModel } from "./modelStore";
import { nats } from "./natsClient";
import { ClusterOverview } from "./overview/ClusterOverview";
import type { Column } from "./table";
import { TailPanel } from "./TailPanel";
import { WindowedTable } from "./WindowedTable";

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

type Detail = { kind: "stream"; name: string } | { kind: "consumer"; stream: string; name: string } | null;

/** One connection's live view: overview, tables, details, tail. Keyed by profile, so a new
 * connection starts from nothing. */
export function NatsLiveView({ profile }: { profile: NatsProfileView }) {
  const [model, setModel] = useState(emptyModel);
  const [modelError, setModelError] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail>(null);

  useEffect(() => {
    const sub = nats.subscribeModel(profile.id, (f) => setModel((m) => applyModelFrame(m, f)));
    sub.catch((err: unknown) => setModelError(toIpcError(err).message));
    return () => void sub.then((s) => s.close()).catch(() => undefined);
  }, [profile]);

  const streams = useMemo(() => [...model.streams.values()], [model.streams]);
  const consumers = useMemo(() => [...model.consumers.values()], [model.consumers]);
  const openStream = (name: string) => setDetail({ kind: "stream", name });
  const openConsumer = (c: NatsConsumerView) => setDetail({ kind: "consumer", stream: c.stream, name: c.name });

  return (
    <>
      {modelError && <p className="notice notice-error">{modelError}</p>}
      {model.errors.length > 0 && <p className="notice muted">{model.errors.join(" · ")}</p>}
      <ClusterOverview model={model} onOpenStream={openStream} />
      <WindowedTable
        testId="nats-streams"
        label="Streams"
        rows={streams}
        columns={STREAM_COLUMNS}
        rowKey={(s) => s.name}
        onOpen={(s) => openStream(s.name)}
      />
      <WindowedTable
        testId="nats-consumers"
        label="Consumers"
        rows={consumers}
        columns={CONSUMER_COLUMNS}
        rowKey={(c) => consumerKey(c.stream, c.name)}
        onOpen={openConsumer}
      />
      {detail?.kind === "stream" && (
        <StreamDetail
          name={detail.name}
          stream={model.streams.get(detail.name)}
          consumers={consumers.filter((c) => c.stream === detail.name)}
          onOpenConsumer={openConsumer}
          onClose={() => setDetail(null)}
        />
      )}
      {detail?.kind === "consumer" && (
        <ConsumerDetail
          stream={detail.stream}
          name={detail.name}
          consumer={model.consumers.get(consumerKey(detail.stream, detail.name))}
          onOpenStream={openStream}
          onClose={() => setDetail(null)}
        />
      )}
      <TailPanel profileId={profile.id} />
      <DataTabs profileId={profile.id} streams={streams} />
    </>
  );
}
