//! Test events and helpers shared by the modules.

use serde::{Deserialize, Serialize};
use sluice_flow::{Event, FlowConfig, Policy};
use std::time::Duration;

/// An event that remembers which pushes it stands for, so tests can see exactly what was
/// merged, superseded or lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ev {
    pub key: u8,
    /// Event sequences (arrival order, from 1) folded into this entry.
    pub seqs: Vec<u64>,
    pub text: String,
}

impl Ev {
    pub fn new(key: u8, seq: u64, text: impl Into<String>) -> Self {
        Self {
            key,
            seqs: vec![seq],
            text: text.into(),
        }
    }
}

impl Event for Ev {
    type Key = u8;

    fn key(&self) -> &u8 {
        &self.key
    }

    /// Exact serialized size: lets tests measure frames with serde_json against the budget.
    fn weight(&self) -> usize {
        serde_json::to_vec(self)
            .map(|v| v.len())
            .unwrap_or(usize::MAX)
    }

    fn merge(&mut self, next: Self) -> Result<(), Self> {
        self.seqs.extend(next.seqs);
        self.text.push_str(&next.text);
        Ok(())
    }
}

/// A config with a short interval so real-time tests spend little time waiting.
pub fn quick(policy: Policy) -> FlowConfig {
    FlowConfig {
        frame_interval: Duration::from_millis(2),
        ..FlowConfig::new(policy)
    }
}

/// Failure bound for awaits in tests; never a speed assertion.
pub const PATIENCE: Duration = Duration::from_secs(20);
