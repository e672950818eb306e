use std::time::Duration;

/// Flow-control and batching settings of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PtyLimits {
    /// Reading the PTY pauses once this many bytes are read and not yet acked, so a flood
    /// stalls the child (the kernel buffer fills) instead of growing memory. The largest
    /// the flow-control window gets.
    pub high_watermark: usize,
    /// The window (unacked bytes allowed) is sized so a delivered chunk is acked within
    /// `window_target`: that is what bounds how long Ctrl-C waits behind a flood. It starts
    /// at `window_initial` (and again after a quiet spell) and never drops below `window_min`.
    pub window_target: Duration,
    pub window_initial: usize,
    pub window_min: usize,
    /// Largest single read; unacked bytes never exceed `high_watermark + read_chunk`
    /// (a re-attach replay aside, which is counted as unacked too).
    pub read_chunk: usize,
    /// Most bytes handed to the output in one call.
    pub max_batch: usize,
    /// Output is gathered this long before it is handed over: since the previous message
    /// while the consumer has shown everything (so its first bytes go at once), since the
    /// first waiting byte while it is still busy (each message costs the webview the same
    /// IPC round trips, so a busy consumer gets fewer, larger ones).
    pub batch_interval: Duration,
    /// Bytes kept for replay when a view re-attaches.
    pub scrollback: usize,
    /// After the child exits, how long output may keep coming (a background job still
    /// holding the terminal) before the exit is reported anyway.
    pub exit_grace: Duration,
}

impl Default for PtyLimits {
    fn default() -> Self {
        Self {
            high_watermark: 4 * 1024 * 1024,
            // 50 ms put Ctrl-C under `yes` at ~100 ms p95 in the app once messages grew.
            window_target: Duration::from_millis(35),
            window_initial: 192 * 1024,
            window_min: 128 * 1024,
            read_chunk: 64 * 1024,
            max_batch: 1024 * 1024,
            batch_interval: Duration::from_millis(12),
            scrollback: 512 * 1024,
            exit_grace: Duration::from_millis(300),
        }
    }
}

/// Counters of one session's output path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PtyStats {
    pub read: u64,
    pub delivered: u64,
    pub acked: u64,
    /// Bytes read and not acked yet (pending in the session plus handed over).
    pub outstanding: usize,
    /// Highest `outstanding` ever seen.
    pub peak_outstanding: usize,
    /// Times reading paused at the high watermark.
    pub pauses: u64,
    pub paused: bool,
}
