//! Diagnostics: synthetic load through the real webview path, batched by the flow engine
//! or sent one channel message per event (the baseline every other tool uses).

use sluice_flow::{FlowConfig, Policy};
use sluice_loadgen::LoadEvent;
use sluice_wire::{ErrorCode, Frame, IpcError, LoadSpec, SubId};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::open_flow;
use crate::state::AppState;

fn validate(spec: &LoadSpec) -> Result<(), IpcError> {
    let bad = |what: &str| Err(IpcError::new(ErrorCode::InvalidInput, what.to_owned()));
    if spec.events_per_sec == 0 || spec.events_per_sec > 5_000_000 {
        return bad("events per second must be between 1 and 5,000,000");
    }
    if spec.duration_ms == 0 || spec.duration_ms > 60_000 {
        return bad("duration must be between 1 ms and 60 s");
    }
    if spec.keys == 0 || spec.keys > 10_000 {
        return bad("keys must be between 1 and 10,000");
    }
    if spec.payload_bytes > 64 * 1024 {
        return bad("payload must be at most 64 KiB");
    }
    Ok(())
}

/// Runs `spec` through the flow engine (append-merge per key) into `on_frame`.
#[tauri::command]
pub async fn load_batched(
    state: State<'_, AppState>,
    spec: LoadSpec,
    on_frame: Channel<Frame<LoadEvent>>,
) -> Result<SubId, IpcError> {
    validate(&spec)?;
    let (sub, producer) = open_flow(
        &state.registry,
        FlowConfig::new(Policy::AppendMerge),
        on_frame,
    );
    tauri::async_runtime::spawn(sluice_loadgen::drive(spec, move |event| {
        producer.push(event);
        !producer.is_closed()
    }));
    Ok(sub)
}

/// Runs `spec` with one channel message per event and no engine: the baseline.
#[tauri::command]
pub async fn load_per_event(spec: LoadSpec, on_event: Channel<LoadEvent>) -> Result<(), IpcError> {
    validate(&spec)?;
    tauri::async_runtime::spawn(sluice_loadgen::drive(spec, move |event| {
        on_event.send(event).is_ok()
    }));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> LoadSpec {
        LoadSpec {
            events_per_sec: 1000,
            duration_ms: 1000,
            keys: 8,
            payload_bytes: 100,
        }
    }

    #[test]
    fn sane_specs_pass_and_hostile_ones_get_a_clear_error() {
        assert!(validate(&spec()).is_ok());
        for bad in [
            LoadSpec {
                events_per_sec: 0,
                ..spec()
            },
            LoadSpec {
                events_per_sec: u32::MAX,
                ..spec()
            },
            LoadSpec {
                duration_ms: 3_600_000,
                ..spec()
            },
            LoadSpec { keys: 0, ..spec() },
            LoadSpec {
                payload_bytes: 10 << 20,
                ..spec()
            },
        ] {
            let err = validate(&bad).expect_err("refused");
            assert_eq!(err.code, ErrorCode::InvalidInput);
            assert!(!err.message.is_empty());
        }
    }
}
