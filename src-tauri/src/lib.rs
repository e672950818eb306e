//! The Tauri shell: adapts the core crates to the webview. Core logic lives in `crates/`;
//! this crate only wires commands, channel sinks and app lifecycle.

mod channel_sink;
mod commands;
mod state;

use state::AppState;

/// Builds and runs the desktop app; returns when the last window closes.
pub fn run() {
    let result = tauri::Builder::default()
        .setup(|app| {
            use tauri::Manager;
            let state = AppState::start();
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::health::health_subscribe,
            commands::subscriptions::sub_ack,
            commands::subscriptions::sub_close,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("sluice: the app stopped with an error: {error}");
        std::process::exit(1);
    }
}
