use std::time::Duration;

/// Settings of one workspace watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchConfig {
    /// File system events are gathered this long and applied as one update.
    pub debounce: Duration,
    /// Folder names left out wherever they appear: VCS internals and build output.
    pub skip: Vec<String>,
    /// Most entries listed; past it the tree is reported as truncated.
    pub max_entries: usize,
    /// An update touching more paths than this is applied as a full rescan (cheaper than
    /// path-by-path, and what an event-queue overflow needs anyway).
    pub rescan_above: usize,
}

impl Default for WatchConfig {
    fn default() -> Self {
        let skip = [
            ".git",
            ".hg",
            ".svn",
            "target",
            "node_modules",
            "dist",
            "build",
            ".next",
            "__pycache__",
            ".venv",
            ".gradle",
        ];
        Self {
            debounce: Duration::from_millis(100),
            skip: skip.iter().map(|s| (*s).to_owned()).collect(),
            max_entries: 100_000,
            rescan_above: 1_000,
        }
    }
}
