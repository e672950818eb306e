//! The flow engine's sink for the webview: each frame is one `tauri::ipc::Channel` message.

use serde::Serialize;
use sluice_flow::{Sink, SinkClosed};
use sluice_wire::Frame;
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
