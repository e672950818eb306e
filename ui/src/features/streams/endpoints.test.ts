import { describe, expect, it } from "vitest";
import { parseEndpoints, upsert } from "./endpoints";
import { DEFAULT_OPTIONS } from "./streamOptions";

describe("saved endpoints", () => {
  it("skips malformed entries and bad JSON", () => {
    expect(parseEndpoints("not json")).toEqual([]);
    expect(parseEndpoints('{"a":1}')).toEqual([]);
    const ok = { name: "a", kind: "sse", url: "http://x", headers: "", options: DEFAULT_OPTIONS };
    expect(parseEndpoints(JSON.stringify([ok, { name: 1 }, { ...ok, kind: "ftp" }]))).toEqual([ok]);
  });

  it("gives entries saved without options the defaults", () => {
    const old = { name: "a", kind: "ws", url: "ws://x", headers: "" };
    expect(parseEndpoints(JSON.stringify([old]))).toEqual([{ ...old, options: DEFAULT_OPTIONS }]);
  });

  it("keeps method, body, retry policy and keepalive rule through a save", () => {
    const options = { ...DEFAULT_OPTIONS, method: "POST" as const, body: '{"q":1}', maxRetries: "", keepaliveOn: true, keepaliveUrl: "http://h/pong" };
    const e = { name: "b", kind: "sse" as const, url: "http://x", headers: "X-A: 1", options };
    expect(parseEndpoints(JSON.stringify([e]))).toEqual([e]);
  });

  it("replaces an endpoint of the same name", () => {
    const a = { name: "a", kind: "sse" as const, url: "http://1", headers: "", options: DEFAULT_OPTIONS };
    const list = upsert(upsert([], a), { ...a, url: "http://2" });
    expect(list).toEqual([{ ...a, url: "http://2" }]);
  });
});
