import { describe, expect, it } from "vitest";
import { TerminalMeter } from "./meter";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("terminal meter", () => {
  it("counts nothing until armed", () => {
    const m = new TerminalMeter();
    m.written(bytes("abc"));
    expect(m.snapshot().bytes).toBe(0);
    m.arm();
    m.written(bytes("abc"));
    m.written(bytes("de"));
    const s = m.snapshot();
    expect(s.bytes).toBe(5);
    expect(s.callbacks).toBe(2);
    expect(s.firstMs).not.toBeNull();
    expect(s.lastMs! >= s.firstMs!).toBe(true);
  });

  it("finds the marker after input, even split across chunks", () => {
    const m = new TerminalMeter();
    const typed: string[] = [];
    m.attach({ input: (d) => typed.push(d), write: () => undefined });
    m.arm("MARK$ ");
    m.written(bytes("MARK$ before input"));
    m.input("\x03");
    expect(typed).toEqual(["\x03"]);
    expect(m.snapshot().markerMs).toBeNull();
    m.written(bytes("y\r\ny\r\n^C\r\nMA"));
    expect(m.snapshot().markerMs).toBeNull();
    m.written(bytes("RK$ "));
    expect(m.snapshot().markerMs).not.toBeNull();
  });

  it("counts idle time only while xterm.js has nothing queued", async () => {
    const m = new TerminalMeter();
    m.arm();
    const a = bytes("a".repeat(10));
    const b = bytes("b".repeat(5));
    m.received(a);
    m.received(b);
    expect(m.snapshot().peakQueued).toBe(15);
    m.written(a);
    await new Promise((r) => setTimeout(r, 5));
    m.received(bytes("c")); // b still queued: not idle
    expect(m.snapshot().idleMs).toBe(0);
    m.written(b);
    m.written(bytes("c"));
    await new Promise((r) => setTimeout(r, 20));
    m.received(bytes("d"));
    const s = m.snapshot();
    expect(s.idleMs).toBeGreaterThan(0);
    expect(s.messages).toBe(4);
    expect(s.receivedBytes).toBe(17);
  });

  it("writes lines straight to the terminal and resolves after the last callback", async () => {
    const m = new TerminalMeter();
    await expect(m.direct(1)).rejects.toThrow(/no terminal/);
    const writes: Uint8Array[] = [];
    let pending: (() => void) | undefined;
    m.attach({
      input: () => undefined,
      write: (data, done) => {
        writes.push(data);
        if (done) pending = done;
      },
    });
    let resolved = false;
    const ms = m.direct(2).then((v) => ((resolved = true), v));
    const total = writes.reduce((n, w) => n + w.byteLength, 0);
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.abs(total - 2 * 1024 * 1024)).toBeLessThan(writes[0]!.byteLength);
    expect(new TextDecoder().decode(writes[0]!).split("\n")[0]).toHaveLength(99);
    expect(pending).toBeDefined();
    await new Promise((r) => setTimeout(r, 0));
    expect(resolved).toBe(false); // only the last write's callback ends it
    pending!();
    expect(await ms).toBeGreaterThanOrEqual(0);
    expect(resolved).toBe(true);
  });
});
