import type {
  BackgroundPrefs,
  Frame,
  MonitorEntry,
  MonitorLagSeries,
  NavRequest,
  NotificationRecord,
  TrayStatus,
} from "../../bindings/wire";
import { subscribe, type Subscription } from "../../ipc/subscribe";
import { call } from "../../ipc/call";

/** Typed wrappers for src-tauri/src/commands/monitor.rs and background.rs. */
export const monitor = {
  /** Verdicts, summary and timeline: everything current first, then changes. */
  subscribe: (profileId: string, onFrame: (f: Frame<MonitorEntry>) => void): Promise<Subscription> =>
    subscribe<MonitorEntry>("monitor_subscribe", { profileId }, onFrame),
  /** New lag samples of `ids` as they are taken. */
  subscribeLag: (profileId: string, ids: string[], onFrame: (f: Frame<MonitorEntry>) => void): Promise<Subscription> =>
    subscribe<MonitorEntry>("monitor_lag_subscribe", { profileId, ids }, onFrame),
  /** The kept lag history of `ids`, oldest first. */
  history: (profileId: string, ids: string[]) => call<MonitorLagSeries[]>("monitor_history", { profileId, ids }),
  trayStatus: () => call<TrayStatus>("tray_status"),
  notifications: () => call<NotificationRecord[]>("notifications_list"),
  setPaused: (paused: boolean) => call<TrayStatus>("monitor_pause_set", { paused }),
  prefs: () => call<BackgroundPrefs>("background_prefs_get"),
  setPrefs: (prefs: BackgroundPrefs) => call<null>("background_prefs_set", { prefs }),
  subscribeNav: (onFrame: (f: Frame<NavRequest>) => void): Promise<Subscription> =>
    subscribe<NavRequest>("nav_subscribe", {}, onFrame),
};
