import { describe, expect, it } from "vitest";
import { toIpcError } from "./errors";

describe("toIpcError", () => {
  it("keeps typed errors from commands", () => {
    expect(toIpcError({ code: "not_found", message: "no such subscription" })).toEqual({
      code: "not_found",
      message: "no such subscription",
    });
  });
  it("wraps bare strings and exceptions as internal errors", () => {
    expect(toIpcError("boom")).toEqual({ code: "internal", message: "boom" });
    expect(toIpcError(new Error("bad"))).toEqual({ code: "internal", message: "bad" });
  });
  it("does not trust objects with unknown codes", () => {
    expect(toIpcError({ code: "rm -rf", message: "x" }).code).toBe("internal");
    expect(toIpcError(null).code).toBe("internal");
  });
});
