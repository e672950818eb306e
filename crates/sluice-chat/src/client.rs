//! Streaming `chat/completions` against any OpenAI-compatible endpoint. One request per
//! answer and never a retry: a completion that finished (or half finished) is never sent
//! again, since that would bill and answer twice.

use std::time::Duration;

use sluice_flow::Producer;
use sluice_sse::{Received, SseConnection, SseOptions};
use sluice_wire::{ChatEvent, ChatMessage, ChatSettings, ChatUsage, HttpMethod};
use tokio_util::sync::CancellationToken;

use crate::assemble::Assembler;
use crate::openai::{Chunk, Request, RequestMessage, StreamOptions};
use crate::{ChatEntry, ChatError};

/// How a streamed answer ended.
#[derive(Debug)]
pub enum Outcome {
    Done,
    /// Stopped by the caller's cancellation token.
    Cancelled,
    Failed(ChatError),
}

/// The answer as far as it got, and how it ended. Also pushed to the flow as the final
/// `done`/`cancelled`/`failed` event.
#[derive(Debug)]
pub struct Completion {
    pub message: ChatMessage,
    pub finish_reason: Option<String>,
    pub usage: Option<ChatUsage>,
    pub outcome: Outcome,
}

/// A client for one endpoint and model. The API key lives here, in the core, and is never
/// part of an event.
#[derive(Debug, Clone)]
pub struct ChatClient {
    http: reqwest::Client,
    endpoint: String,
    model: String,
    temperature: Option<f64>,
    api_key: Option<String>,
    /// Ask for the usage chunk (`stream_options.include_usage`); a few servers refuse it.
    pub include_usage: bool,
    /// No byte for this long fails the answer (reasoning models can think quietly a while).
    pub idle_timeout: Duration,
    pub max_event_bytes: usize,
}

impl ChatClient {
    pub fn new(settings: &ChatSettings, api_key: Option<String>) -> Result<Self, ChatError> {
        let base = settings.base_url.trim().trim_end_matches('/');
        let url = reqwest::Url::parse(base)
            .map_err(|e| ChatError::InvalidSettings(format!("base URL {base:?}: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ChatError::InvalidSettings(format!(
                "base URL {base:?} is not http or https"
            )));
        }
        if settings.model.trim().is_empty() {
            return Err(ChatError::InvalidSettings("no model chosen".into()));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| ChatError::InvalidSettings(e.to_string()))?;
        Ok(Self {
            http,
            endpoint: format!("{base}/chat/completions"),
            model: settings.model.clone(),
            temperature: settings.temperature,
            api_key: api_key.filter(|k| !k.is_empty()),
            include_usage: true,
            idle_timeout: Duration::from_secs(300),
            max_event_bytes: sluice_sse::DEFAULT_MAX_EVENT_BYTES,
        })
    }

    /// Streams the answer to `messages` into `producer` (deltas, tool-call fragments, usage,
    /// then one final event) until `[DONE]`, an error, or `cancel`. Cancelling drops the
    /// connection at once.
    pub async fn stream(
        &self,
        messages: &[ChatMessage],
        tools: Option<&serde_json::Value>,
        producer: &Producer<ChatEntry>,
        cancel: &CancellationToken,
    ) -> Completion {
        let mut answer = Assembler::default();
        let outcome = tokio::select! {
            biased;
            () = cancel.cancelled() => Outcome::Cancelled,
            () = producer.closed() => Outcome::Cancelled,
            r = self.run(messages, tools, producer, &mut answer) => match r {
                Ok(()) => Outcome::Done,
                Err(e) => Outcome::Failed(e),
            },
        };
        let message = answer.message();
        let last = match &outcome {
            Outcome::Done => ChatEvent::Done {
                finish_reason: answer.finish_reason.clone(),
                message: message.clone(),
                usage: answer.usage,
            },
            Outcome::Cancelled => ChatEvent::Cancelled {
                message: message.clone(),
            },
            Outcome::Failed(e) => ChatEvent::Failed {
                error: e.to_ipc(),
                message: message.clone(),
            },
        };
        producer.push(ChatEntry::new(last));
        Completion {
            message,
            finish_reason: answer.finish_reason.take(),
            usage: answer.usage,
            outcome,
        }
    }

    async fn run(
        &self,
        messages: &[ChatMessage],
        tools: Option<&serde_json::Value>,
        producer: &Producer<ChatEntry>,
        answer: &mut Assembler,
    ) -> Result<(), ChatError> {
        let body = Request {
            model: &self.model,
            messages: messages.iter().map(RequestMessage::from).collect(),
            stream: true,
            stream_options: self.include_usage.then_some(StreamOptions {
                include_usage: true,
            }),
            temperature: self.temperature,
            tools,
        };
        let body = serde_json::to_string(&body)
            .map_err(|e| ChatError::InvalidSettings(format!("cannot encode the request: {e}")))?;
        let opts = SseOptions {
            method: HttpMethod::Post,
            headers: vec![("Content-Type".into(), "application/json".into())],
            bearer: self.api_key.clone(),
            body: Some(body),
            idle_timeout: self.idle_timeout,
            max_event_bytes: self.max_event_bytes,
            ..SseOptions::new(self.endpoint.clone())
        };
        let mut conn = SseConnection::open(&self.http, &opts, None).await?;
        loop {
            let message = match conn.next().await? {
                Some(Received::Message(m)) => m,
                Some(Received::Retry(_)) => continue,
                // A server may close right after the finish reason without `[DONE]`; the
                // answer is complete then. Without a finish reason it was cut off.
                None if answer.finish_reason.is_some() => return Ok(()),
                None => return Err(ChatError::EndedEarly),
            };
            let data = message.data.trim();
            if data == "[DONE]" {
                // Stop here even if the server keeps the connection open.
                return Ok(());
            }
            if data.is_empty() {
                continue;
            }
            let chunk: Chunk = serde_json::from_str(data).map_err(|e| ChatError::BadChunk {
                reason: e.to_string(),
                excerpt: data.chars().take(200).collect(),
            })?;
            if let Some(err) = &chunk.error {
                return Err(ChatError::Api {
                    message: err.message.clone(),
                    kind: err.kind.clone(),
                });
            }
            for event in answer.apply(chunk) {
                producer.push(ChatEntry::new(event));
            }
        }
    }
}
