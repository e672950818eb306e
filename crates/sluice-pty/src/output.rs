use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use sluice_wire::PtyExitStatus;

/// The consumer of a session's output went away; the session detaches it and keeps
/// running (its output still reaches the scrollback).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, thiserror::Error)]
#[error("the consumer of the terminal output is gone")]
pub struct OutputClosed;

/// Where a session's output goes: a binary Tauri channel, stdout, a test.
///
/// Calls come from the session's delivery thread, one at a time, in order. `data` gets raw
/// bytes exactly as the child wrote them (never re-decoded, so a character split across
/// reads arrives intact). Each byte handed over counts as unacknowledged until
/// `PtySession::ack` returns it, unless `acks_on_delivery` says otherwise.
pub trait PtyOutput: Send + 'static {
    fn data(&mut self, bytes: Vec<u8>) -> Result<(), OutputClosed>;

    /// The child has exited and all output read before that was handed over.
    fn exit(&mut self, _status: &PtyExitStatus) {}

    /// True when a successful `data` already means "consumed" (a writer, a lossy flow),
    /// so the session does not wait for acks.
    fn acks_on_delivery(&self) -> bool {
        false
    }
}

/// A closure taking the bytes is an output; the app shell wraps a Tauri channel this way.
impl<F> PtyOutput for F
where
    F: FnMut(Vec<u8>) -> Result<(), OutputClosed> + Send + 'static,
{
    fn data(&mut self, bytes: Vec<u8>) -> Result<(), OutputClosed> {
        self(bytes)
    }
}

/// What a [`ChannelOutput`] passes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PtyMessage {
    Data(Vec<u8>),
    Exit(PtyExitStatus),
}

/// An output feeding a bounded channel, for consumers on their own thread (CLI, tests).
/// A full channel blocks the session's delivery thread, never the reader, and the watermark
/// keeps what can pile up bounded anyway.
pub struct ChannelOutput {
    tx: SyncSender<PtyMessage>,
    auto_ack: bool,
}

/// A bounded channel output holding at most `capacity` messages, and its receiver.
pub fn output_channel(capacity: usize) -> (ChannelOutput, Receiver<PtyMessage>) {
    let (tx, rx) = sync_channel(capacity.max(1));
    (
        ChannelOutput {
            tx,
            auto_ack: false,
        },
        rx,
    )
}

impl ChannelOutput {
    /// Counts bytes as consumed once they are in the channel (no `ack` calls needed).
    pub fn auto_ack(mut self) -> Self {
        self.auto_ack = true;
        self
    }
}

impl PtyOutput for ChannelOutput {
    fn data(&mut self, bytes: Vec<u8>) -> Result<(), OutputClosed> {
        self.tx
            .send(PtyMessage::Data(bytes))
            .map_err(|_| OutputClosed)
    }

    fn exit(&mut self, status: &PtyExitStatus) {
        let _ = self.tx.send(PtyMessage::Exit(status.clone()));
    }

    fn acks_on_delivery(&self) -> bool {
        self.auto_ack
    }
}
