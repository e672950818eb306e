//! Quitting from File → Quit, the tray, closing the main window when that ends the app, or
//! the window's "Quit anyway". A sign-in or sign-out made while the vault is locked lives only
//! in memory until the vault is unlocked, so such a quit is held: the window opens Settings
//! and asks whether to unlock the vault or to quit anyway. Signals (logout, `kill`) still end
//! the app at once (`shutdown.rs`): there is nobody to ask.

use std::sync::Arc;

use sluice_wire::{NavReason, NavRequest};
use tauri::{AppHandle, Manager};

use crate::auth_state::AuthState;

/// Whether a quit now would lose a change that waits for the vault.
pub fn must_hold(app: &AppHandle) -> bool {
    app.try_state::<Arc<AuthState>>()
        .is_some_and(|auth| auth.vault_pending())
}

/// Quits, unless that would lose a change waiting for the vault; then asks instead.
pub fn request(app: &AppHandle) {
    if must_hold(app) {
        hold(app);
    } else {
        // Exits through RunEvent::Exit, so the usual cleanup runs.
        app.exit(0);
    }
}

/// Shows the window at Settings with the question.
pub fn hold(app: &AppHandle) {
    crate::monitor_bg::open_view(
        app,
        NavRequest {
            section: "settings".into(),
            profile_id: None,
            consumer_id: None,
            reason: Some(NavReason::QuitHeld),
        },
    );
}
