import { Channel, invoke } from "@tauri-apps/api/core";
import type { LoadSample, LoadSpec } from "../../bindings/wire";
import { afterThisPaint } from "../../app/afterPaint";
import { subscribe } from "../../ipc/subscribe";
import { summarize, type LatencySummary, type Weighted } from "./latency";

export type RunMode = "batched" | "per_event";

export interface RunResult {
  mode: RunMode;
  offered: number;
  accounted: number;
  complete: boolean;
  elapsedMs: number;
  eventsPerSec: number;
  /** Channel messages the webview handled (frames, or single events for the baseline). */
  messages: number;
  latency: LatencySummary;
  /** Send in Rust to arrival in the webview's channel handler, the part before painting. */
  arrival: LatencySummary;
  /** Arrival to the start of the animation frame that takes it. */
  toFrame: LatencySummary;
  /** Start of that animation frame to the end of its paint. */
  render: LatencySummary;
}

const nowUs = () => (performance.timeOrigin + performance.now()) * 1000;

/**
 * Counts every event into `show` and measures send-to-paint latency: each received entry
 * is timed from the send of its oldest merged event to the paint that displayed it.
 */
class PaintMeter {
  accounted = 0;
  messages = 0;
  samples: Weighted[] = [];
  arrivals: Weighted[] = [];
  toFrame: Weighted[] = [];
  render: Weighted[] = [];
  private arrivedUs: number[] = [];
  private pending: LoadSample[] = [];
  private scheduled = false;
  lastPaintUs = 0;

  constructor(
    private readonly show: (accounted: number, latest: LoadSample | undefined) => void,
    private readonly onPainted: () => void,
  ) {}

  take(entries: readonly LoadSample[]) {
    this.messages += 1;
    const now = nowUs();
    this.arrivedUs.push(now);
    for (const e of entries) {
      this.pending.push(e);
      this.arrivals.push({ valueMs: (now - e.firstSentUs) / 1000, weight: e.count });
    }
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame((frameStart) => {
      const frameUs = (performance.timeOrigin + frameStart) * 1000;
      for (const a of this.arrivedUs) this.toFrame.push({ valueMs: (frameUs - a) / 1000, weight: 1 });
      this.arrivedUs = [];
      const batch = this.pending;
      this.pending = [];
      this.scheduled = false;
      for (const e of batch) this.accounted += e.count;
      this.show(this.accounted, batch[batch.length - 1]);
      afterThisPaint(() => {
        const now = nowUs();
        this.lastPaintUs = now;
        this.render.push({ valueMs: (now - frameUs) / 1000, weight: 1 });
        for (const e of batch) this.samples.push({ valueMs: (now - e.firstSentUs) / 1000, weight: e.count });
        this.onPainted();
      });
    });
  }
}

export async function runPipeline(
  mode: RunMode,
  spec: LoadSpec,
  show: (accounted: number, latest: LoadSample | undefined) => void,
  { graceMs = 15_000 } = {},
): Promise<RunResult> {
  const offered = Math.floor((spec.eventsPerSec * spec.durationMs) / 1000);
  const startedUs = nowUs();
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const meter = new PaintMeter(show, () => {
    if (meter.accounted >= offered) finish();
  });
  const timer = window.setTimeout(finish, spec.durationMs + graceMs);
  let close = async () => undefined as void;

  if (mode === "batched") {
    const sub = await subscribe<LoadSample>("load_batched", { spec }, (frame) => meter.take(frame.entries));
    close = () => sub.close();
  } else {
    const channel = new Channel<LoadSample>();
    channel.onmessage = (e) => meter.take([e]);
    await invoke("load_per_event", { spec, onEvent: channel });
  }
  await done;
  window.clearTimeout(timer);
  await close().catch(() => undefined);

  const elapsedMs = ((meter.lastPaintUs || nowUs()) - startedUs) / 1000;
  return {
    mode,
    offered,
    accounted: meter.accounted,
    complete: meter.accounted >= offered,
    elapsedMs,
    eventsPerSec: elapsedMs > 0 ? (meter.accounted * 1000) / elapsedMs : 0,
    messages: meter.messages,
    latency: summarize(meter.samples),
    arrival: summarize(meter.arrivals),
    toFrame: summarize(meter.toFrame),
    render: summarize(meter.render),
  };
}
