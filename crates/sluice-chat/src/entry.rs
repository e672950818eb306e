//! How chat events travel through the flow engine: token deltas append-merge.

use serde::Serialize;
use sluice_flow::{Event, FlowConfig, Policy};
use sluice_sse::json_str_bound;
use sluice_wire::{ChatEvent, ChatMessage};

/// Field names, tags and numbers around the strings of an event.
const OVERHEAD: usize = 96;

/// A [`ChatEvent`] on its way through a flow (use `Policy::AppendMerge`). Serializes
/// exactly as the wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ChatEntry {
    pub event: ChatEvent,
    #[serde(skip)]
    weight: usize,
}

impl ChatEntry {
    pub fn new(event: ChatEvent) -> Self {
        let strings = match &event {
            ChatEvent::Delta { content, reasoning } => {
                json_str_bound(content) + json_str_bound(reasoning)
            }
            ChatEvent::ToolCallDelta {
                id,
                name,
                arguments,
                ..
            } => {
                id.as_deref().map_or(0, json_str_bound)
                    + name.as_deref().map_or(0, json_str_bound)
                    + json_str_bound(arguments)
            }
            ChatEvent::Usage { .. } => 64,
            ChatEvent::Done { message, .. } | ChatEvent::Cancelled { message } => {
                message_bound(message) + 64
            }
            ChatEvent::Failed { error, message } => {
                json_str_bound(&error.message) + message_bound(message)
            }
        };
        Self {
            event,
            weight: OVERHEAD + strings,
        }
    }
}

/// The flow settings a chat answer uses: token deltas append-merge into frames.
pub fn flow_config() -> FlowConfig {
    FlowConfig::new(Policy::AppendMerge)
}

fn message_bound(m: &ChatMessage) -> usize {
    let calls: usize = m
        .tool_calls
        .iter()
        .map(|c| {
            json_str_bound(&c.id) + json_str_bound(&c.name) + json_str_bound(&c.arguments) + 48
        })
        .sum();
    json_str_bound(&m.content) + m.reasoning.as_deref().map_or(0, json_str_bound) + calls + 96
}

/// One key for every event: an entry merges only into the newest pending entry, so the
/// order of deltas, tool calls and the final event is kept.
impl Event for ChatEntry {
    type Key = ();

    fn key(&self) -> &Self::Key {
        &()
    }

    fn weight(&self) -> usize {
        self.weight
    }

    /// Consecutive text deltas become one; so do consecutive argument fragments of the same
    /// tool call. Anything else starts a new entry.
    fn merge(&mut self, next: Self) -> Result<(), Self> {
        match (&mut self.event, next.event) {
            (
                ChatEvent::Delta { content, reasoning },
                ChatEvent::Delta {
                    content: c,
                    reasoning: r,
                },
            ) => {
                content.push_str(&c);
                reasoning.push_str(&r);
            }
            (
                ChatEvent::ToolCallDelta {
                    index, arguments, ..
                },
                ChatEvent::ToolCallDelta {
                    index: i,
                    id: None,
                    name: None,
                    arguments: a,
                },
            ) if *index == i => arguments.push_str(&a),
            (_, event) => {
                return Err(Self {
                    event,
                    weight: next.weight,
                })
            }
        }
        // Each part's bound already counts its own quotes and overhead, so the sum stays an
        // upper bound without rescanning the text.
        self.weight = self.weight + next.weight - OVERHEAD;
        Ok(())
    }
}
