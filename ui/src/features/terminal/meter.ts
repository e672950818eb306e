/**
 * Measurement hook for the terminal benchmark (tests/bench/terminal.mjs). Idle unless armed,
 * so normal use pays one branch per write callback. The bench drives it through WebDriver:
 *
 *   window.sluiceTerminalMeter.arm("MARK$ ")  // start counting; watch for a marker text
 *   window.sluiceTerminalMeter.input("\x03")  // type into the active terminal, timestamped
 *   window.sluiceTerminalMeter.snapshot()     // bytes written, callback times, marker time
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
}

const idle = (): MeterSnapshot => ({
  armed: false,
  bytes: 0,
  callbacks: 0,
  firstMs: null,
  lastMs: null,
  inputMs: null,
  markerMs: null,
});

export class TerminalMeter {
  private s: MeterSnapshot = idle();
  private marker: string | null = null;
  /** The end of the previous chunk, so a marker split across chunks is still found. */
  private carry = "";
  private sink: ((data: string) => void) | null = null;

  arm(marker: string | null = null) {
    this.s = { ...idle(), armed: true };
    this.marker = marker;
    this.carry = "";
  }

  disarm() {
    this.s.armed = false;
  }

  /** The active terminal's input, so `input` types like a user would. */
  attach(sink: ((data: string) => void) | null) {
    this.sink = sink;
  }

  input(data: string) {
    this.s.inputMs = performance.now();
    this.s.markerMs = null;
    this.carry = "";
    this.sink?.(data);
  }

  written(bytes: Uint8Array) {
    const s = this.s;
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
