//! NATS health for Sluice: every consumer's lag history, stuck-consumer verdicts with the
//! reason in plain words, and a timeline of what changed in the cluster.
//!
//! The pure core is [`MonitorState`]: feed it each [`ClusterModel`] (and JetStream
//! advisories) and it keeps bounded histories, evaluates verdicts over a window in server
//! time and diffs successive models. [`Monitor`] runs it on a live model watcher, publishes
//! the latest [`MonitorSnapshot`] as a `tokio::sync::watch`, and feeds flows.
//!
//! [`ClusterModel`]: sluice_nats::ClusterModel

mod advisories;
mod config_diff;
mod engine;
mod evaluate;
mod event;
mod findings;
mod history;
mod monitor;
mod settings;
pub mod thresholds;
mod timeline;

pub use advisories::{parse_advisory, Advisory, AdvisoryKind, ADVISORY_SUBJECTS};
pub use engine::{Evaluation, MonitorSnapshot, MonitorState};
pub use evaluate::evaluate;
pub use event::{MonitorEvent, MonitorKey};
pub use history::{Ring, Sample};
pub use monitor::Monitor;
pub use settings::MonitorSettings;
pub use thresholds::Thresholds;
pub use timeline::{diff_models, Timeline};

/// Flow settings for monitor subscriptions (`Policy::LatestPerKey`).
pub fn flow_config() -> sluice_flow::FlowConfig {
    sluice_nats::flow_config(sluice_flow::Policy::LatestPerKey)
}
