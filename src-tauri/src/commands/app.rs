use sluice_wire::AppInfo;
use tauri::AppHandle;

#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        name: "Sluice".to_owned(),
        version: sluice_health::VERSION.to_owned(),
        os: std::env::consts::OS.to_owned(),
        arch: std::env::consts::ARCH.to_owned(),
        software_rendering: crate::platform::software_rendering(),
    }
}

/// Quits the app. Unless `force`, a quit that would lose a sign-in or sign-out waiting for
/// the locked vault is held, and the window is asked again (see `quit.rs`).
#[tauri::command]
pub fn app_quit(app: AppHandle, force: bool) {
    if force {
        app.exit(0);
    } else {
        crate::quit::request(&app);
    }
}
