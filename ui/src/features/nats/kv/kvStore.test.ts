import { describe, expect, it } from "vitest";
import type { NatsKvEntryView, NatsKvWatchEntry } from "../../../bindings/wire";
import { applyKv, emptyKv, filterKeys, keyProblem } from "./kvStore";

const entry = (key: string, revision: number, operation = "put"): NatsKvWatchEntry & NatsKvEntryView => ({
  kind: "entry",
  bucket: "b",
  key,
  revision,
  operation,
  valueB64: "",
  size: 0,
  createdMs: 0,
});

describe("applyKv", () => {
  it("keeps the newest revision per key and records a deleted bucket", () => {
    let s = applyKv(emptyKv(), [entry("a", 1), entry("b", 2)]);
    s = applyKv(s, [entry("a", 5), entry("b", 1)]);
    expect(s.entries.get("a")?.revision).toBe(5);
    expect(s.entries.get("b")?.revision).toBe(2);
    s = applyKv(s, [entry("a", 6, "delete")]);
    expect(s.entries.get("a")?.operation).toBe("delete");
    expect(s.gone).toBeNull();
    s = applyKv(s, [{ kind: "bucketGone", bucket: "b", reason: "KV bucket b was deleted" }]);
    expect(s.gone).toMatch(/deleted/);
  });

  it("does not mutate the previous state", () => {
    const a = applyKv(emptyKv(), [entry("a", 1)]);
    applyKv(a, [entry("z", 1)]);
    expect([...a.entries.keys()]).toEqual(["a"]);
  });
});

describe("filterKeys", () => {
  const keys = ["motd", "feature.flags", "feature.beta.x", "Other"];
  it("substring, case-insensitive, sorted", () => {
    expect(filterKeys(keys, "")).toEqual(["Other", "feature.beta.x", "feature.flags", "motd"]);
    expect(filterKeys(keys, "OTH")).toEqual(["Other"]);
  });
  it("subject wildcards", () => {
    expect(filterKeys(keys, "feature.*")).toEqual(["feature.flags"]);
    expect(filterKeys(keys, "feature.>")).toEqual(["feature.beta.x", "feature.flags"]);
    expect(filterKeys(keys, "*")).toEqual(["Other", "motd"]);
  });
});

describe("keyProblem", () => {
  it("accepts valid keys and explains invalid ones", () => {
    expect(keyProblem("a.b/c=d_e-f")).toBeNull();
    for (const bad of ["", "a b", "a..b", ".a", "a.", "ü", "a*"]) expect(keyProblem(bad)).not.toBeNull();
  });
});
