import { invoke } from "@tauri-apps/api/core";
import type { AppInfo, Frame, HealthSample } from "../bindings/wire";
import { toIpcError } from "./errors";
import { subscribe, type Subscription } from "./subscribe";

/** Typed wrappers for every command the UI calls; names match src-tauri/src/commands. */
export async function appInfo(): Promise<AppInfo> {
  try {
    return await invoke<AppInfo>("app_info");
  } catch (err) {
    throw toIpcError(err);
  }
}

export function subscribeHealth(onFrame: (frame: Frame<HealthSample>) => void): Promise<Subscription> {
  return subscribe<HealthSample>("health_subscribe", {}, onFrame);
}
