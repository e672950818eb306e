import { useEffect, useState } from "react";
import type { HealthSample, IpcError } from "../../bindings/wire";
import { subscribeHealth } from "../../ipc/commands";
import { isDesktopShell, toIpcError } from "../../ipc/errors";
import { initialTrackerState, trackFrame, type TrackerState } from "../../ipc/frameTracker";

export type LinkStatus = "connecting" | "live" | "stale" | "error";

export interface HealthState {
  status: LinkStatus;
  sample: HealthSample | null;
  tracker: TrackerState;
  error: IpcError | null;
}

/** No sample for this long while one is due every second means the core is stuck. */
const STALE_AFTER_MS = 3000;

/** Streams the core's health over a Channel for as long as the caller is mounted. */
export function useHealth(): HealthState {
  const [state, setState] = useState<HealthState>(() =>
    isDesktopShell()
      ? { status: "connecting", sample: null, tracker: initialTrackerState, error: null }
      : {
          status: "error",
          sample: null,
          tracker: initialTrackerState,
          error: { code: "unavailable", message: "Not running inside the Sluice desktop shell" },
        },
  );

  useEffect(() => {
    if (!isDesktopShell()) return;
    let lastFrameAt = Date.now();
    let cancelled = false;
    const pending = subscribeHealth((frame) => {
      lastFrameAt = Date.now();
      const latest = frame.entries[frame.entries.length - 1] ?? null;
      setState((prev) => ({
        status: "live",
        sample: latest ?? prev.sample,
        tracker: trackFrame(prev.tracker, frame),
        error: null,
      }));
    });
    pending.catch((err: unknown) => {
      if (!cancelled) setState((prev) => ({ ...prev, status: "error", error: toIpcError(err) }));
    });
    const watchdog = window.setInterval(() => {
      if (Date.now() - lastFrameAt > STALE_AFTER_MS) {
        setState((prev) => (prev.status === "live" ? { ...prev, status: "stale" } : prev));
      }
    }, 1000);
    return () => {
      cancelled = true;
      window.clearInterval(watchdog);
      void pending.then((sub) => sub.close()).catch(() => undefined);
    };
  }, []);

  return state;
}
