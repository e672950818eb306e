//! NATS: the sandbox, connection state, the live cluster model, subject tails, publish.

use sluice_flow::Policy;
use sluice_nats::{ConnStateEvent, ModelEvent, TailEvent};
use sluice_wire::{Frame, IpcError, NatsProfileView, NatsPublishRequest, SubId};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::channel_sink::{open_flow, open_flow_with};
use crate::nats_state::NatsState;
use crate::state::AppState;

/// Starts the sandbox when it is not running yet and returns its profile. A missing
/// nats-server is an `unavailable` error whose message says how to install it.
#[tauri::command]
pub async fn nats_sandbox_start(
    app: AppHandle,
    nats: State<'_, NatsState>,
) -> Result<NatsProfileView, IpcError> {
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| IpcError::new(sluice_wire::ErrorCode::Internal, e.to_string()))?
        .join("nats-sandbox");
    nats.start_sandbox(dir).await
}

/// Streams the connection's state (latest value wins) until `sub_close`.
#[tauri::command]
pub async fn nats_state_subscribe(
    state: State<'_, AppState>,
    nats: State<'_, NatsState>,
    profile_id: String,
    on_frame: Channel<Frame<ConnStateEvent>>,
) -> Result<SubId, IpcError> {
    let live = nats.get(&profile_id)?;
    let (sub, producer) = open_flow(
        &state.registry,
        sluice_nats::flow_config(Policy::LatestPerKey),
        on_frame,
    );
    live.conn.feed_state(producer);
    Ok(sub)
}

/// Streams the cluster model: every item first, then what changed each poll.
#[tauri::command]
pub async fn nats_model_subscribe(
    state: State<'_, AppState>,
    nats: State<'_, NatsState>,
    profile_id: String,
    on_frame: Channel<Frame<ModelEvent>>,
) -> Result<SubId, IpcError> {
    let live = nats.get(&profile_id)?;
    let (sub, producer) = open_flow(
        &state.registry,
        sluice_nats::flow_config(Policy::LatestPerKey),
        on_frame,
    );
    live.model.feed(producer);
    Ok(sub)
}

/// Tails `subject` (wildcards allowed); every message is kept unless the ring overflows,
/// and drops are counted in the frame stats.
#[tauri::command]
pub async fn nats_tail(
    state: State<'_, AppState>,
    nats: State<'_, NatsState>,
    profile_id: String,
    subject: String,
    on_frame: Channel<Frame<TailEvent>>,
) -> Result<SubId, IpcError> {
    let live = nats.get(&profile_id)?;
    open_flow_with(
        &state.registry,
        sluice_nats::flow_config(Policy::KeepAll),
        on_frame,
        |producer| async move { sluice_nats::start_tail(&live.conn, &subject, producer).await },
    )
    .await
}

/// Publishes one message.
#[tauri::command]
pub async fn nats_publish(
    nats: State<'_, NatsState>,
    profile_id: String,
    request: NatsPublishRequest,
) -> Result<(), IpcError> {
    let live = nats.get(&profile_id)?;
    sluice_nats::publish(&live.conn, &request).await?;
    Ok(())
}
