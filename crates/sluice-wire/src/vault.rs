//! The secrets vault as the webview sees it: states, names and masked values, never a
//! secret. Secrets go in (`vault_set`) but never come back out.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultLockState {
    /// No vault file yet: create one.
    Absent,
    /// A vault file exists and is not unlocked in this run.
    Locked,
    Unlocked,
}

/// What the Secrets panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub state: VaultLockState,
    /// Where the vault file lives.
    pub path: String,
    /// e.g. "Argon2id 64 MiB × 3, XChaCha20-Poly1305" once unlocked.
    pub cipher: Option<String>,
    /// Set when the file is damaged or unreadable; `recovery` says what to do.
    pub problem: Option<VaultProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultProblem {
    pub message: String,
    pub recovery: String,
    /// The UI offers "move aside and start a new vault".
    pub can_move_aside: bool,
}

/// One stored secret: its name and a mask (`••••••••` plus at most the last four
/// characters of a long value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretView {
    pub name: String,
    pub masked: String,
}
