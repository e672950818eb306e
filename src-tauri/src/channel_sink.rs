//! The flow engine's sink for the webview: each frame is one `tauri::ipc::Channel` message.

use serde::Serialize;
use sluice_flow::{Event, FlowConfig, Producer, Registry, Sink, SinkClosed};
use std::future::Future;

use sluice_wire::{Frame, IpcError, SubId};
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

/// `open_flow` for a source that can fail to start (a bad subject, a missing bucket): the
/// flow is closed again and the error returned, so no dead subscription is left behind.
pub async fn open_flow_with<T, S, E, Fut>(
    registry: &Registry,
    config: FlowConfig,
    channel: Channel<Frame<T>>,
    start: impl FnOnce(Producer<T>) -> Fut,
) -> Result<SubId, IpcError>
where
    T: Event + Serialize + Clone + Sync,
    Fut: Future<Output = Result<S, E>>,
    E: Into<IpcError>,
{
    let (sub, producer) = open_flow(registry, config, channel);
    if let Err(e) = start(producer).await {
        let _ = registry.close(sub);
        return Err(e.into());
    }
    Ok(sub)
}
