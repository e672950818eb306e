//! Monitor entries wrapped for the flow engine (`Policy::LatestPerKey`): a newer summary or
//! verdict replaces an unsent one; timeline entries and lag samples each have their own key.

use serde::{Serialize, Serializer};
use sluice_flow::Event;
use sluice_wire::MonitorEntry;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MonitorKey {
    Summary,
    /// Verdicts and removals of one consumer share its key.
    Consumer(String),
    Timeline(u64),
    Lag(String, u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MonitorEvent {
    pub entry: MonitorEntry,
    key: MonitorKey,
    weight: usize,
}

impl MonitorEvent {
    pub fn new(entry: MonitorEntry) -> Self {
        let key = match &entry {
            MonitorEntry::Summary(_) => MonitorKey::Summary,
            MonitorEntry::Verdict(v) => MonitorKey::Consumer(v.id.clone()),
            MonitorEntry::Removed { id } => MonitorKey::Consumer(id.clone()),
            MonitorEntry::Timeline(t) => MonitorKey::Timeline(t.seq),
            MonitorEntry::Lag { id, sample } => MonitorKey::Lag(id.clone(), sample.at_ms),
        };
        // Built once per change; serializing gives the real size for frame cutting.
        let weight = serde_json::to_vec(&entry).map_or(64 * 1024, |v| v.len());
        Self { entry, key, weight }
    }
}

impl Serialize for MonitorEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entry.serialize(s)
    }
}

impl Event for MonitorEvent {
    type Key = MonitorKey;
    fn key(&self) -> &MonitorKey {
        &self.key
    }
    fn weight(&self) -> usize {
        self.weight
    }
}
