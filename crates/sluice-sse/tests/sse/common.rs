//! Helpers shared by the client tests.

use std::time::Duration;

use sluice_flow::{CollectingSink, FlowConfig, FlowHandle, Policy};
use sluice_sse::{tail, RetryPolicy, SseEntry, SseError, SseOptions};
use sluice_wire::{SseEvent, SseMessage, SubId};
use tokio::task::JoinHandle;

/// Failure bound for waits; never a speed assertion.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Fast retries so tests spend little time waiting.
pub fn quick_retry(max_retries: Option<u32>) -> RetryPolicy {
    RetryPolicy {
        initial_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
        max_retries,
        retry_http_errors: false,
        jitter: 0.2,
    }
}

pub fn opts(url: &str) -> SseOptions {
    SseOptions {
        retry: quick_retry(Some(5)),
        idle_timeout: Duration::from_secs(20),
        ..SseOptions::new(url)
    }
}

/// A tail running through a real flow into a collecting sink.
pub struct Run {
    pub sink: CollectingSink<SseEntry>,
    pub handle: FlowHandle,
    pub task: JoinHandle<Result<(), SseError>>,
}

pub fn start(opts: SseOptions) -> Run {
    let sink = CollectingSink::new();
    let config = FlowConfig {
        frame_interval: Duration::from_millis(2),
        ..FlowConfig::new(Policy::KeepAll)
    };
    let (producer, handle) = sluice_flow::spawn(SubId(1), config, sink.clone());
    let task = tokio::spawn(tail(opts, producer));
    Run { sink, handle, task }
}

impl Run {
    /// Every event delivered so far, in order.
    pub fn events(&self) -> Vec<SseEvent> {
        self.sink
            .frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.event)
            .collect()
    }

    pub fn messages(&self) -> Vec<SseMessage> {
        self.events()
            .into_iter()
            .filter_map(|e| match e {
                SseEvent::Message { message } => Some(message),
                _ => None,
            })
            .collect()
    }

    /// Data of the messages named "message" (not pings).
    pub fn data(&self) -> Vec<String> {
        self.messages()
            .into_iter()
            .filter(|m| m.event == "message")
            .map(|m| m.data)
            .collect()
    }

    /// Waits for the tail to end on its own and for its events to reach the sink.
    pub async fn finish(self) -> (Result<(), SseError>, Vec<SseEvent>) {
        let result = tokio::time::timeout(PATIENCE, self.task)
            .await
            .expect("the stream ends within the failure bound")
            .expect("the tail task does not panic");
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

    /// Polls until `pred` holds for the events so far; false after the failure bound.
    pub async fn wait_until(&self, pred: impl Fn(&[SseEvent]) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while tokio::time::Instant::now() < deadline {
            if pred(&self.events()) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        false
    }
}

/// "event 1" … "event n".
pub fn expected(range: std::ops::RangeInclusive<u64>) -> Vec<String> {
    range.map(|n| format!("event {n}")).collect()
}

pub fn data_of(events: &[SseEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            SseEvent::Message { message } if message.event == "message" => {
                Some(message.data.clone())
            }
            _ => None,
        })
        .collect()
}

pub fn failed_code(events: &[SseEvent]) -> Option<sluice_wire::ErrorCode> {
    events.iter().find_map(|e| match e {
        SseEvent::Failed { error } => Some(error.code),
        _ => None,
    })
}
