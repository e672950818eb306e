use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::IpcError;

/// Provider, model and endpoint of the chat. The API key is not here: it stays in the core
/// (vault), and `hasApiKey` only says whether one is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChatSettings {
    /// Free label: "openai", "ollama", "llama.cpp", "vllm"…
    pub provider: String,
    /// Up to and including the version segment, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    pub model: String,
    pub temperature: Option<f64>,
    pub has_api_key: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ChatRole {
    System,
    User,
    Assistant,
    Tool,
}

/// A tool call the assistant made, assembled from its streamed fragments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChatToolCall {
    pub id: String,
    pub name: String,
    /// JSON text, as the model wrote it.
    pub arguments: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChatUsage {
    #[ts(type = "number")]
    pub prompt_tokens: u64,
    #[ts(type = "number")]
    pub completion_tokens: u64,
    #[ts(type = "number")]
    pub total_tokens: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChatMessage {
    pub role: ChatRole,
    pub content: String,
    /// The model's reasoning (`reasoning_content`), when it streams one.
    pub reasoning: Option<String>,
    pub tool_calls: Vec<ChatToolCall>,
    /// For `role: tool`: the call this answers.
    pub tool_call_id: Option<String>,
}

/// What a chat completion reports while it streams. Consecutive `delta`s are merged by the
/// flow engine into one entry per frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ChatEvent {
    /// Text to append to the answer and to its reasoning.
    Delta {
        content: String,
        reasoning: String,
    },
    /// A fragment of tool call `index`: `arguments` is appended, `id`/`name` set once.
    ToolCallDelta {
        index: u32,
        id: Option<String>,
        name: Option<String>,
        arguments: String,
    },
    Usage {
        usage: ChatUsage,
    },
    /// The completion finished; `message` is the whole answer.
    Done {
        finish_reason: Option<String>,
        message: ChatMessage,
        usage: Option<ChatUsage>,
    },
    /// Stopped by the user; `message` holds what had arrived.
    Cancelled {
        message: ChatMessage,
    },
    Failed {
        error: IpcError,
        message: ChatMessage,
    },
}

/// A saved conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: String,
    pub title: String,
    pub settings: ChatSettings,
    pub messages: Vec<ChatMessage>,
    #[ts(type = "number")]
    pub created_at_ms: u64,
    #[ts(type = "number")]
    pub updated_at_ms: u64,
}

/// One line of the conversation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    pub id: String,
    pub title: String,
    pub messages: u32,
    #[ts(type = "number")]
    pub updated_at_ms: u64,
}
