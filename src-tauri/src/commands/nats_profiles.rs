//! NATS connection profiles: saved ones and NATS CLI contexts (live), save/delete from the
//! form, connect and disconnect.

use std::sync::Arc;

use sluice_flow::Policy;
use sluice_nats::{ModelOptions, ModelWatcher, NatsConnection, ProfilesEvent};
use sluice_wire::{
    ErrorCode, Frame, IpcError, NatsProfileInput, NatsProfileView, NatsProfilesStatus, SubId,
};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::open_flow;
use crate::nats_profiles_state::NatsProfiles;
use crate::nats_state::{LiveConn, NatsState};
use crate::state::AppState;

/// Streams the profile list (saved first, then contexts; secrets masked): now, and again
/// whenever a profile is saved or deleted or a context file changes on disk.
#[tauri::command]
pub async fn nats_profiles_subscribe(
    state: State<'_, AppState>,
    profiles: State<'_, NatsProfiles>,
    on_frame: Channel<Frame<ProfilesEvent>>,
) -> Result<SubId, IpcError> {
    let contexts = profiles.contexts();
    let (sub, producer) = open_flow(
        &state.registry,
        sluice_nats::flow_config(Policy::LatestPerKey),
        on_frame,
    );
    sluice_nats::feed_profiles(profiles.store.subscribe(), contexts, producer);
    Ok(sub)
}

#[tauri::command]
pub async fn nats_profiles_status(
    profiles: State<'_, NatsProfiles>,
) -> Result<NatsProfilesStatus, IpcError> {
    let _ = profiles.contexts();
    Ok(profiles.status())
}

/// Saves a new or edited profile; bad input is `invalid_input` naming each field.
#[tauri::command]
pub async fn nats_profile_save(
    profiles: State<'_, NatsProfiles>,
    input: NatsProfileInput,
) -> Result<NatsProfileView, IpcError> {
    let store = Arc::clone(&profiles.store);
    let saved = tokio::task::spawn_blocking(move || store.save(&input))
        .await
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))??;
    Ok(saved.view())
}

#[tauri::command]
pub async fn nats_profile_delete(
    profiles: State<'_, NatsProfiles>,
    profile_id: String,
) -> Result<(), IpcError> {
    let store = Arc::clone(&profiles.store);
    tokio::task::spawn_blocking(move || store.delete(&profile_id))
        .await
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))??;
    Ok(())
}

/// Opens a connection for a saved profile or context and starts its cluster model. Already
/// open: returns at once. Auth, TLS and reachability problems come back as clear errors.
#[tauri::command]
pub async fn nats_connect(
    profiles: State<'_, NatsProfiles>,
    nats: State<'_, NatsState>,
    profile_id: String,
) -> Result<NatsProfileView, IpcError> {
    if let Ok(live) = nats.get(&profile_id) {
        return Ok(live.conn.profile().view());
    }
    // A saved profile's secrets come from the vault, which may block.
    let store = Arc::clone(&profiles.store);
    let id = profile_id.clone();
    let saved = tokio::task::spawn_blocking(move || store.get(&id))
        .await
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))??;
    let profile = match saved {
        Some(p) => p,
        None => profiles.find_context(&profile_id)?,
    };
    let conn = NatsConnection::connect(profile).await?;
    let model = ModelWatcher::start(conn.clone(), ModelOptions::default());
    let view = conn.profile().view();
    nats.insert(
        view.id.clone(),
        LiveConn {
            conn,
            model: Arc::new(model),
        },
    );
    Ok(view)
}

/// Closes a connection; its state subscriptions see `closed`.
#[tauri::command]
pub async fn nats_disconnect(
    nats: State<'_, NatsState>,
    profile_id: String,
) -> Result<(), IpcError> {
    if let Some(live) = nats.remove(&profile_id) {
        live.conn.close().await;
    }
    Ok(())
}
