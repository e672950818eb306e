//! The flow engine's sink for the webview: each frame is one `tauri::ipc::Channel` message.

use serde::Serialize;
use sluice_flow::{Event, FlowConfig, Producer, Registry, Sink, SinkClosed};
use sluice_wire::{Frame, SubId};
use tauri::ipc::Channel;

pub struct ChannelSink<T: Serialize + Clone + Send + 'static> {
    channel: Channel<Frame<T>>,
}

impl<T: Serialize + Clone + Send + 'static> ChannelSink<T> {
    pub fn new(channel: Channel<Frame<T>>) -> Self {
        Self { channel }
    }
}

impl<T: Serialize + Clone + Send + Sync + 'static> Sink<T> for ChannelSink<T> {
    fn send(&mut self, frame: Frame<T>) -> Result<(), SinkClosed> {
        // A failed send means the webview dropped the channel (reload, window closed).
        self.channel.send(frame).map_err(|_| SinkClosed)
    }
}

/// Opens a flow that feeds `channel` and registers it, so `sub_ack`/`sub_close` reach it.
/// Every streaming command starts this way; the caller hands the producer to its source.
pub fn open_flow<T>(
    registry: &Registry,
    config: FlowConfig,
    channel: Channel<Frame<T>>,
) -> (SubId, Producer<T>)
where
    T: Event + Serialize + Clone + Sync,
{
    let sub = registry.next_id();
    let (producer, handle) = sluice_flow::spawn(sub, config, ChannelSink::new(channel));
    registry.insert(handle);
    (sub, producer)
}
