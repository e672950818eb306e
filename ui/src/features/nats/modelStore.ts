import type {
  Frame,
  NatsAccountUsage,
  NatsConsumerView,
  NatsModelEntry,
  NatsPollSummary,
  NatsServerView,
  NatsStreamView,
} from "../../bindings/wire";

/** The cluster model as the view holds it: items by key, updated per frame. */
export interface ModelState {
  /** Generation of the frames this state was built from; `null` before the first frame. */
  generation: number | null;
  servers: Map<string, NatsServerView>;
  account: NatsAccountUsage | null;
  streams: Map<string, NatsStreamView>;
  consumers: Map<string, NatsConsumerView>;
  poll: NatsPollSummary | null;
  errors: string[];
}

export function emptyModel(): ModelState {
  return { generation: null, servers: new Map(), account: null, streams: new Map(), consumers: new Map(), poll: null, errors: [] };
}

export const consumerKey = (stream: string, name: string) => `${stream}/${name}`;

/** Applies one frame's entries; returns a new state so React sees the change. */
export function applyModel(prev: ModelState, entries: readonly NatsModelEntry[]): ModelState {
  const next: ModelState = {
    ...prev,
    servers: new Map(prev.servers),
    streams: new Map(prev.streams),
    consumers: new Map(prev.consumers),
  };
  for (const e of entries) {
    switch (e.kind) {
      case "server":
        next.servers.set(e.id, e);
        break;
      case "account":
        next.account = e;
        break;
      case "stream":
        next.streams.set(e.name, e);
        break;
      case "consumer":
        next.consumers.set(consumerKey(e.stream, e.name), e);
        break;
      case "poll":
        next.poll = e;
        next.errors = e.errors;
        break;
      case "removed":
        if (e.of === "server") next.servers.delete(e.key);
        if (e.of === "stream") next.streams.delete(e.key);
        if (e.of === "consumer") next.consumers.delete(e.key);
        if (e.of === "account") next.account = null;
        break;
      default:
        break;
    }
  }
  return next;
}

/**
 * Applies one frame. A frame of a new generation means the source restarted (reconnect):
 * everything held so far may be stale, so the state is rebuilt from that frame on.
 */
export function applyModelFrame(prev: ModelState, frame: Frame<NatsModelEntry>): ModelState {
  const base = prev.generation !== null && prev.generation !== frame.generation ? emptyModel() : prev;
  return { ...applyModel(base, frame.entries), generation: frame.generation };
}
