//! NATS health: verdicts, summary and timeline of a connection, and consumers' lag.

use sluice_monitor::MonitorEvent;
use sluice_wire::{Frame, IpcError, MonitorLagSeries, SubId};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::channel_sink::open_flow;
use crate::monitors::Monitors;
use crate::state::AppState;

/// Most consumers one lag subscription or history request may name.
const MAX_IDS: usize = 32;

fn check_ids(ids: &[String]) -> Result<(), IpcError> {
    if ids.len() > MAX_IDS {
        return Err(IpcError::new(
            sluice_wire::ErrorCode::InvalidInput,
            format!("at most {MAX_IDS} consumers at once, {} asked", ids.len()),
        ));
    }
    Ok(())
}

/// Streams the summary, every verdict and the timeline, then what changes each poll.
#[tauri::command]
pub async fn monitor_subscribe(
    app: AppHandle,
    state: State<'_, AppState>,
    monitors: State<'_, Monitors>,
    profile_id: String,
    on_frame: Channel<Frame<MonitorEvent>>,
) -> Result<SubId, IpcError> {
    let monitor = monitors.get(&app, &profile_id).await?;
    let (sub, producer) = open_flow(&state.registry, sluice_monitor::flow_config(), on_frame);
    monitor.feed(producer);
    Ok(sub)
}

/// Streams the lag history of `ids` (`stream/consumer`), then each new sample.
#[tauri::command]
pub async fn monitor_lag_subscribe(
    app: AppHandle,
    state: State<'_, AppState>,
    monitors: State<'_, Monitors>,
    profile_id: String,
    ids: Vec<String>,
    on_frame: Channel<Frame<MonitorEvent>>,
) -> Result<SubId, IpcError> {
    check_ids(&ids)?;
    let monitor = monitors.get(&app, &profile_id).await?;
    let (sub, producer) = open_flow(&state.registry, sluice_monitor::flow_config(), on_frame);
    monitor.feed_lag(ids, producer);
    Ok(sub)
}

/// The kept lag history of `ids`, oldest first; unknown consumers are left out.
#[tauri::command]
pub async fn monitor_history(
    app: AppHandle,
    monitors: State<'_, Monitors>,
    profile_id: String,
    ids: Vec<String>,
) -> Result<Vec<MonitorLagSeries>, IpcError> {
    check_ids(&ids)?;
    let monitor = monitors.get(&app, &profile_id).await?;
    Ok(ids
        .iter()
        .filter_map(|id| monitor.lag_history(id))
        .collect())
}
