use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The core process's own health, sampled about once a second.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HealthSample {
    pub version: String,
    #[ts(type = "number")]
    pub uptime_ms: u64,
    /// Resident set size of the core process, in bytes (0 where the OS does not say).
    #[ts(type = "number")]
    pub rss_bytes: u64,
    /// Events all subscriptions of this process have taken in so far.
    #[ts(type = "number")]
    pub events_handled: u64,
    /// Wall clock of the sample, milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub sampled_at_ms: u64,
}

/// Static facts about the running app, for the about line and bug reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub os: String,
    pub arch: String,
    /// The webview draws without a GPU (no render node: VMs, Xvfb, some remote desktops).
    /// WebGL is then emulated on the CPU and slower than plain DOM drawing.
    pub software_rendering: bool,
}
