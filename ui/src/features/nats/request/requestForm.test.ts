import { describe, expect, it } from "vitest";
import { describeRequestError, parseHeaders, subjectProblem } from "./requestForm";

describe("parseHeaders", () => {
  it("parses name/value lines, keeps repeats and colons in values", () => {
    expect(parseHeaders("X-A: 1\n\nX-A: 2\nUrl: http://x:80")).toEqual([
      { name: "X-A", value: "1" },
      { name: "X-A", value: "2" },
      { name: "Url", value: "http://x:80" },
    ]);
    expect(parseHeaders("")).toEqual([]);
  });
  it("rejects broken lines", () => {
    expect(parseHeaders("novalue")).toMatch(/line 1/);
    expect(parseHeaders("ok: 1\n: x")).toMatch(/line 2/);
    expect(parseHeaders("bad name: x")).toMatch(/not a header name/);
  });
});

describe("subjectProblem", () => {
  it("accepts concrete subjects only", () => {
    expect(subjectProblem("demo.echo")).toBeNull();
    for (const bad of ["", "a b", "a.*", "a.>", ".a", "a..b", "a\r\nPUB"]) expect(subjectProblem(bad)).not.toBeNull();
  });
});

describe("describeRequestError", () => {
  it("says no responders and timeouts plainly", () => {
    expect(describeRequestError({ code: "unavailable", message: "no responders: nothing is subscribed" }, "svc.x", 2000)).toMatch(/^No responders/);
    expect(describeRequestError({ code: "unavailable", message: "no answer from the server within 2000 ms" }, "svc.x", 2000)).toMatch(/^Timed out.*2000 ms/);
    expect(describeRequestError({ code: "invalid_input", message: "bad" }, "s", 1)).toBe("bad");
  });
});
