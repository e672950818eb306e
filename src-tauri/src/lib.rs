//! The Tauri shell: adapts the core crates to the webview. Core logic lives in `crates/`;
//! this crate only wires commands, channel sinks and app lifecycle.

mod channel_sink;
mod chat_core;
mod commands;
mod nats_state;
mod platform;
mod pty_output;
mod state;
mod sub_map;

use state::AppState;

/// Builds and runs the desktop app; returns when the last window closes.
pub fn run() {
    platform::prepare_webview_env();
    let result = tauri::Builder::default()
        .setup(|app| {
            use tauri::Manager;
            let state = AppState::start();
            // Conversations, chat settings and (until the vault exists) the API key.
            state.chat.set_dir(app.path().app_data_dir()?.join("chats"));
            app.manage(state);
            app.manage(nats_state::NatsState::default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::health::health_subscribe,
            commands::load::load_batched,
            commands::load::load_per_event,
            commands::pty::pty_open,
            commands::pty::pty_write,
            commands::pty::pty_paste,
            commands::pty::pty_resize,
            commands::pty::pty_ack,
            commands::pty::pty_attach,
            commands::pty::pty_detach,
            commands::pty::pty_kill,
            commands::pty::pty_close,
            commands::pty::pty_list,
            commands::sse::sse_subscribe,
            commands::ws::ws_subscribe,
            commands::ws::ws_send,
            commands::chat::chat_settings_get,
            commands::chat::chat_settings_set,
            commands::chat::chat_send,
            commands::chat::chat_stop,
            commands::chat::chat_list,
            commands::chat::chat_load,
            commands::chat::chat_save,
            commands::chat::chat_delete,
            commands::nats::nats_sandbox_start,
            commands::nats::nats_state_subscribe,
            commands::nats::nats_model_subscribe,
            commands::nats::nats_tail,
            commands::nats::nats_publish,
            commands::subscriptions::sub_ack,
            commands::subscriptions::sub_close,
            commands::watch::watch_open,
        ])
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(error) => {
            eprintln!("sluice: the app could not start: {error}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager;
            // Children of terminals must not outlive the app.
            if let Some(state) = handle.try_state::<AppState>() {
                state.ptys.close_all();
                state.registry.close_all();
            }
            // The sandbox's nats-server must not outlive the app either.
            if let Some(nats) = handle.try_state::<nats_state::NatsState>() {
                nats.shutdown();
            }
        }
    });
}
