import type { NatsConsumerView, NatsModelEntry, NatsStreamView } from "../../bindings/wire";

/** The cluster model as the view holds it: streams and consumers by key, updated per frame. */
export interface ModelState {
  streams: Map<string, NatsStreamView>;
  consumers: Map<string, NatsConsumerView>;
  errors: string[];
}

export function emptyModel(): ModelState {
  return { streams: new Map(), consumers: new Map(), errors: [] };
}

export const consumerKey = (stream: string, name: string) => `${stream}/${name}`;

/** Applies one frame's entries; returns a new state so React sees the change. */
export function applyModel(prev: ModelState, entries: readonly NatsModelEntry[]): ModelState {
  const next: ModelState = { streams: new Map(prev.streams), consumers: new Map(prev.consumers), errors: prev.errors };
  for (const e of entries) {
    switch (e.kind) {
      case "stream":
        next.streams.set(e.name, e);
        break;
      case "consumer":
        next.consumers.set(consumerKey(e.stream, e.name), e);
        break;
      case "poll":
        next.errors = e.errors;
        break;
      case "removed":
        if (e.of === "stream") next.streams.delete(e.key);
        if (e.of === "consumer") next.consumers.delete(e.key);
        break;
      default:
        break;
    }
  }
  return next;
}
