import type { MonitorChangeKind, MonitorSeverity, MonitorVerdict, MonitorVerdictKind } from "../../bindings/wire";

/** A verdict kind in a few plain words. */
export const KIND_LABEL: Record<MonitorVerdictKind, string> = {
  healthy: "Healthy",
  idle: "Idle",
  paused: "Paused",
  noWorkers: "No workers",
  ackStall: "Acks stalled",
  saturated: "Saturated",
  redeliveryLoop: "Redelivery loop",
  fallingBehind: "Falling behind",
  replication: "Replication problem",
};

export const SEVERITY_LABEL: Record<MonitorSeverity, string> = { ok: "OK", warning: "Warning", alert: "Alert" };

export const CHANGE_LABEL: Record<MonitorChangeKind, string> = {
  streamCreated: "Stream created",
  streamDeleted: "Stream deleted",
  streamReconfigured: "Stream reconfigured",
  consumerCreated: "Consumer created",
  consumerDeleted: "Consumer deleted",
  consumerReconfigured: "Consumer reconfigured",
  leaderMoved: "Leader moved",
  verdictChanged: "Verdict changed",
  pendingJump: "Pending jumped",
};

const count = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return count.format(n);
}

/** "45 s", "3 min 20 s", "2 h 5 min": durations the way a person says them. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** The numbers behind a verdict, as short labelled facts for the list. */
export function verdictFacts(v: MonitorVerdict): { label: string; value: string }[] {
  const n = v.numbers;
  const facts = [
    { label: "pending", value: formatCount(n.numPending) },
    { label: "ack pending", value: n.maxAckPending > 0 ? `${formatCount(n.numAckPending)} / ${formatCount(n.maxAckPending)}` : formatCount(n.numAckPending) },
    { label: "redelivered", value: formatCount(n.numRedelivered) },
    { label: "waiting pulls", value: formatCount(n.numWaiting) },
    { label: "delivered +", value: formatCount(n.deliveredAdvance) },
    { label: "ack floor +", value: formatCount(n.ackFloorAdvance) },
    { label: "over", value: formatDuration(n.windowMs) },
  ];
  if (n.advisories > 0) facts.push({ label: "advisories", value: formatCount(n.advisories) });
  return facts;
}

/** "since 4 min" for a verdict that is not healthy, relative to its own evaluation time. */
export function verdictAge(v: MonitorVerdict): string {
  return formatDuration(v.atMs - v.sinceMs);
}

/** One line for screen readers and tooltips: consumer, verdict, reason. */
export function verdictSentence(v: MonitorVerdict): string {
  return `${v.id}: ${KIND_LABEL[v.kind]}. ${v.reason}`;
}
