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

/// The webview calls this once, after its first frame is painted, with the wall-clock time of
/// that paint. With `SLUICE_MEASURE_FILE` set (by `scripts/measure`), the paint's time and
/// its distance from the start of `run()` are written there as JSON; otherwise nothing
/// happens. Without a time from the webview (or an implausible one), the call's arrival
/// stands in for the paint.
#[tauri::command]
pub async fn perf_first_paint(paint_epoch_ms: Option<f64>) -> Result<(), IpcError> {
    let Some(path) = std::env::var_os("SLUICE_MEASURE_FILE") else {
        return Ok(());
    };
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    // The paint came before this call, and not long before.
    let ago_ms = paint_epoch_ms
        .map(|p| now_ms - p)
        .filter(|ago| (0.0..10_000.0).contains(ago))
        .unwrap_or(0.0);
    let since_run = crate::desktop::STARTED
        .get()
        .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0 - ago_ms);
    let json = format!(
        "{{\"firstPaintMsSinceStart\":{since_run:.1},\"firstPaintEpochMs\":{:.0},\"pid\":{}}}\n",
        now_ms - ago_ms,
        std::process::id()
    );
    std::fs::write(&path, json).map_err(|e| {
        IpcError::new(
            ErrorCode::Internal,
            format!("{}: {e}", path.to_string_lossy()),
        )
    })
}
