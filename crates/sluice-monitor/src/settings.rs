//! Global thresholds and sizes. Per-consumer `io.nats.monitor.*` metadata overrides
//! `defaults` (see `thresholds`).

use std::time::Duration;

use crate::thresholds::Thresholds;

#[derive(Debug, Clone, PartialEq)]
pub struct MonitorSettings {
    /// Verdicts compare the newest sample with the one a window earlier (server time).
    pub window: Duration,
    /// How much lag history each consumer keeps, by age...
    pub history: Duration,
    /// ...and by count: at most this many samples per consumer.
    pub max_samples_per_consumer: usize,
    /// All consumers together keep at most this many samples (about 64 bytes each); with
    /// many consumers each keeps `max_total_samples / consumers` (but never fewer than 16).
    pub max_total_samples: usize,
    /// The timeline keeps this much of the past...
    pub timeline_span: Duration,
    /// ...and at most this many entries.
    pub timeline_max: usize,
    /// A timeline entry when pending rises at least this much from one poll to the next.
    pub pending_jump: u64,
    /// Falling behind: pending must grow by more than this over the window (and stay above
    /// where it started through the window's second half).
    pub falling_behind_growth: u64,
    /// A replica this many operations behind is a replication problem.
    pub replica_lag: u64,
    /// Thresholds for consumers whose metadata sets none (0 = off).
    pub defaults: Thresholds,
}

impl Default for MonitorSettings {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(60),
            history: Duration::from_secs(3600),
            // An hour at the model's default 5 s interval, with room for jitter.
            max_samples_per_consumer: 800,
            max_total_samples: 2_000_000,
            timeline_span: Duration::from_secs(3600),
            timeline_max: 2000,
            pending_jump: 1000,
            falling_behind_growth: 10,
            replica_lag: 1000,
            defaults: Thresholds::default(),
        }
    }
}

impl MonitorSettings {
    /// Short windows for tests and the CLI.
    pub fn with_window(window: Duration) -> Self {
        Self {
            window,
            ..Self::default()
        }
    }

    pub(crate) fn window_ms(&self) -> u64 {
        u64::try_from(self.window.as_millis()).unwrap_or(u64::MAX)
    }
}
