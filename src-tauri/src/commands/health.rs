use sluice_flow::{FlowConfig, Policy};
use sluice_wire::{Frame, HealthSample, IpcError, SubId};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::open_flow;
use crate::state::AppState;

/// Streams the core's health samples (latest value wins) until `sub_close`.
#[tauri::command]
pub async fn health_subscribe(
    state: State<'_, AppState>,
    on_frame: Channel<Frame<HealthSample>>,
) -> Result<SubId, IpcError> {
    let (sub, producer) = open_flow(
        &state.registry,
        FlowConfig::new(Policy::LatestPerKey),
        on_frame,
    );
    sluice_flow::watch_source(state.health.clone(), producer);
    Ok(sub)
}
