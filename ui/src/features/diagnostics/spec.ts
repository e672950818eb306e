import type { IpcError, LoadSpec } from "../../bindings/wire";

export const DEFAULT_SPEC: LoadSpec = { eventsPerSec: 500_000, durationMs: 3_000, keys: 64, payloadBytes: 100 };

/**
 * The baseline runs at the same rate but briefly: one channel message per event queues
 * every message in the webview's main loop, and a long run leaves a backlog that freezes
 * the window for a long time after it ends.
 */
export const DEFAULT_BASELINE_MS = 500;

/** Inclusive bounds, the same the core enforces (src-tauri/src/commands/load.rs). */
export const LIMITS: Record<keyof LoadSpec, [number, number]> = {
  eventsPerSec: [1, 5_000_000],
  durationMs: [1, 60_000],
  keys: [1, 10_000],
  payloadBytes: [0, 65_536],
};

const LABELS: Record<keyof LoadSpec, string> = {
  eventsPerSec: "Events per second",
  durationMs: "Duration",
  keys: "Keys",
  payloadBytes: "Payload size",
};

export function toDraft(spec: LoadSpec): Record<keyof LoadSpec, string> {
  return {
    eventsPerSec: String(spec.eventsPerSec),
    durationMs: String(spec.durationMs),
    keys: String(spec.keys),
    payloadBytes: String(spec.payloadBytes),
  };
}

/** Whole numbers within LIMITS, or an error naming the first bad field. */
export function parseSpec(draft: Record<keyof LoadSpec, string>): LoadSpec | IpcError {
  const out = {} as LoadSpec;
  for (const key of Object.keys(LIMITS) as (keyof LoadSpec)[]) {
    const text = draft[key].trim();
    const value = Number(text);
    const [min, max] = LIMITS[key];
    if (text === "" || !Number.isInteger(value) || value < min || value > max) {
      return {
        code: "invalid_input",
        message: `${LABELS[key]} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}.`,
      };
    }
    out[key] = value;
  }
  return out;
}
