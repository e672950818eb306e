import { formatBytes, formatDuration } from "../../../format/units";
import type { NatsConsumerView, NatsStreamView } from "../../../bindings/wire";
import { ClusterFacts } from "./ClusterFacts";
import { DetailPanel, Facts, num, when } from "./Facts";

interface Props {
  stream: NatsStreamView | undefined;
  name: string;
  consumers: NatsConsumerView[];
  onOpenConsumer(c: NatsConsumerView): void;
  onClose(): void;
}

/** One stream: config, state, subjects, placement and its consumers (live). */
export function StreamDetail({ stream: s, name, consumers, onOpenConsumer, onClose }: Props) {
  return (
    <DetailPanel title={`Stream ${name}`} testId="nats-stream-detail" onClose={onClose}>
      {!s ? (
        <p className="muted">This stream is gone (deleted, or not visible since the last poll).</p>
      ) : (
        <div className="nats-detail-grid">
          <div>
            <h4>Configuration</h4>
            <Facts
              testId="nats-stream-config"
              rows={[
                ["Description", s.description ?? "—"],
                ["Subjects", s.subjects.join(", ") || "—"],
                ["Retention", s.retention],
                ["Storage", s.storage],
                ["Replicas", s.replicas],
                ["Max messages", num(s.maxMsgs)],
                ["Max bytes", s.maxBytes < 0 ? "unlimited" : formatBytes(s.maxBytes)],
                ["Max age", s.maxAgeMs ? formatDuration(s.maxAgeMs) : "unlimited"],
                ["Discard", s.discard],
                ["Direct get", s.allowDirect ? "yes" : "no"],
                ["Sealed", s.sealed ? "yes" : "no"],
                ["Mirror", s.mirror ?? "—"],
                ["Sources", s.sources.join(", ") || "—"],
                ["Backs", s.backs ?? "—"],
                ["Created", when(s.createdMs)],
              ]}
            />
          </div>
          <div>
            <h4>State</h4>
            <Facts
              testId="nats-stream-state"
              rows={[
                ["Messages", s.messages.toLocaleString()],
                ["Bytes", formatBytes(s.bytes)],
                ["First sequence", s.firstSeq.toLocaleString()],
                ["Last sequence", s.lastSeq.toLocaleString()],
                ["First message", when(s.firstTimeMs)],
                ["Last message", when(s.lastTimeMs)],
                ["Subjects", s.subjectsCount.toLocaleString()],
                ["Deleted", s.deletedCount.toLocaleString()],
                ["Consumers", s.consumerCount.toLocaleString()],
              ]}
            />
            <h4>Placement</h4>
            <ClusterFacts cluster={s.cluster} />
          </div>
        </div>
      )}
      <h4>
        Consumers <span className="muted">({consumers.length})</span>
      </h4>
      <ul className="nats-detail-list" data-testid="nats-stream-consumers">
        {consumers.slice(0, 200).map((c) => (
          <li key={c.name}>
            <button type="button" className="nats-link" onClick={() => onOpenConsumer(c)}>
              {c.name}
            </button>{" "}
            <span className="muted">
              pending {c.numPending.toLocaleString()} · ack pending {c.numAckPending.toLocaleString()}
            </span>
          </li>
        ))}
        {consumers.length > 200 && <li className="muted">…and {consumers.length - 200} more: filter the consumers table by this stream.</li>}
      </ul>
    </DetailPanel>
  );
}
