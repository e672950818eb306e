use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::SubId;

/// What a tree entry is. Symbolic links are never followed: they are listed with what
/// they point at, so a loop or a link leading outside the root cannot escape the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum EntryKind {
    File,
    Dir,
    /// A link to a file or folder inside the root (listed there in its own right).
    Link,
    /// A link whose target lies outside the root.
    LinkOutside,
    /// A link that resolves to itself or to one of its own ancestors.
    LinkLoop,
    /// A link whose target does not exist.
    LinkBroken,
    /// Anything else: socket, fifo, device.
    Other,
}

/// One file or folder of a watched tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TreeEntry {
    /// Path relative to the watched root, `/`-separated, never empty, never with `..`.
    pub path: String,
    pub kind: EntryKind,
    /// Size in bytes (0 for folders and links).
    #[ts(type = "number")]
    pub size: u64,
    /// Last modification, milliseconds since the Unix epoch (0 where unknown).
    #[ts(type = "number")]
    pub modified_ms: u64,
}

/// One change to a watched tree. Changes arrive in order; applying them to a map keyed by
/// path gives the live tree. A new `generation` in the frame means "start from empty".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum TreeChange {
    /// The entry is new or changed.
    Upsert { entry: TreeEntry },
    /// The entry is gone (each path under a removed folder gets its own `Remove`).
    Remove { path: String },
    /// A full scan (the first one, or a rescan after an overflow) has been applied.
    Scanned {
        #[ts(type = "number")]
        entries: u64,
        /// True when the tree hit its entry limit and later entries are not listed.
        truncated: bool,
        /// Full scans so far, the first one included.
        #[ts(type = "number")]
        scans: u64,
        /// Why the watch is degraded (e.g. the OS ran out of watches), if it is.
        warning: Option<String>,
    },
}

/// A watched folder as `watch_open` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchInfo {
    /// The canonical absolute path of the root.
    pub root: String,
}

/// What `watch_open` returns: the subscription streaming the tree, and the watched root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WatchOpened {
    pub sub: SubId,
    pub info: WatchInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_tagged_by_op_in_camel_case() {
        let change = TreeChange::Upsert {
            entry: TreeEntry {
                path: "a/b".into(),
                kind: EntryKind::LinkOutside,
                size: 0,
                modified_ms: 5,
            },
        };
        let json = serde_json::to_string(&change).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"op":"upsert","entry":{"path":"a/b","kind":"linkOutside","size":0,"modifiedMs":5}}"#
        );
    }
}
