import { afterThisPaint } from "../../app/afterPaint";
import { call } from "../../ipc/call";

export const autostart = {
  get: () => call<boolean>("autostart_get"),
  set: (enabled: boolean) => call<boolean>("autostart_set", { enabled }),
};

let reported = false;

/** Tells the core, once, that the first frame is on screen (scripts/measure reads it). */
export function reportFirstPaint(): void {
  if (reported) return;
  reported = true;
  // The first frame after the first commit: its paint is the first paint.
  requestAnimationFrame(() =>
    afterThisPaint(() => {
      const paintEpochMs = performance.timeOrigin + performance.now();
      call<void>("perf_first_paint", { paintEpochMs }).catch(() => undefined);
    }),
  );
}
