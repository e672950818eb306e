//! Background monitoring: preferences, the tray's state, the notification record, pausing,
//! and the window's navigation requests.

use sluice_flow::Policy;
use sluice_wire::{
    BackgroundPrefs, ErrorCode, Frame, IpcError, NotificationRecord, SubId, TrayStatus,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::channel_sink::open_flow;
use crate::monitor_bg::Background;
use crate::monitors::Monitors;
use crate::nav::NavEvent;
use crate::state::AppState;

#[tauri::command]
pub fn background_prefs_get(bg: State<'_, Background>) -> BackgroundPrefs {
    bg.prefs()
}

#[tauri::command]
pub async fn background_prefs_set(
    bg: State<'_, Background>,
    monitors: State<'_, Monitors>,
    prefs: BackgroundPrefs,
) -> Result<(), IpcError> {
    let restart = bg.prefs().thresholds != prefs.thresholds;
    let saved = bg.set_prefs(prefs).await;
    if restart {
        // New thresholds take effect at once; the monitors start again with them.
        monitors.restart_all();
    }
    saved.map_err(|e| {
        IpcError::new(
            ErrorCode::Internal,
            format!("the background settings were not saved: {e}"),
        )
    })
}

/// What the tray shows now (also where no tray exists, for the UI and tests).
#[tauri::command]
pub fn tray_status(bg: State<'_, Background>) -> TrayStatus {
    bg.status()
}

/// The notifications raised in this run, oldest first (at most the last 200).
#[tauri::command]
pub fn notifications_list(bg: State<'_, Background>) -> Vec<NotificationRecord> {
    bg.notifier.records()
}

/// Pauses or resumes alerting (tray and notifications); history keeps being recorded.
#[tauri::command]
pub fn monitor_pause_set(app: AppHandle, bg: State<'_, Background>, paused: bool) -> TrayStatus {
    bg.set_paused(&app, paused);
    bg.status()
}

/// Streams requests to open a view (a clicked notification or tray alert) until `sub_close`.
#[tauri::command]
pub async fn nav_subscribe(
    state: State<'_, AppState>,
    bg: State<'_, Background>,
    on_frame: Channel<Frame<NavEvent>>,
) -> Result<SubId, IpcError> {
    let (sub, producer) = open_flow(
        &state.registry,
        sluice_flow::FlowConfig::new(Policy::LatestPerKey),
        on_frame,
    );
    bg.nav.subscribe(producer);
    Ok(sub)
}
