use sluice_wire::AppInfo;

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
