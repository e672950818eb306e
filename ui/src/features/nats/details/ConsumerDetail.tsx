import type { NatsConsumerView } from "../../../bindings/wire";
import { formatDuration } from "../../../format/units";
import { ClusterFacts } from "./ClusterFacts";
import { DetailPanel, Facts, num, when } from "./Facts";

interface Props {
  consumer: NatsConsumerView | undefined;
  stream: string;
  name: string;
  onOpenStream(name: string): void;
  onClose(): void;
}

/** One consumer: config and state (live). */
export function ConsumerDetail({ consumer: c, stream, name, onOpenStream, onClose }: Props) {
  return (
    <DetailPanel title={`Consumer ${stream} › ${name}`} testId="nats-consumer-detail" onClose={onClose}>
      <p>
        Stream:{" "}
        <button type="button" className="nats-link" onClick={() => onOpenStream(stream)}>
          {stream}
        </button>
      </p>
      {!c ? (
        <p className="muted">This consumer is gone (deleted, or not visible since the last poll).</p>
      ) : (
        <div className="nats-detail-grid">
          <div>
            <h4>Configuration</h4>
            <Facts
              testId="nats-consumer-config"
              rows={[
                ["Kind", `${c.durable ? "durable" : "ephemeral"} ${c.deliverSubject ? "push" : "pull"}`],
                ["Description", c.description ?? "—"],
                ["Filter", c.filterSubjects.join(", ") || "(all subjects)"],
                ["Ack policy", c.ackPolicy],
                ["Deliver policy", c.deliverPolicy],
                ["Deliver subject", c.deliverSubject ?? "—"],
                ["Ack wait", formatDuration(c.ackWaitMs)],
                ["Max ack pending", num(c.maxAckPending)],
                ["Max deliver", num(c.maxDeliver)],
                ["Max waiting", num(c.maxWaiting)],
                ["Created", when(c.createdMs)],
                ...Object.entries(c.metadata).map(([k, v]): [string, string] => [`metadata ${k}`, v]),
              ]}
            />
          </div>
          <div>
            <h4>State</h4>
            <Facts
              testId="nats-consumer-state"
              rows={[
                ["Pending", c.numPending.toLocaleString()],
                ["Ack pending", c.numAckPending.toLocaleString()],
                ["Redelivered", c.numRedelivered.toLocaleString()],
                ["Waiting pulls", c.numWaiting.toLocaleString()],
                ["Delivered (stream seq)", c.deliveredStreamSeq.toLocaleString()],
                ["Delivered (consumer seq)", c.deliveredConsumerSeq.toLocaleString()],
                ["Ack floor (stream seq)", c.ackFloorStreamSeq.toLocaleString()],
                ["Ack floor (consumer seq)", c.ackFloorConsumerSeq.toLocaleString()],
                ["Last delivered", when(c.lastDeliveredMs)],
                ["Last ack", when(c.lastAckMs)],
                ["Push bound", c.pushBound ? "yes" : "no"],
                ["Paused", c.paused ? `until ${when(c.pauseUntilMs)}` : "no"],
                ["Sampled", when(c.sampledAtMs)],
              ]}
            />
            <h4>Placement</h4>
            <ClusterFacts cluster={c.cluster} />
          </div>
        </div>
      )}
    </DetailPanel>
  );
}
