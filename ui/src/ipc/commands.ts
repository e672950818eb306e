import type { AppInfo, Frame, HealthSample } from "../bindings/wire";
import { call } from "./call";
import { subscribe, type Subscription } from "./subscribe";

/** Typed wrappers for every command the UI calls; names match src-tauri/src/commands. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

export function subscribeHealth(onFrame: (frame: Frame<HealthSample>) => void): Promise<Subscription> {
  return subscribe<HealthSample>("health_subscribe", {}, onFrame);
}

/** Quits; unless `force`, the core holds a quit that would lose a change waiting for the vault. */
export function appQuit(force: boolean): Promise<void> {
  return call<void>("app_quit", { force });
}
