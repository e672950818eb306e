use sluice_wire::{IpcError, SubId};
use tauri::State;

use crate::state::AppState;

/// Acknowledges every frame up to `seq`, returning credits to the flow engine.
#[tauri::command]
pub fn sub_ack(state: State<'_, AppState>, sub: SubId, seq: u64) -> Result<(), IpcError> {
    state.registry.ack(sub, seq)
}

/// Ends a subscription and forgets its settings.
#[tauri::command]
pub fn sub_close(state: State<'_, AppState>, sub: SubId) -> Result<(), IpcError> {
    state.registry.close(sub)
}
