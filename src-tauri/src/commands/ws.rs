//! WebSocket tail: the core owns the connection (pings, size limits, reconnects); the
//! webview renders frames and sends through `ws_send`.

use sluice_wire::{ErrorCode, Frame, IpcError, SubId, WsOutgoing, WsSettings};
use sluice_ws::{WsEntry, WsOptions};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::channel_sink::open_flow;
use crate::state::AppState;
use crate::vault_state::VaultState;

#[tauri::command]
pub async fn ws_subscribe(
    app: AppHandle,
    state: State<'_, AppState>,
    vault: State<'_, VaultState>,
    settings: WsSettings,
    on_frame: Channel<Frame<WsEntry>>,
) -> Result<SubId, IpcError> {
    super::sse::check_url(&settings.url, &["ws", "wss"])?;
    let bearer = super::sse::resolve_bearer(&app, &vault, settings.auth_ref.as_deref()).await?;
    let opts = WsOptions::from_settings(&settings, bearer);
    let (sub, producer) = open_flow(&state.registry, sluice_ws::flow_config(), on_frame);
    let (sender, outbox) = sluice_ws::channel();
    state.ws_senders.insert(sub, sender);
    let senders = state.ws_senders.clone();
    tauri::async_runtime::spawn(async move {
        // Failures are pushed to the flow as a `failed` event; the sender goes with the
        // stream, whether it failed or was closed.
        let _ = sluice_ws::tail(opts, producer, outbox).await;
        senders.remove(sub);
    });
    Ok(sub)
}

/// Queues `message` on the stream's connection without waiting for the network.
#[tauri::command]
pub async fn ws_send(
    state: State<'_, AppState>,
    sub: SubId,
    message: WsOutgoing,
) -> Result<(), IpcError> {
    let sender = state.ws_senders.get(sub).ok_or_else(|| {
        IpcError::new(
            ErrorCode::NotFound,
            format!("no WebSocket stream {sub:?} is open"),
        )
    })?;
    Ok(sender.send(message)?)
}
