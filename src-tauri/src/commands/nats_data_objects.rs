//! NATS object store browser: list, show small objects inline, download, upload, delete.

use std::path::PathBuf;

use sluice_wire::{ErrorCode, IpcError, NatsObjectContent, NatsObjectTransfer, NatsObjectView};
use tauri::State;

use crate::nats_state::NatsState;

/// Local paths come from a text field: only absolute ones, so nothing lands relative to
/// wherever the app happened to start.
fn local_path(path: &str) -> Result<PathBuf, IpcError> {
    let p = PathBuf::from(path.trim());
    if p.is_absolute() {
        Ok(p)
    } else {
        Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!("{path:?} is not an absolute path"),
        ))
    }
}

#[tauri::command]
pub async fn nats_object_list(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
) -> Result<Vec<NatsObjectView>, IpcError> {
    let live = nats.get(&profile_id)?;
    Ok(sluice_nats::object_list(&live.conn, &bucket).await?)
}

/// The bytes of a small object (at most `MAX_INLINE_OBJECT`), to show inline.
#[tauri::command]
pub async fn nats_object_read(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    name: String,
) -> Result<NatsObjectContent, IpcError> {
    let live = nats.get(&profile_id)?;
    Ok(sluice_nats::object_read(&live.conn, &bucket, &name).await?)
}

#[tauri::command]
pub async fn nats_object_download(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    name: String,
    path: String,
) -> Result<NatsObjectTransfer, IpcError> {
    let live = nats.get(&profile_id)?;
    let path = local_path(&path)?;
    Ok(sluice_nats::object_download(&live.conn, &bucket, &name, &path).await?)
}

#[tauri::command]
pub async fn nats_object_upload(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    name: String,
    path: String,
) -> Result<NatsObjectTransfer, IpcError> {
    let live = nats.get(&profile_id)?;
    let path = local_path(&path)?;
    Ok(sluice_nats::object_upload(&live.conn, &bucket, &name, &path).await?)
}

#[tauri::command]
pub async fn nats_object_delete(
    nats: State<'_, NatsState>,
    profile_id: String,
    bucket: String,
    name: String,
) -> Result<(), IpcError> {
    let live = nats.get(&profile_id)?;
    Ok(sluice_nats::object_delete(&live.conn, &bucket, &name).await?)
}
