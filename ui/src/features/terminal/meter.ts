/**
 * Measurement hook for the terminal benchmark (tests/bench/terminal.mjs). Idle unless armed,
 * so normal use pays one branch per write callback. The bench drives it through WebDriver:
 *
 *   window.sluiceTerminalMeter.arm("MARK$ ")  // start counting; watch for a marker text
 *   window.sluiceTerminalMeter.input("\x03")  // type into the active terminal, timestamped
 *   window.sluiceTerminalMeter.snapshot()     // bytes written, callback times, marker time
 *   window.sluiceTerminalMeter.direct(16)     // ms for xterm.js alone to take 16 MiB (no IPC)
 *
 * Times are `performance.now()` at xterm.js write callbacks: output counts once it is
 * parsed into the terminal buffer, which is what "to the last write callback" means.
 */
export interface MeterSnapshot {
  armed: boolean;
  bytes: number;
  callbacks: number;
  firstMs: number | null;
  lastMs: number | null;
  /** When `input` was last called. */
  inputMs: number | null;
  /** First write callback after `input` whose output completed the marker. */
  markerMs: number | null;
  /** Output messages received from the core, and their bytes. */
  messages: number;
  receivedBytes: number;
  /** Time xterm.js had nothing queued while armed: waiting for the next message. */
  idleMs: number;
  /** Largest number of bytes queued in xterm.js (received, write callback not yet run). */
  peakQueued: number;
}

const idle = (): MeterSnapshot => ({
  armed: false,
  bytes: 0,
  callbacks: 0,
  firstMs: null,
  lastMs: null,
  inputMs: null,
  markerMs: null,
  messages: 0,
  receivedBytes: 0,
  idleMs: 0,
  peakQueued: 0,
});

/** What the meter needs of the active terminal. */
export interface TerminalSink {
  input(data: string): void;
  write(data: Uint8Array, done?: () => void): void;
}

export class TerminalMeter {
  private s: MeterSnapshot = idle();
  private marker: string | null = null;
  /** The end of the previous chunk, so a marker split across chunks is still found. */
  private carry = "";
  private sink: TerminalSink | null = null;
  /** Bytes handed to xterm.js whose write callback has not run, and when it last ran dry. */
  private queued = 0;
  private dryAt: number | null = null;

  arm(marker: string | null = null) {
    this.s = { ...idle(), armed: true };
    this.marker = marker;
    this.carry = "";
    this.dryAt = this.queued === 0 ? performance.now() : null;
  }

  disarm() {
    this.s.armed = false;
  }

  /** The active terminal, so `input` types like a user would and `direct` writes to it. */
  attach(sink: TerminalSink | null) {
    this.sink = sink;
  }

  input(data: string) {
    this.s.inputMs = performance.now();
    this.s.markerMs = null;
    this.carry = "";
    this.sink?.input(data);
  }

  /**
   * Writes `mib` MiB of 100-byte lines straight into the active terminal, in 256 KiB
   * writes, and resolves with the ms to the last write callback: what xterm.js (parse and
   * render) manages on its own here, the ceiling for output that also crosses IPC.
   */
  direct(mib: number): Promise<number> {
    const sink = this.sink;
    if (!sink) return Promise.reject(new Error("no terminal attached"));
    const line = "direct " + "the quick brown fox jumps over the lazy dog ".repeat(3);
    const text = (line.slice(0, 99) + "\n").repeat(Math.floor((256 * 1024) / 100));
    const chunk = new TextEncoder().encode(text);
    const writes = Math.max(1, Math.round((mib * 1024 * 1024) / chunk.byteLength));
    const t0 = performance.now();
    return new Promise((resolve) => {
      for (let i = 0; i < writes; i++) {
        sink.write(chunk, i === writes - 1 ? () => resolve(performance.now() - t0) : undefined);
      }
    });
  }

  /** A message from the core, about to be handed to xterm.js. */
  received(bytes: Uint8Array) {
    const s = this.s;
    if (s.armed) {
      const now = performance.now();
      // Only gaps inside the measured stretch count: from the first byte on.
      if (this.dryAt !== null && s.receivedBytes > 0) s.idleMs += now - this.dryAt;
      s.messages += 1;
      s.receivedBytes += bytes.byteLength;
    }
    this.dryAt = null;
    this.queued += bytes.byteLength;
    if (s.armed) s.peakQueued = Math.max(s.peakQueued, this.queued);
  }

  written(bytes: Uint8Array) {
    this.queued = Math.max(0, this.queued - bytes.byteLength);
    const s = this.s;
    if (this.queued === 0) this.dryAt = performance.now();
    if (!s.armed) return;
    const now = performance.now();
    s.bytes += bytes.byteLength;
    s.callbacks += 1;
    s.firstMs ??= now;
    s.lastMs = now;
    if (this.marker && s.inputMs !== null && s.markerMs === null) {
      // Only the tail can hold a new prompt; decoding a whole 64 KiB flood chunk is waste.
      const tail = bytes.subarray(Math.max(0, bytes.byteLength - 4096));
      const text = this.carry + String.fromCharCode(...tail);
      if (text.includes(this.marker)) s.markerMs = now;
      this.carry = text.slice(-this.marker.length);
    }
  }

  snapshot(): MeterSnapshot {
    return { ...this.s };
  }
}

export const meter = new TerminalMeter();

declare global {
  interface Window {
    sluiceTerminalMeter?: TerminalMeter;
  }
}

if (typeof window !== "undefined") window.sluiceTerminalMeter = meter;
