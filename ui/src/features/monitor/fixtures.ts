import type { MonitorLagSample, MonitorTimelineEntry, MonitorVerdict, MonitorVerdictKind, MonitorSeverity } from "../../bindings/wire";

/** Test data shaped like the core's (fake values, real shapes). */
export function verdict(id: string, kind: MonitorVerdictKind, severity: MonitorSeverity, sinceMs = 0): MonitorVerdict {
  const [stream = "S", consumer = id] = id.split("/");
  return {
    id,
    stream,
    consumer,
    filterSubjects: [],
    kind,
    severity,
    reason: `${id} is ${kind}`,
    also: [],
    threshold: null,
    numbers: {
      windowMs: 60_000,
      samples: 12,
      numPending: 1200,
      numAckPending: 50,
      numRedelivered: 0,
      numWaiting: 0,
      maxAckPending: 50,
      deliveredStreamSeq: 900,
      ackFloorStreamSeq: 850,
      deliveredAdvance: 0,
      ackFloorAdvance: 0,
      pendingChange: 120,
      redeliveredChange: 0,
      advisories: 0,
      sinceLastDeliveryMs: null,
      sinceLastAckMs: null,
    },
    atMs: 100_000,
    sinceMs,
  };
}

export function sample(atMs: number, numPending: number): MonitorLagSample {
  return {
    atMs,
    numPending,
    numAckPending: 0,
    numRedelivered: 0,
    numWaiting: 0,
    deliveredStreamSeq: 0,
    deliveredConsumerSeq: 0,
    ackFloorStreamSeq: 0,
    lastActiveMs: null,
  };
}

export function change(seq: number, atMs: number): MonitorTimelineEntry {
  return { seq, atMs, kind: "consumerCreated", stream: "S", consumer: `c${seq}`, subjects: ["s.>"], summary: "created", diff: [] };
}
