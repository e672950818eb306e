fn main() {
    // A custom capabilities path is not watched by tauri-build itself.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // Declaring the app's commands makes each one a permission, so the capability files
    // in src-tauri/capabilities/ decide exactly which commands a window may call.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "health_subscribe",
        "load_batched",
        "load_per_event",
        "pty_open",
        "pty_write",
        "pty_paste",
        "pty_resize",
        "pty_ack",
        "pty_attach",
        "pty_detach",
        "pty_kill",
        "pty_close",
        "pty_list",
        "sse_subscribe",
        "ws_subscribe",
        "ws_send",
        "chat_settings_get",
        "chat_settings_set",
        "chat_send",
        "chat_stop",
        "chat_list",
        "chat_load",
        "chat_save",
        "chat_delete",
        "nats_sandbox_start",
        "nats_state_subscribe",
        "nats_model_subscribe",
        "nats_tail",
        "nats_publish",
        "sub_ack",
        "sub_close",
        "watch_open",
    ]);
    let attributes = tauri_build::Attributes::new()
        .app_manifest(manifest)
        .capabilities_path_pattern("src-tauri/capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
