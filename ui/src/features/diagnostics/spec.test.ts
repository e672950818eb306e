import { describe, expect, it } from "vitest";
import { DEFAULT_SPEC, parseSpec, toDraft } from "./spec";

describe("parseSpec", () => {
  it("round-trips the default", () => {
    expect(parseSpec(toDraft(DEFAULT_SPEC))).toEqual(DEFAULT_SPEC);
  });
  it("names the bad field instead of clamping silently", () => {
    for (const bad of ["", "abc", "1.5", "-3", "99999999"]) {
      const r = parseSpec({ ...toDraft(DEFAULT_SPEC), eventsPerSec: bad });
      expect(r).toMatchObject({ code: "invalid_input" });
      expect("message" in r && r.message).toContain("Events per second");
    }
  });
});
