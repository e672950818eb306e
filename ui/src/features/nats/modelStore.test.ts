import { describe, expect, it } from "vitest";
import type { Frame, NatsModelEntry, NatsStreamView } from "../../bindings/wire";
import { applyModelFrame, emptyModel } from "./modelStore";

const stream = (name: string, messages: number): NatsModelEntry => ({ kind: "stream", ...streamView(name, messages) });

function streamView(name: string, messages: number): NatsStreamView {
  return {
    name,
    description: null,
    subjects: [`${name}.>`],
    retention: "limits",
    storage: "file",
    replicas: 1,
    maxMsgs: -1,
    maxBytes: -1,
    maxAgeMs: 0,
    discard: "old",
    messages,
    bytes: 0,
    firstSeq: 1,
    lastSeq: messages,
    firstTimeMs: 0,
    lastTimeMs: 0,
    consumerCount: 0,
    subjectsCount: 1,
    deletedCount: 0,
    createdMs: 0,
    sealed: false,
    allowDirect: false,
    mirror: null,
    sources: [],
    cluster: null,
    backs: null,
  };
}

const frame = (generation: number, seq: number, entries: NatsModelEntry[]): Frame<NatsModelEntry> => ({
  sub: 1,
  generation,
  seq,
  entries,
  dropped: null,
  stats: { received: 0, delivered: 0, merged: 0, superseded: 0, dropped: 0, frames: seq },
});

describe("applyModelFrame", () => {
  it("keeps state across frames of one generation", () => {
    let m = applyModelFrame(emptyModel(), frame(0, 1, [stream("A", 1), stream("B", 2)]));
    m = applyModelFrame(m, frame(0, 2, [stream("A", 5)]));
    expect([...m.streams.keys()]).toEqual(["A", "B"]);
    expect(m.streams.get("A")?.messages).toBe(5);
    expect(m.generation).toBe(0);
  });

  it("drops stale items when the generation changes and rebuilds from the new snapshot", () => {
    let m = applyModelFrame(emptyModel(), frame(0, 1, [stream("OLD", 1), stream("KEPT", 2)]));
    m = applyModelFrame(m, { ...frame(0, 2, []), entries: [{ kind: "account", memory: 1, storage: 2, streams: 2, consumers: 0, maxMemory: -1, maxStorage: -1, maxStreams: -1, maxConsumers: -1, domain: null }] });
    expect(m.account).not.toBeNull();
    // The source restarted: OLD vanished while it was away and no "removed" ever comes.
    m = applyModelFrame(m, frame(1, 3, [stream("KEPT", 9)]));
    expect([...m.streams.keys()]).toEqual(["KEPT"]);
    expect(m.streams.get("KEPT")?.messages).toBe(9);
    expect(m.account).toBeNull();
    expect(m.generation).toBe(1);
    // Later frames of the new generation add to it again.
    m = applyModelFrame(m, frame(1, 4, [stream("NEW", 1)]));
    expect([...m.streams.keys()].sort()).toEqual(["KEPT", "NEW"]);
  });
});
