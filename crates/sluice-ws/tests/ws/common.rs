//! Helpers shared by the WebSocket tests.

use std::time::Duration;

use sluice_flow::{CollectingSink, FlowConfig, FlowHandle, Policy};
use sluice_sse::RetryPolicy;
use sluice_wire::{SubId, WsEvent};
use sluice_ws::{channel, tail, WsEntry, WsError, WsOptions, WsSender};
use tokio::task::JoinHandle;

/// Failure bound for waits; never a speed assertion.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub fn opts(url: &str) -> WsOptions {
    WsOptions {
        retry: RetryPolicy {
            initial_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(200),
            max_retries: Some(5),
            retry_http_errors: false,
            jitter: 0.2,
        },
        ..WsOptions::new(url)
    }
}

pub struct Run {
    pub sink: CollectingSink<WsEntry>,
    pub handle: FlowHandle,
    pub sender: WsSender,
    pub task: JoinHandle<Result<(), WsError>>,
}

pub fn start(opts: WsOptions) -> Run {
    let sink = CollectingSink::new();
    let config = FlowConfig {
        frame_interval: Duration::from_millis(2),
        ..FlowConfig::new(Policy::KeepAll)
    };
    let (producer, handle) = sluice_flow::spawn(SubId(1), config, sink.clone());
    let (sender, outbox) = channel();
    let task = tokio::spawn(tail(opts, producer, outbox));
    Run {
        sink,
        handle,
        sender,
        task,
    }
}

impl Run {
    pub fn events(&self) -> Vec<WsEvent> {
        self.sink
            .frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.event)
            .collect()
    }

    pub async fn wait_until(&self, pred: impl Fn(&[WsEvent]) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while tokio::time::Instant::now() < deadline {
            if pred(&self.events()) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        false
    }

    /// Waits for the stream to end on its own.
    pub async fn finish(self) -> (Result<(), WsError>, Vec<WsEvent>) {
        let result = tokio::time::timeout(PATIENCE, self.task)
            .await
            .expect("the stream ends within the failure bound")
            .expect("no panic");
        tokio::time::timeout(PATIENCE, self.handle.closed())
            .await
            .expect("the flow drains");
        let events = self
            .sink
            .frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.event)
            .collect();
        (result, events)
    }

    /// Closes the subscription and expects a clean end.
    pub async fn close(self) -> Vec<WsEvent> {
        self.handle.close();
        let result = tokio::time::timeout(PATIENCE, self.task)
            .await
            .expect("the stream stops when closed")
            .expect("no panic");
        assert!(result.is_ok(), "{result:?}");
        self.sink
            .frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.event)
            .collect()
    }
}

pub fn texts(events: &[WsEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            WsEvent::Text { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

pub fn reconnect_reasons(events: &[WsEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            WsEvent::Reconnecting { reason, .. } => Some(reason.message.clone()),
            _ => None,
        })
        .collect()
}
