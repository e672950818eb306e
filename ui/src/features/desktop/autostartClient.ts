import { call } from "../vault/vaultClient";

export const autostart = {
  get: () => call<boolean>("autostart_get"),
  set: (enabled: boolean) => call<boolean>("autostart_set", { enabled }),
};

let reported = false;

/** Tells the core, once, that the first frame is on screen (scripts/measure reads it). */
export function reportFirstPaint(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      call<void>("perf_first_paint").catch(() => undefined);
    }),
  );
}
