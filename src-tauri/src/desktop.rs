//! Desktop citizenship: the window's size and position are remembered, a native menu
//! with shortcuts, launch at login (opt-in, off until the user turns it on), and the
//! first-paint timing that `scripts/measure` reads.

use std::time::Instant;

use sluice_wire::NavRequest;
use tauri::menu::{Menu, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_window_state::StateFlags;

/// When `run()` began: the origin of the first-paint figure.
pub static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Adds the window-state and autostart plugins.
pub fn plugins<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    // Visibility is not restored: the window may have been hidden to the tray at exit.
    let flags = StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED;
    builder
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(flags)
                .build(),
        )
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
}

/// File / Edit / View / Window / Help. Shortcuts avoid plain Ctrl+letter on Linux and
/// Windows, where those keys belong to the terminal; macOS gets the standard Edit menu,
/// without which Cmd+C/V do nothing in a webview.
pub fn install_menu(app: &AppHandle) -> tauri::Result<()> {
    let settings = MenuItemBuilder::with_id("settings", "Settings…")
        .accelerator("CmdOrCtrl+,")
        .build(app)?;
    let secrets = MenuItemBuilder::with_id("secrets", "Secrets…").build(app)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&settings)
        .item(&secrets)
        .separator()
        .close_window();
    #[cfg(not(target_os = "macos"))]
    let file = file.separator().item(
        &MenuItemBuilder::with_id("quit", "Quit")
            .accelerator("Ctrl+Shift+Q")
            .build(app)?,
    );
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(
            &MenuItemBuilder::with_id("fullscreen", "Toggle Full Screen")
                .accelerator("F11")
                .build(app)?,
        )
        .build()?;
    let window = SubmenuBuilder::new(app, "Window")
        .minimize()
        .maximize()
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .about(Some(tauri::menu::AboutMetadata {
            name: Some("Sluice".into()),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            comments: Some("Live NATS, SSE, WebSocket and terminal streams".into()),
            license: Some("Apache-2.0".into()),
            ..Default::default()
        }))
        .build()?;
    let file = file.build()?;
    let menu = if cfg!(target_os = "macos") {
        Menu::with_items(app, &[&file, &edit, &view, &window, &help])?
    } else {
        // Copy and paste work natively in the webview here; an Edit menu with Ctrl+C
        // would take the key from the terminal.
        Menu::with_items(app, &[&file, &view, &window, &help])?
    };
    app.set_menu(menu)?;
    app.on_menu_event(|app, event| match event.id().as_ref() {
        "settings" | "secrets" => open_section(app, "settings"),
        "quit" => crate::quit::request(app),
        "fullscreen" => {
            if let Some(w) = app.get_webview_window("main") {
                let full = w.is_fullscreen().unwrap_or(false);
                let _ = w.set_fullscreen(!full);
            }
        }
        _ => {}
    });
    Ok(())
}

fn open_section(app: &AppHandle, section: &str) {
    crate::monitor_bg::open_view(
        app,
        NavRequest {
            section: section.into(),
            profile_id: None,
            consumer_id: None,
            reason: None,
        },
    );
}
