import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, restoreOptions, toSseSettings, toWsSettings, type StreamOptions } from "./streamOptions";

const opts = (o: Partial<StreamOptions>): StreamOptions => ({ ...DEFAULT_OPTIONS, ...o });
const fail = (r: { ok: boolean; message?: string }) => (r.ok ? "ok" : r.message);

describe("stream options", () => {
  it("builds a GET SSE request without a body even when one was typed", () => {
    const r = toSseSettings("http://h/e", "", opts({ body: "ignored" }));
    expect(r.ok && r.settings.method).toBe("GET");
    expect(r.ok && r.settings.body).toBeNull();
  });

  it("builds a POST with body, headers, retry policy, idle timeout and keepalive rule", () => {
    const r = toSseSettings(
      "http://h/e",
      "X-Team: a\nAccept: text/event-stream",
      opts({
        method: "POST",
        body: '{"topic":"t"}',
        maxRetries: "3",
        initialDelayMs: "200",
        maxDelayMs: "5000",
        idleTimeoutS: "45",
        keepaliveOn: true,
        keepaliveEvent: "ping",
        keepaliveUrl: "http://h/pong?token={data}",
        keepaliveHeaders: "X-Client: 7",
        keepaliveBody: "{id}",
      }),
    );
    expect(r).toEqual({
      ok: true,
      settings: {
        url: "http://h/e",
        method: "POST",
        headers: [
          { name: "X-Team", value: "a" },
          { name: "Accept", value: "text/event-stream" },
        ],
        body: '{"topic":"t"}',
        authRef: null,
        retry: { initialDelayMs: 200, maxDelayMs: 5000, maxRetries: 3, retryHttpErrors: true },
        idleTimeoutMs: 45_000,
        maxEventBytes: 8 * 1024 * 1024,
        keepalive: { event: "ping", url: "http://h/pong?token={data}", method: "POST", headers: [{ name: "X-Client", value: "7" }], body: "{id}" },
        lastEventId: null,
      },
    });
  });

  it("an empty max retries means forever", () => {
    const r = toSseSettings("http://h/e", "", opts({ maxRetries: " " }));
    expect(r.ok && r.settings.retry.maxRetries).toBeNull();
  });

  it("refuses bad numbers, a cap below the first delay, bad headers and an incomplete keepalive", () => {
    expect(fail(toSseSettings("u", "", opts({ maxRetries: "-1" })))).toMatch(/Max retries/);
    expect(fail(toSseSettings("u", "", opts({ idleTimeoutS: "1.5" })))).toMatch(/Idle timeout/);
    expect(fail(toSseSettings("u", "", opts({ idleTimeoutS: "" })))).toMatch(/Idle timeout/);
    expect(fail(toSseSettings("u", "", opts({ initialDelayMs: "5000", maxDelayMs: "100" })))).toMatch(/cap must not be below/);
    expect(fail(toSseSettings("u", "no colon", opts({})))).toMatch(/Headers must be/);
    expect(fail(toSseSettings("u", "", opts({ keepaliveOn: true, keepaliveUrl: "" })))).toMatch(/reply URL/);
    expect(fail(toSseSettings("u", "", opts({ keepaliveOn: true, keepaliveUrl: "http://h", keepaliveEvent: " " })))).toMatch(/event's name/);
    expect(fail(toSseSettings("u", "", opts({ keepaliveOn: true, keepaliveUrl: "http://h", keepaliveHeaders: "bad" })))).toMatch(/Keepalive headers/);
  });

  it("builds WebSocket subprotocols, pings and retry policy", () => {
    const r = toWsSettings("ws://h/s", "", opts({ subprotocols: "graphql-ws, mqtt  v2", pingIntervalS: "5", pongTimeoutS: "2", maxRetries: "1" }));
    expect(r.ok && r.settings.subprotocols).toEqual(["graphql-ws", "mqtt", "v2"]);
    expect(r.ok && [r.settings.pingIntervalMs, r.settings.pongTimeoutMs, r.settings.retry.maxRetries]).toEqual([5000, 2000, 1]);
    expect(fail(toWsSettings("ws://h", "", opts({ pingIntervalS: "0" })))).toMatch(/Ping interval/);
  });

  it("restores saved options over the defaults, dropping wrong types", () => {
    expect(restoreOptions(null)).toEqual(DEFAULT_OPTIONS);
    expect(restoreOptions({ method: "PUT", maxRetries: 5, body: "x", keepaliveOn: "yes" })).toEqual({ ...DEFAULT_OPTIONS, body: "x" });
  });
});
