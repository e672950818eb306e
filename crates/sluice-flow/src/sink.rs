use std::io::Write;

use serde::Serialize;
use sluice_wire::Frame;

/// The receiver went away (channel closed, pipe broken). The subscription closes itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SinkClosed;

impl std::fmt::Display for SinkClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the receiver of the subscription is gone")
    }
}

impl std::error::Error for SinkClosed {}

/// Where the frames of one subscription go: a Tauri channel, stdout, a test buffer.
///
/// `send` runs on the flusher task, never on the producer, so a slow sink only delays
/// frames; it must not block for long though (it holds a runtime worker).
pub trait Sink<T>: Send + 'static {
    fn send(&mut self, frame: Frame<T>) -> Result<(), SinkClosed>;

    /// True when a successful `send` already means "delivered" (a writer), so the engine
    /// acks the frame itself. Receivers that ack over IPC keep the default.
    fn acks_on_send(&self) -> bool {
        false
    }
}

/// A closure is a sink; the app shell wraps a `tauri::ipc::Channel` this way.
impl<T, F> Sink<T> for F
where
    F: FnMut(Frame<T>) -> Result<(), SinkClosed> + Send + 'static,
{
    fn send(&mut self, frame: Frame<T>) -> Result<(), SinkClosed> {
        self(frame)
    }
}

/// Writes one JSON object per frame per line and flushes after each, for the CLI.
/// A written line counts as delivered, so the engine acks it.
pub struct JsonLinesSink<W: Write + Send + 'static> {
    out: W,
    /// Reused so a frame reaches the writer in one `write_all`, not many small writes.
    line: Vec<u8>,
}

impl<W: Write + Send + 'static> JsonLinesSink<W> {
    pub fn new(out: W) -> Self {
        Self {
            out,
            line: Vec::new(),
        }
    }
}

impl<T: Serialize, W: Write + Send + 'static> Sink<T> for JsonLinesSink<W> {
    fn send(&mut self, frame: Frame<T>) -> Result<(), SinkClosed> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, &frame).map_err(|_| SinkClosed)?;
        self.line.push(b'\n');
        self.out.write_all(&self.line).map_err(|_| SinkClosed)?;
        self.out.flush().map_err(|_| SinkClosed)
    }

    fn acks_on_send(&self) -> bool {
        true
    }
}
