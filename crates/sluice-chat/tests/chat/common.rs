//! Helpers shared by the chat tests.

use std::time::Duration;

use sluice_chat::{ChatClient, ChatEntry};
use sluice_flow::{CollectingSink, FlowConfig, FlowHandle, Policy, Producer};
use sluice_wire::{ChatEvent, ChatMessage, ChatRole, ChatSettings, SubId};

/// Failure bound for waits; never a speed assertion.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub fn settings(base_url: &str) -> ChatSettings {
    ChatSettings {
        provider: "fixture".into(),
        base_url: base_url.into(),
        model: "fixture-model".into(),
        temperature: Some(0.2),
        has_api_key: true,
    }
}

pub fn client(base_url: &str) -> ChatClient {
    ChatClient::new(&settings(base_url), Some("sk-secret-key".into())).unwrap()
}

pub fn user(text: &str) -> Vec<ChatMessage> {
    vec![ChatMessage {
        role: ChatRole::User,
        content: text.into(),
        reasoning: None,
        tool_calls: Vec::new(),
        tool_call_id: None,
    }]
}

pub struct Flow {
    pub sink: CollectingSink<ChatEntry>,
    pub handle: FlowHandle,
    pub producer: Producer<ChatEntry>,
}

/// A chat flow as the app runs it: append-merge, into a sink that acks like a live view.
pub fn flow(sink: CollectingSink<ChatEntry>) -> Flow {
    let config = FlowConfig {
        frame_interval: Duration::from_millis(2),
        ..FlowConfig::new(Policy::AppendMerge)
    };
    let (producer, handle) = sluice_flow::spawn(SubId(7), config, sink.clone());
    Flow {
        sink,
        handle,
        producer,
    }
}

impl Flow {
    /// Ends the source and waits until every frame is out (acking when the sink does not).
    pub async fn drain(self) -> Vec<ChatEvent> {
        drop(self.producer);
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while !self.handle.is_closed() && tokio::time::Instant::now() < deadline {
            self.handle.ack(self.sink.last_seq());
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        assert!(self.handle.is_closed(), "the flow drained");
        self.sink
            .frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.event)
            .collect()
    }
}

/// Content of every delta, concatenated.
pub fn streamed_text(events: &[ChatEvent]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            ChatEvent::Delta { content, .. } => Some(content.as_str()),
            _ => None,
        })
        .collect()
}
