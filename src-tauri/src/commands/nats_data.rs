//! NATS KV browser: live watch of a bucket (latest value per key), history, put, delete.

use sluice_flow::Policy;
use sluice_nats::KvEvent;
use sluice_wire::{Frame, IpcError, NatsKvEntryView, SubId};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::open_flow_with;
use crate::nats_state::NatsState;
use crate::state::AppState;

/// Streams `bucket`: the latest revision of every key first, then each change; ends with a
/// `bucketGone` entry if the bucket is deleted while watched.
#[tauri::command]
pub async fn nats_kv_watch(
    state: State<'_, AppState>,
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    on_frame: Channel<Frame<KvEvent>>,
) -> Result<SubId, IpcError> {
    let live = nats.get(&profile_id)?;
    open_flow_with(
        &state.registry,
        sluice_nats::flow_config(Policy::LatestPerKey),
        on_frame,
        |producer| async move { sluice_nats::kv_watch(&live.conn, &bucket, producer).await },
    )
    .await
}

/// Every revision of `key` the bucket keeps, oldest first.
#[tauri::command]
pub async fn nats_kv_history(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    key: String,
) -> Result<Vec<NatsKvEntryView>, IpcError> {
    let live = nats.get(&profile_id)?;
    sluice_nats::check_key(&key)?;
    Ok(sluice_nats::kv_history(&live.conn, &bucket, &key).await?)
}

/// Stores a value (base64 of the bytes); returns the new revision.
#[tauri::command]
pub async fn nats_kv_put(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    key: String,
    value_b64: String,
) -> Result<u64, IpcError> {
    let live = nats.get(&profile_id)?;
    let value = sluice_nats::unb64(&value_b64)?;
    Ok(sluice_nats::kv_put(&live.conn, &bucket, &key, value).await?)
}

/// Marks a key deleted; returns the delete marker's revision.
#[tauri::command]
pub async fn nats_kv_delete(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    key: String,
) -> Result<u64, IpcError> {
    let live = nats.get(&profile_id)?;
    Ok(sluice_nats::kv_delete(&live.conn, &bucket, &key).await?)
}
