//! Launch at login (off until the user turns it on) and the first-paint report.

use sluice_wire::{ErrorCode, IpcError};
use tauri::AppHandle;
use tauri_plugin_autostart::ManagerExt;

fn autostart_error(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Unavailable, format!("launch at login: {e}"))
}

#[tauri::command]
pub async fn autostart_get(app: AppHandle) -> Result<bool, IpcError> {
    app.autolaunch().is_enabled().map_err(autostart_error)
}

/// Turns launch at login on or off; answers the state the OS reports afterwards.
#[tauri::command]
pub async fn autostart_set(app: AppHandle, enabled: bool) -> Result<bool, IpcError> {
    let launcher = app.autolaunch();
    let changed = if enabled {
        launcher.enable()
    } else {
        launcher.disable()
    };
    changed.map_err(autostart_error)?;
    launcher.is_enabled().map_err(autostart_error)
}

/// The webview calls this once, after its first frame is on screen. With
/// `SLUICE_MEASURE_FILE` set (by `scripts/measure`), the time since the process started
/// is written there as JSON; otherwise nothing happens.
#[tauri::command]
pub async fn perf_first_paint() -> Result<(), IpcError> {
    let Some(path) = std::env::var_os("SLUICE_MEASURE_FILE") else {
        return Ok(());
    };
    let since_run = crate::desktop::STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    let epoch_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let json = format!(
        "{{\"firstPaintMsSinceStart\":{since_run:.1},\"firstPaintEpochMs\":{epoch_ms},\"pid\":{}}}\n",
        std::process::id()
    );
    std::fs::write(&path, json).map_err(|e| {
        IpcError::new(
            ErrorCode::Internal,
            format!("{}: {e}", path.to_string_lossy()),
        )
    })
}
