//! NATS messages: browse a stream by sequence or time (no consumer is created, so
//! work-queue and interest streams are left as they are) and request-reply.

use std::time::Duration;

use sluice_wire::{IpcError, NatsBrowsePage, NatsBrowseRequest, NatsPublishRequest, NatsReply};
use tauri::State;

use crate::nats_state::NatsState;

/// Longest a request waits for its reply, whatever the UI asks.
const MAX_REQUEST_TIMEOUT_MS: u64 = 60_000;

#[tauri::command]
pub async fn nats_browse(
    nats: State<'_, NatsState>,
    profile_id: String,
    request: NatsBrowseRequest,
) -> Result<NatsBrowsePage, IpcError> {
    let live = nats.get(&profile_id)?;
    Ok(sluice_nats::browse(&live.conn, &request).await?)
}

/// Sends a request and returns the first reply with how long it took; no responders and
/// timeouts are `unavailable` errors that say which.
#[tauri::command]
pub async fn nats_request(
    nats: State<'_, NatsState>,
    profile_id: String,
    request: NatsPublishRequest,
    timeout_ms: u64,
) -> Result<NatsReply, IpcError> {
    let live = nats.get(&profile_id)?;
    let timeout = Duration::from_millis(timeout_ms.clamp(1, MAX_REQUEST_TIMEOUT_MS));
    Ok(sluice_nats::request(&live.conn, &request, timeout).await?)
}
