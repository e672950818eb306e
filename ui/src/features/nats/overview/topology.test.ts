import { describe, expect, it } from "vitest";
import type { NatsServerView, NatsStreamView } from "../../../bindings/wire";
import { buildTopology } from "./topology";

const server = (name: string, routes: string[]): NatsServerView => ({
  id: `id-${name}`,
  name,
  version: "2.9.0",
  host: "127.0.0.1",
  port: 4222,
  cluster: "c1",
  jetstream: true,
  routes,
  connections: 1,
  memBytes: null,
  cpu: null,
  connected: name === "n1",
  fromSystem: true,
});

const stream = (name: string, leader: string | null, replicas: string[]) =>
  ({
    name,
    cluster: leader === null ? null : { name: "c1", leader, replicas: replicas.map((r) => ({ name: r, current: r !== "n3", offline: false, activeMs: 0, lag: r === "n3" ? 7 : 0 })) },
  }) as unknown as NatsStreamView;

describe("buildTopology", () => {
  it("places leaders and replicas on their servers, routes sorted", () => {
    const t = buildTopology([server("n1", ["n3", "n2"]), server("n2", ["n1"])], [stream("ORDERS", "n1", ["n2", "n3"]), stream("JOBS", "n2", ["n1"]), stream("SOLO", null, [])]);
    expect(t.map((n) => n.name)).toEqual(["n1", "n2", "n3"]);
    expect(t[0]?.routes).toEqual(["n2", "n3"]);
    expect(t[0]?.leads).toEqual(["ORDERS"]);
    expect(t[0]?.follows.map((f) => f.stream)).toEqual(["JOBS"]);
    // n3 is known only as a replica (no $SYS facts about it) and is behind.
    expect(t[2]?.info).toBeNull();
    expect(t[2]?.follows).toEqual([{ stream: "ORDERS", current: false, offline: false, lag: 7 }]);
  });

  it("is empty for an empty model", () => {
    expect(buildTopology([], [])).toEqual([]);
  });
});
