use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use sluice_flow::{FlowConfig, JsonLinesSink, Policy, Registry};
use sluice_health::HealthSampler;

/// Streams health frames to stdout until `frames` were written or stdout closes.
pub async fn tail(frames: Option<u64>, period_ms: u64) -> ExitCode {
    let registry = Arc::new(Registry::default());
    let counted = Arc::clone(&registry);
    let sampler = HealthSampler::new(move || counted.events_handled());
    let (tx, rx) = sluice_health::channel(&sampler);
    tokio::spawn(sluice_health::run(
        sampler,
        Duration::from_millis(period_ms),
        tx,
    ));

    let sub = registry.next_id();
    let (producer, handle) = sluice_flow::spawn(
        sub,
        FlowConfig::new(Policy::LatestPerKey),
        JsonLinesSink::new(std::io::stdout()),
    );
    registry.insert(handle.clone());
    sluice_flow::watch_source(rx, producer);

    match frames {
        Some(limit) => {
            // Poll the frame count: the sink acks on send, so stats.frames is what was written.
            while !handle.is_closed() && handle.stats().frames < limit {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            handle.close();
        }
        None => handle.closed().await,
    }
    ExitCode::SUCCESS
}
