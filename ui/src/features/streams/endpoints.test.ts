import { describe, expect, it } from "vitest";
import { parseEndpoints, upsert } from "./endpoints";

describe("saved endpoints", () => {
  it("skips malformed entries and bad JSON", () => {
    expect(parseEndpoints("not json")).toEqual([]);
    expect(parseEndpoints('{"a":1}')).toEqual([]);
    const ok = { name: "a", kind: "sse", url: "http://x", headers: "" };
    expect(parseEndpoints(JSON.stringify([ok, { name: 1 }, { ...ok, kind: "ftp" }]))).toEqual([ok]);
  });

  it("replaces an endpoint of the same name", () => {
    const a = { name: "a", kind: "sse" as const, url: "http://1", headers: "" };
    const list = upsert(upsert([], a), { ...a, url: "http://2" });
    expect(list).toEqual([{ ...a, url: "http://2" }]);
  });
});
