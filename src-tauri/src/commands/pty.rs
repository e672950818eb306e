//! Terminal sessions. `pty_open` takes a binary channel and returns the session; the other
//! commands act on it by id. All async, so none of them runs on the main thread.

use sluice_wire::{IpcError, PtyId, PtyOpenOptions, PtySessionInfo, PtySize};
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::State;

use crate::pty_output::ChannelPtyOutput;
use crate::state::AppState;

#[tauri::command]
pub async fn pty_open(
    state: State<'_, AppState>,
    options: PtyOpenOptions,
    on_output: Channel<InvokeResponseBody>,
) -> Result<PtySessionInfo, IpcError> {
    Ok(state.ptys.open(&options, ChannelPtyOutput(on_output))?)
}

#[tauri::command]
pub async fn pty_write(
    state: State<'_, AppState>,
    id: PtyId,
    data: String,
) -> Result<(), IpcError> {
    Ok(state.ptys.write(id, data.into_bytes())?)
}

#[tauri::command]
pub async fn pty_paste(
    state: State<'_, AppState>,
    id: PtyId,
    text: String,
    bracketed: bool,
) -> Result<(), IpcError> {
    Ok(state.ptys.paste(id, &text, bracketed)?)
}

#[tauri::command]
pub async fn pty_resize(
    state: State<'_, AppState>,
    id: PtyId,
    size: PtySize,
) -> Result<(), IpcError> {
    Ok(state.ptys.resize(id, size)?)
}

/// Returns `bytes` of output credit once xterm.js has written them.
#[tauri::command]
pub async fn pty_ack(state: State<'_, AppState>, id: PtyId, bytes: u64) -> Result<(), IpcError> {
    Ok(state.ptys.ack(id, bytes)?)
}

/// Re-attaches a view: the scrollback is replayed into `on_output` first.
#[tauri::command]
pub async fn pty_attach(
    state: State<'_, AppState>,
    id: PtyId,
    on_output: Channel<InvokeResponseBody>,
) -> Result<(), IpcError> {
    Ok(state.ptys.attach(id, ChannelPtyOutput(on_output))?)
}

#[tauri::command]
pub async fn pty_detach(state: State<'_, AppState>, id: PtyId) -> Result<(), IpcError> {
    Ok(state.ptys.detach(id)?)
}

#[tauri::command]
pub async fn pty_kill(state: State<'_, AppState>, id: PtyId) -> Result<(), IpcError> {
    Ok(state.ptys.kill(id)?)
}

#[tauri::command]
pub async fn pty_close(state: State<'_, AppState>, id: PtyId) -> Result<(), IpcError> {
    Ok(state.ptys.close(id)?)
}

#[tauri::command]
pub async fn pty_list(state: State<'_, AppState>) -> Result<Vec<PtySessionInfo>, IpcError> {
    Ok(state.ptys.list())
}
