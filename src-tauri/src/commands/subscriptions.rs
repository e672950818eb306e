use sluice_wire::{IpcError, SubId};
use tauri::State;

use crate::state::AppState;

// Both run on the async runtime (async fn), not on the main thread, which must stay free
// to deliver the next frame to the webview.

/// Acknowledges every frame up to `seq`, returning credits to the flow engine. `paint_us`,
/// when the webview gives it, is the start of its current animation frame (wall clock,
/// microseconds): later frames are timed to land just before its paints.
#[tauri::command]
pub async fn sub_ack(
    state: State<'_, AppState>,
    sub: SubId,
    seq: u64,
    paint_us: Option<u64>,
) -> Result<(), IpcError> {
    if let Some(at) = paint_us {
        state.registry.note_paint(sub, at);
    }
    state.registry.ack(sub, seq)
}

/// Ends a subscription and forgets its settings.
#[tauri::command]
pub async fn sub_close(state: State<'_, AppState>, sub: SubId) -> Result<(), IpcError> {
    state.registry.close(sub)
}
