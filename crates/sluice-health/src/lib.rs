//! The core process's own health, the first real data source every UI shows.
//!
//! A [`HealthSampler`] turns process facts into [`HealthSample`]s; [`run`] publishes one
//! about once a second into a `tokio::sync::watch` channel (latest state: a slow reader
//! only ever needs the newest sample).

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sluice_wire::HealthSample;
use tokio::sync::watch;

/// The version every front end reports (app, CLI).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Default sampling period.
pub const PERIOD: Duration = Duration::from_secs(1);

/// Builds samples; `events_handled` is read from the caller's counter at each sample.
pub struct HealthSampler<F> {
    started: Instant,
    events_handled: F,
}

impl<F: Fn() -> u64> HealthSampler<F> {
    pub fn new(events_handled: F) -> Self {
        Self {
            started: Instant::now(),
            events_handled,
        }
    }

    pub fn sample(&self) -> HealthSample {
        HealthSample {
            version: VERSION.to_owned(),
            uptime_ms: millis(self.started.elapsed()),
            rss_bytes: rss_bytes(),
            events_handled: (self.events_handled)(),
            sampled_at_ms: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(millis)
                .unwrap_or(0),
        }
    }
}

/// Resident memory of this process; 0 where the platform gives no figure.
pub fn rss_bytes() -> u64 {
    memory_stats::memory_stats()
        .map(|m| m.physical_mem as u64)
        .unwrap_or(0)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Publishes a sample every `period` until every receiver is gone.
pub async fn run<F: Fn() -> u64>(
    sampler: HealthSampler<F>,
    period: Duration,
    tx: watch::Sender<HealthSample>,
) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        if tx.send(sampler.sample()).is_err() {
            return;
        }
    }
}

/// A watch channel seeded with a first sample, so a new subscriber sees data at once.
pub fn channel<F: Fn() -> u64>(
    sampler: &HealthSampler<F>,
) -> (watch::Sender<HealthSample>, watch::Receiver<HealthSample>) {
    watch::channel(sampler.sample())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    #[test]
    fn sample_reports_real_process_facts() {
        let counter = Arc::new(AtomicU64::new(41));
        let c = counter.clone();
        let sampler = HealthSampler::new(move || c.load(Ordering::Relaxed));
        let first = sampler.sample();
        assert_eq!(first.version, VERSION);
        assert_eq!(first.events_handled, 41);
        if cfg!(any(
            target_os = "linux",
            target_os = "macos",
            target_os = "windows"
        )) {
            assert!(
                first.rss_bytes > 1024 * 1024,
                "rss {} too small to be real",
                first.rss_bytes
            );
        }
        assert!(first.sampled_at_ms > 1_600_000_000_000);
        counter.store(42, Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(5));
        let second = sampler.sample();
        assert_eq!(second.events_handled, 42);
        assert!(second.uptime_ms >= first.uptime_ms + 5);
    }

    #[tokio::test(start_paused = true)]
    async fn run_publishes_every_period_and_stops_without_receivers() {
        let sampler = HealthSampler::new(|| 0);
        let (tx, mut rx) = channel(&sampler);
        let task = tokio::spawn(run(sampler, PERIOD, tx));
        rx.changed().await.expect("first tick");
        rx.changed().await.expect("second tick");
        drop(rx);
        tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .expect("sampler stops once nobody listens")
            .expect("sampler task does not panic");
    }
}
