use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Id of a live terminal session. `pty_open` returns one; every other `pty_*` command
/// takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct PtyId(pub u32);

impl std::fmt::Display for PtyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Terminal size in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PtySize {
    pub rows: u16,
    pub cols: u16,
}

impl Default for PtySize {
    fn default() -> Self {
        Self { rows: 24, cols: 80 }
    }
}

/// What to run in a new terminal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PtyOpenOptions {
    /// Program and arguments; empty means the user's login shell.
    pub command: Vec<String>,
    /// Working directory; `None` means the user's home.
    pub cwd: Option<String>,
    /// Extra environment variables, on top of the app's own environment.
    pub env: BTreeMap<String, String>,
    pub size: Option<PtySize>,
}

/// A running terminal session as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PtySessionInfo {
    pub id: PtyId,
    /// Process id of the child, where the OS gives one.
    pub pid: Option<u32>,
    /// The program and arguments that were started.
    pub command: Vec<String>,
    pub cwd: Option<String>,
    pub size: PtySize,
}

/// How the child of a session ended, as `wait()` reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PtyExitStatus {
    /// Exit code; 1 when the child was ended by a signal.
    pub code: u32,
    /// Name of the signal that ended the child, if one did.
    pub signal: Option<String>,
    pub success: bool,
}

/// Terminal output as text events, for consumers that cannot take raw bytes (JSON lines in
/// the CLI). The webview gets raw bytes instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PtyEvent {
    /// Output decoded as UTF-8; a character split across reads is held back until complete,
    /// so only genuinely invalid bytes become U+FFFD.
    Output {
        data: String,
    },
    Exit {
        status: PtyExitStatus,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_options_may_leave_everything_out() {
        let opts: PtyOpenOptions = serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(opts, PtyOpenOptions::default());
        let opts: PtyOpenOptions =
            serde_json::from_str(r#"{"command":["ls"],"size":{"rows":2,"cols":3}}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(opts.size, Some(PtySize { rows: 2, cols: 3 }));
    }

    #[test]
    fn events_are_tagged_by_kind() {
        let ev = PtyEvent::Output { data: "hi".into() };
        let json = serde_json::to_string(&ev).unwrap_or_default();
        assert_eq!(json, r#"{"kind":"output","data":"hi"}"#);
    }
}
