//! The Tauri shell: adapts the core crates to the webview. Core logic lives in `crates/`;
//! this crate only wires commands, channel sinks and app lifecycle.

mod auth_state;
mod bench_csp;
mod channel_sink;
mod chat_core;
mod commands;
mod deep_link;
mod desktop;
mod monitor_bg;
mod monitors;
mod nats_profiles_state;
mod nats_state;
mod nav;
mod notify;
mod notify_policy;
mod platform;
mod pty_output;
mod quit;
#[cfg(test)]
mod security_tests;
mod shutdown;
mod state;
mod sub_map;
mod tray;
mod vault_state;

use state::AppState;

/// Builds and runs the desktop app; returns when the last window closes.
pub fn run() {
    let _ = desktop::STARTED.set(std::time::Instant::now());
    platform::prepare_webview_env();
    let mut context = tauri::generate_context!();
    bench_csp::apply(&mut context);
    let result = desktop::plugins(deep_link::plugins(tauri::Builder::default()))
        .on_page_load(deep_link::on_page_load)
        .plugin(tauri_plugin_notification::init())
        .on_window_event(monitor_bg::on_window_event)
        .setup(|app| {
            use tauri::Manager;
            let state = AppState::start();
            // Conversations and chat settings; the API key is in the vault.
            state.chat.set_dir(app.path().app_data_dir()?.join("chats"));
            let vault = vault_state::VaultState::default();
            vault.set_path(vault_state::vault_path(&app.path().app_data_dir()?));
            state.chat.set_vault(vault.clone());
            app.manage(vault);
            desktop::install_menu(app.handle())?;
            shutdown::install(app.handle());
            app.manage(state);
            auth_state::setup(app.handle())?;
            app.manage(nats_state::NatsState::default());
            monitor_bg::install(app.handle());
            let profiles = app.path().app_data_dir()?.join("nats-profiles.json");
            let vault = app.state::<vault_state::VaultState>().inner().clone();
            app.manage(nats_profiles_state::NatsProfiles::open(profiles, vault));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::app_quit,
            commands::auth::auth_configure,
            commands::auth::auth_sign_in,
            commands::auth::auth_subscribe,
            commands::auth::auth_sign_out,
            commands::background::background_prefs_get,
            commands::background::background_prefs_set,
            commands::background::tray_status,
            commands::background::notifications_list,
            commands::background::monitor_pause_set,
            commands::background::nav_subscribe,
            commands::monitor::monitor_subscribe,
            commands::monitor::monitor_lag_subscribe,
            commands::monitor::monitor_history,
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
            commands::nats_data::nats_kv_watch,
            commands::nats_data::nats_kv_history,
            commands::nats_data::nats_kv_put,
            commands::nats_data::nats_kv_delete,
            commands::nats_data_objects::nats_object_list,
            commands::nats_data_objects::nats_object_read,
            commands::nats_data_objects::nats_object_download,
            commands::nats_data_objects::nats_object_upload,
            commands::nats_data_objects::nats_object_delete,
            commands::nats_data_messages::nats_browse,
            commands::nats_data_messages::nats_request,
            commands::nats_profiles::nats_profiles_subscribe,
            commands::nats_profiles::nats_profiles_status,
            commands::nats_profiles::nats_profile_save,
            commands::nats_profiles::nats_profile_delete,
            commands::nats_profiles::nats_connect,
            commands::nats_profiles::nats_disconnect,
            commands::subscriptions::sub_ack,
            commands::subscriptions::sub_close,
            commands::watch::watch_open,
            commands::vault::vault_status,
            commands::vault::vault_create,
            commands::vault::vault_unlock,
            commands::vault::vault_lock,
            commands::vault::vault_move_aside,
            commands::vault::vault_list,
            commands::vault::vault_set,
            commands::vault::vault_delete,
            commands::desktop::autostart_get,
            commands::desktop::autostart_set,
            commands::desktop::perf_first_paint,
        ])
        .build(context);
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
