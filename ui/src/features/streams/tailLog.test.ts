import { describe, expect, it } from "vitest";
import { parseHeaders, RateMeter, TailLog } from "./tailLog";

const msg = (data: string, id = "") => ({ kind: "message" as const, message: { event: "", data, id } });

describe("TailLog", () => {
  it("keeps a bounded history and filters by substring", () => {
    const log = new TailLog(10);
    for (let i = 0; i < 40; i++) log.addSse(msg(`event ${i}`));
    expect(log.size).toBe(10);
    const all = log.view("", 100);
    expect(all[all.length - 1]?.text).toBe("event 39");
    const hits = log.view("EVENT 3", 100);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((l) => l.text.startsWith("event 3"))).toBe(true);
    expect(hits[hits.length - 1]?.text).toBe("event 39");
    expect(log.view("nothing", 100)).toEqual([]);
  });

  it("tracks the connection through open, reconnect and failure", () => {
    const log = new TailLog();
    const reason = { code: "unavailable" as const, message: "connection refused" };
    log.addSse({ kind: "open", url: "u", status: 200, reconnects: 0, resumedFrom: null });
    expect(log.connection.state).toBe("open");
    log.addSse({ kind: "reconnecting", attempt: 2, delayMs: 500, reason });
    expect(log.connection).toMatchObject({ state: "reconnecting", attempt: 2 });
    log.addWs({ kind: "failed", error: reason });
    expect(log.connection).toMatchObject({ state: "failed", error: reason });
  });

  it("counts every retry and keepalive reply", () => {
    const log = new TailLog();
    const reason = { code: "unavailable" as const, message: "idle" };
    log.addSse({ kind: "reconnecting", attempt: 1, delayMs: 10, reason });
    log.addSse({ kind: "open", url: "u", status: 200, reconnects: 1, resumedFrom: "4" });
    log.addSse({ kind: "reconnecting", attempt: 1, delayMs: 10, reason });
    log.addSse({ kind: "keepalive", ok: true, status: 204, error: null });
    log.addSse({ kind: "keepalive", ok: false, status: 500, error: "keepalive answered HTTP 500" });
    expect(log.retries).toBe(2);
    expect(log.keepalives).toEqual({ ok: 1, failed: 1 });
    expect(log.view("keepalive", 5).map((l) => l.kind)).toEqual(["status", "error"]);
  });

  it("keeps payloads as text", () => {
    const log = new TailLog();
    log.addWs({ kind: "text", text: "<img src=x onerror=alert(1)>" });
    expect(log.view("", 1)[0]?.text).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("RateMeter", () => {
  it("computes events per second and falls to zero when idle", () => {
    const m = new RateMeter();
    m.sample(0, 0);
    m.sample(500, 500);
    m.sample(1000, 1000);
    expect(m.rate(1000)).toBe(1000);
    expect(m.rate(1000 + 10_000)).toBeLessThan(100);
  });
});

describe("parseHeaders", () => {
  it("splits name and value at the first colon and reports bad lines", () => {
    expect(parseHeaders("X-A: 1\n\nAuthorization: Bearer a:b\nbroken")).toEqual({
      headers: [
        { name: "X-A", value: "1" },
        { name: "Authorization", value: "Bearer a:b" },
      ],
      bad: ["broken"],
    });
  });
});
