//! Background monitoring from the tray: the app's own preferences for it, what the tray
//! shows, the notifications raised, and requests to open a view (from a tray item or a
//! clicked notification).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{MonitorSeverity, MonitorVerdictKind};

/// Preferences kept by the core (it needs them with no window open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct BackgroundPrefs {
    /// Closing the window hides it to the tray instead of quitting.
    pub close_to_tray: bool,
    /// Raise native notifications when a consumer starts alerting.
    pub notify: bool,
    /// At most this many notifications a minute; more are summarised in one.
    pub max_notifications_per_minute: u32,
    /// Global thresholds of the NATS health monitor.
    pub thresholds: MonitorPrefs,
}

/// Global thresholds for consumer verdicts. Consumer metadata `io.nats.monitor.*` overrides
/// the per-consumer ones; 0 turns a check off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MonitorPrefs {
    /// Verdicts compare the newest sample with the one this long before (server time).
    pub window_secs: u32,
    /// A timeline entry when pending rises at least this much between two polls.
    #[ts(type = "number")]
    pub pending_jump: u64,
    /// Falling behind: pending must grow by more than this over the window.
    #[ts(type = "number")]
    pub falling_behind_growth: u64,
    /// Saturated at this many unacknowledged messages (besides the consumer's own limit).
    #[ts(type = "number")]
    pub outstanding_ack: u64,
    /// Alert when this many messages are pending.
    #[ts(type = "number")]
    pub unprocessed: u64,
    /// Alert when nothing was delivered for this long.
    pub last_delivery_secs: u32,
    /// Alert when nothing was acknowledged for this long.
    pub last_ack_secs: u32,
    /// Alert at this many redeliveries.
    #[ts(type = "number")]
    pub redelivery: u64,
}

impl Default for MonitorPrefs {
    fn default() -> Self {
        Self {
            window_secs: 60,
            pending_jump: 1000,
            falling_behind_growth: 0,
            outstanding_ack: 0,
            unprocessed: 0,
            last_delivery_secs: 0,
            last_ack_secs: 0,
            redelivery: 0,
        }
    }
}

impl Default for BackgroundPrefs {
    fn default() -> Self {
        Self {
            close_to_tray: true,
            notify: true,
            max_notifications_per_minute: 3,
            thresholds: MonitorPrefs::default(),
        }
    }
}

/// One alert listed in the tray menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrayAlert {
    pub profile_id: String,
    /// `stream/consumer`.
    pub consumer_id: String,
    pub kind: MonitorVerdictKind,
    pub label: String,
}

/// What the tray icon currently shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrayStatus {
    /// Worst severity over every monitored connection (`ok` while paused).
    pub severity: MonitorSeverity,
    pub paused: bool,
    pub tooltip: String,
    pub alerts: Vec<TrayAlert>,
    /// Whether a tray icon exists (false where the desktop has no tray).
    pub tray_present: bool,
    /// Whether the main window is shown.
    pub window_visible: bool,
}

/// One notification the core raised (or tried to: `delivered` tells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotificationRecord {
    #[ts(type = "number")]
    pub seq: u64,
    /// Local time, ms since the Unix epoch.
    #[ts(type = "number")]
    pub at_ms: u64,
    pub title: String,
    pub body: String,
    pub profile_id: String,
    /// The consumer it names; `None` for a summary of several.
    pub consumer_id: Option<String>,
    pub kind: Option<MonitorVerdictKind>,
    /// How many alerts it covers (1 unless a summary).
    #[ts(type = "number")]
    pub count: u64,
    /// False when it could not be handed to the desktop; the reason is logged.
    pub delivered: bool,
}

/// Open a view: sent to the window when a tray alert or notification is activated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NavRequest {
    /// Section id, e.g. `monitor`.
    pub section: String,
    pub profile_id: Option<String>,
    /// `stream/consumer`.
    pub consumer_id: Option<String>,
    /// Why the view is opened, when the view has something to ask.
    #[serde(default)]
    pub reason: Option<NavReason>,
}

/// What a view opened by the core is asked to show beyond the section itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NavReason {
    /// A quit was held: a sign-in or sign-out waits for the locked vault and quitting now
    /// would lose it. The window asks whether to unlock the vault or quit anyway.
    QuitHeld,
}
