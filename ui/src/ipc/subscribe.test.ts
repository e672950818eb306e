import { beforeEach, describe, expect, it, vi } from "vitest";

// The Tauri transport is replaced by an in-memory one: this tests the ack bookkeeping, the
// real channel is exercised by the end-to-end tests.
const calls: { cmd: string; args: Record<string, unknown> }[] = [];
let replyGate: Promise<void> = Promise.resolve();
let lastChannel: { onmessage: (m: unknown) => void } | null = null;

vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (m: unknown) => void = () => undefined;
    constructor() {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      lastChannel = this;
    }
  },
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push({ cmd, args });
    if (cmd === "sub_ack" || cmd === "sub_close") return undefined;
    await replyGate;
    return 7;
  },
}));

const { subscribe } = await import("./subscribe");

const frame = (seq: number) => ({ sub: 7, generation: 0, seq, entries: [], dropped: null, stats: {} });
const nextFrame = () => new Promise((r) => setTimeout(r, 5));

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal("requestAnimationFrame", (cb: () => void) => setTimeout(cb, 0));
});

describe("subscribe acks", () => {
  it("acks the newest frame once per paint", async () => {
    const seen: number[] = [];
    await subscribe("x_subscribe", {}, (f) => seen.push(f.seq));
    lastChannel?.onmessage(frame(1));
    lastChannel?.onmessage(frame(2));
    await nextFrame();
    expect(seen).toEqual([1, 2]);
    expect(calls.filter((c) => c.cmd === "sub_ack").map((c) => c.args)).toEqual([{ sub: 7, seq: 2 }]);
  });

  it("tells the core when the webview paints, in wall-clock microseconds", async () => {
    vi.stubGlobal("requestAnimationFrame", (cb: (t: number) => void) => setTimeout(() => cb(1234.5), 0));
    await subscribe("x_subscribe", {}, () => undefined);
    lastChannel?.onmessage(frame(1));
    await nextFrame();
    const acks = calls.filter((c) => c.cmd === "sub_ack").map((c) => c.args);
    expect(acks).toEqual([{ sub: 7, seq: 1, paintUs: Math.round((performance.timeOrigin + 1234.5) * 1000) }]);
  });

  it("acks frames that arrived before the command replied", async () => {
    let open: () => void = () => undefined;
    replyGate = new Promise((r) => (open = r));
    const pending = subscribe("x_subscribe", {}, () => undefined);
    await nextFrame();
    for (const seq of [1, 2, 3, 4]) lastChannel?.onmessage(frame(seq));
    await nextFrame();
    expect(calls.some((c) => c.cmd === "sub_ack")).toBe(false);
    open();
    await pending;
    await nextFrame();
    expect(calls.filter((c) => c.cmd === "sub_ack").map((c) => c.args)).toEqual([{ sub: 7, seq: 4 }]);
    replyGate = Promise.resolve();
  });
});
