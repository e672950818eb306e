//! The Secrets panel's commands. Passwords and secret values travel from the webview to
//! the core only; every answer carries states, names and masks.

use sluice_vault::Secret;
use sluice_wire::{IpcError, SecretView, VaultStatus};
use tauri::State;

use crate::vault_state::VaultState;

#[tauri::command]
pub async fn vault_status(vault: State<'_, VaultState>) -> Result<VaultStatus, IpcError> {
    vault.status().await
}

/// Creates a new vault (never over an existing file) and leaves it unlocked.
#[tauri::command]
pub async fn vault_create(
    vault: State<'_, VaultState>,
    password: String,
) -> Result<VaultStatus, IpcError> {
    vault.create(Secret::new(password)).await?;
    vault.status().await
}

#[tauri::command]
pub async fn vault_unlock(
    vault: State<'_, VaultState>,
    password: String,
) -> Result<VaultStatus, IpcError> {
    vault.unlock(Secret::new(password)).await?;
    vault.status().await
}

#[tauri::command]
pub async fn vault_lock(vault: State<'_, VaultState>) -> Result<VaultStatus, IpcError> {
    vault.lock();
    vault.status().await
}

/// Moves a damaged vault aside (kept beside the new one) so a new vault can be created.
/// Returns the path it was moved to.
#[tauri::command]
pub async fn vault_move_aside(vault: State<'_, VaultState>) -> Result<String, IpcError> {
    vault.move_aside().await
}

#[tauri::command]
pub async fn vault_list(vault: State<'_, VaultState>) -> Result<Vec<SecretView>, IpcError> {
    vault.list_views().await
}

/// Stores `value` under `name`; answers with the masked list, never the value.
#[tauri::command]
pub async fn vault_set(
    vault: State<'_, VaultState>,
    name: String,
    value: String,
) -> Result<Vec<SecretView>, IpcError> {
    vault.put_async(name.trim(), Secret::new(value)).await?;
    vault.list_views().await
}

#[tauri::command]
pub async fn vault_delete(
    vault: State<'_, VaultState>,
    name: String,
) -> Result<Vec<SecretView>, IpcError> {
    vault.delete_async(&name).await?;
    vault.list_views().await
}
