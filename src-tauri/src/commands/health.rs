use sluice_flow::{FlowConfig, Policy};
use sluice_wire::{Frame, HealthSample, IpcError, SubId};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::ChannelSink;
use crate::state::AppState;

/// Streams the core's health samples (latest value wins) until `sub_close`.
#[tauri::command]
pub async fn health_subscribe(
    state: State<'_, AppState>,
    on_frame: Channel<Frame<HealthSample>>,
) -> Result<SubId, IpcError> {
    let sub = state.registry.next_id();
    let (producer, handle) = sluice_flow::spawn(
        sub,
        FlowConfig::new(Policy::LatestPerKey),
        ChannelSink::new(on_frame),
    );
    state.registry.insert(handle);
    sluice_flow::watch_source(state.health.clone(), producer);
    Ok(sub)
}
