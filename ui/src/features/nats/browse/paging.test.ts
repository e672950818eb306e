import { describe, expect, it } from "vitest";
import { firstRequest, nextPage, prevPage, type BrowseForm } from "./paging";

const form = (over: Partial<BrowseForm> = {}): BrowseForm => ({ stream: "JOBS", mode: "seq", start: "", subject: "", limit: 50, ...over });

describe("firstRequest", () => {
  it("builds requests by sequence and time", () => {
    expect(firstRequest(form())).toEqual({ stream: "JOBS", subject: null, limit: 50, startSeq: null, startTimeMs: null });
    expect(firstRequest(form({ start: "42", subject: " jobs.> " }))).toMatchObject({ startSeq: 42, subject: "jobs.>" });
    const t = firstRequest(form({ mode: "time", start: "2024-05-01T10:00" }));
    expect(typeof t === "object" && t.startTimeMs).toBe(new Date("2024-05-01T10:00").getTime());
    expect(firstRequest(form({ limit: 10_000 }))).toMatchObject({ limit: 500 });
  });
  it("explains bad input", () => {
    expect(firstRequest(form({ stream: "" }))).toMatch(/stream/);
    expect(firstRequest(form({ start: "-1" }))).toMatch(/whole number/);
    expect(firstRequest(form({ start: "1e3" }))).toMatch(/whole number/);
    expect(firstRequest(form({ mode: "time", start: "yesterday-ish" }))).toMatch(/date/);
    expect(firstRequest(form({ subject: "a b" }))).toMatch(/spaces/);
  });
});

describe("page stack", () => {
  it("goes forward by next sequence and back to the exact earlier page", () => {
    const first = firstRequest(form({ mode: "time", start: "2024-05-01T10:00" }));
    if (typeof first === "string") throw new Error(first);
    let s = nextPage([first], 51);
    s = nextPage(s, 101);
    expect(s.map((r) => r.startSeq)).toEqual([null, 51, 101]);
    expect(s[2]?.startTimeMs).toBeNull();
    expect(nextPage(s, null)).toBe(s);
    s = prevPage(prevPage(s));
    expect(s).toEqual([first]);
    expect(prevPage(s)).toBe(s);
  });
});
