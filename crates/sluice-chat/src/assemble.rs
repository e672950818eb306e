//! Folds streamed chunks into the answer: content and reasoning appended, tool calls
//! assembled by their index, the finish reason and usage kept.

use std::collections::BTreeMap;

use sluice_wire::{ChatEvent, ChatMessage, ChatRole, ChatToolCall, ChatUsage};

use crate::openai::Chunk;

/// The answer so far.
#[derive(Debug, Default)]
pub(crate) struct Assembler {
    content: String,
    reasoning: String,
    /// By the index the server gives; fragments of one call may interleave with others.
    tool_calls: BTreeMap<u32, ChatToolCall>,
    pub(crate) finish_reason: Option<String>,
    pub(crate) usage: Option<ChatUsage>,
}

impl Assembler {
    /// Applies one chunk and returns the events it means for the UI, in order.
    pub(crate) fn apply(&mut self, chunk: Chunk) -> Vec<ChatEvent> {
        let mut out = Vec::new();
        // Only the first choice is shown; `n > 1` is not requested.
        for choice in chunk
            .choices
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.index == 0)
        {
            if let Some(delta) = choice.delta {
                let content = delta.content.unwrap_or_default();
                let reasoning = delta
                    .reasoning_content
                    .or(delta.reasoning)
                    .unwrap_or_default();
                if !content.is_empty() || !reasoning.is_empty() {
                    self.content.push_str(&content);
                    self.reasoning.push_str(&reasoning);
                    out.push(ChatEvent::Delta { content, reasoning });
                }
                for call in delta.tool_calls.unwrap_or_default() {
                    let (name, arguments) = call
                        .function
                        .map(|f| (f.name, f.arguments.unwrap_or_default()))
                        .unwrap_or_default();
                    let slot = self.tool_calls.entry(call.index).or_insert(ChatToolCall {
                        id: String::new(),
                        name: String::new(),
                        arguments: String::new(),
                    });
                    // Some servers repeat id and name on every fragment: the first wins.
                    if let Some(id) = &call.id {
                        if slot.id.is_empty() {
                            slot.id.clone_from(id);
                        }
                    }
                    if let Some(name) = &name {
                        if slot.name.is_empty() {
                            slot.name.clone_from(name);
                        }
                    }
                    slot.arguments.push_str(&arguments);
                    out.push(ChatEvent::ToolCallDelta {
                        index: call.index,
                        id: call.id,
                        name,
                        arguments,
                    });
                }
            }
            if let Some(reason) = choice.finish_reason {
                self.finish_reason = Some(reason);
            }
        }
        if let Some(usage) = chunk.usage {
            let usage = ChatUsage::from(usage);
            self.usage = Some(usage);
            out.push(ChatEvent::Usage { usage });
        }
        out
    }

    /// The assistant message as it stands.
    pub(crate) fn message(&self) -> ChatMessage {
        ChatMessage {
            role: ChatRole::Assistant,
            content: self.content.clone(),
            reasoning: (!self.reasoning.is_empty()).then(|| self.reasoning.clone()),
            tool_calls: self.tool_calls.values().cloned().collect(),
            tool_call_id: None,
        }
    }
}
