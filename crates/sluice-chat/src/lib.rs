//! AI chat for Sluice against any OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp,
//! vLLM): [`ChatClient::stream`] pushes token deltas into a flow (`Policy::AppendMerge`
//! coalesces them into frames), assembles reasoning and tool calls, and honours `[DONE]`
//! and cancellation; [`ConversationStore`] keeps conversations on disk.

mod assemble;
mod client;
mod entry;
mod error;
mod openai;
mod store;

pub use client::{ChatClient, Completion, Outcome};
pub use entry::{flow_config, ChatEntry};
pub use error::ChatError;
pub use store::{now_ms, ConversationStore, Listing};
pub use tokio_util::sync::CancellationToken;
