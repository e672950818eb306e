//! An OpenAI-compatible `chat/completions` streaming server: reasoning, content, tool-call
//! fragments, usage chunks (`choices: null`), `[DONE]`, mid-stream errors, slow streams.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio::time::{sleep, timeout};

use super::CONNECTION_LIMIT;
use super::{lock, read_request, respond, serve, wait_peer_gone, write_head, Request, Shared};

/// How a streamed reply ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatEnd {
    /// `data: [DONE]`, then close.
    Done,
    /// `data: [DONE]`, then keep the connection open (some servers do).
    DoneThenHold,
    /// Close without `[DONE]`.
    Close,
}

/// One scripted reply to every `POST …/chat/completions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatReply {
    pub status: u16,
    /// `data:` payloads, in order.
    pub chunks: Vec<String>,
    /// Pause before each chunk.
    pub gap: Duration,
    pub end: ChatEnd,
}

fn delta(delta: &str) -> String {
    format!(
        r#"{{"id":"cmpl-1","object":"chat.completion.chunk","created":1,"model":"fixture","choices":[{{"index":0,"delta":{delta},"finish_reason":null}}]}}"#
    )
}

impl ChatReply {
    /// Reasoning, content, two tool calls whose fragments interleave, a finish reason, a
    /// usage chunk with `choices: null` and one with `choices: []`, then `[DONE]`.
    /// Assembled: reasoning "Think hard.", content "Hello, world", calls `call_a`
    /// get_weather `{"city":"Oslo"}` and `call_b` get_time `{}`, usage 5/7/12.
    pub fn standard() -> Self {
        let chunks = vec![
            delta(r#"{"role":"assistant","content":""}"#),
            delta(r#"{"reasoning_content":"Think"}"#),
            delta(r#"{"reasoning_content":" hard."}"#),
            delta(r#"{"content":"Hello"}"#),
            delta(r#"{"content":", world"}"#),
            delta(
                r#"{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]}"#,
            ),
            delta(
                r#"{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]}"#,
            ),
            delta(r#"{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Oslo\"}"}}]}"#),
            delta(r#"{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]}"#),
            r#"{"id":"cmpl-1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#
                .to_owned(),
            r#"{"id":"cmpl-1","choices":null,"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}"#
                .to_owned(),
            r#"{"id":"cmpl-1","choices":[]}"#.to_owned(),
        ];
        Self {
            status: 200,
            chunks,
            gap: Duration::ZERO,
            end: ChatEnd::Done,
        }
    }

    /// `n` content tokens `t0 t1 …`, `gap` apart, then a stop and `[DONE]`.
    pub fn tokens(n: usize, gap: Duration) -> Self {
        let mut chunks: Vec<String> = (0..n)
            .map(|i| delta(&format!(r#"{{"content":"t{i} "}}"#)))
            .collect();
        chunks.push(r#"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#.to_owned());
        Self {
            status: 200,
            chunks,
            gap,
            end: ChatEnd::Done,
        }
    }

    /// A few tokens, then an error object in the stream, then the connection closes.
    pub fn mid_stream_error() -> Self {
        let mut reply = Self::tokens(3, Duration::ZERO);
        reply.chunks.pop();
        reply.chunks.push(
            r#"{"error":{"message":"the model crashed","type":"server_error","code":503}}"#
                .to_owned(),
        );
        reply.end = ChatEnd::Close;
        reply
    }
}

/// What the server saw.
#[derive(Debug, Clone, Default)]
pub struct ChatState {
    pub requests: Vec<Request>,
    /// Chunks written, over all requests.
    pub chunks_sent: u64,
    /// Streams whose client went away before the scripted end.
    pub client_gone: u64,
    /// Streams that ran to their scripted end.
    pub completed: u64,
}

/// A running OpenAI-compatible server on 127.0.0.1. Stops when dropped.
pub struct ChatServer {
    addr: SocketAddr,
    state: Shared<ChatState>,
    task: JoinHandle<()>,
}

impl Drop for ChatServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ChatServer {
    pub async fn start(reply: ChatReply) -> std::io::Result<Self> {
        let state: Shared<ChatState> = Arc::new(Mutex::new(ChatState::default()));
        let reply = Arc::new(reply);
        let st = Arc::clone(&state);
        let (addr, task) = serve(move |stream| {
            let reply = Arc::clone(&reply);
            let st = Arc::clone(&st);
            async move { handle(stream, &reply, &st).await }
        })
        .await?;
        Ok(Self { addr, state, task })
    }

    /// The base URL a client appends `/chat/completions` to.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub fn state(&self) -> ChatState {
        lock(&self.state).clone()
    }
}

async fn handle(mut stream: TcpStream, reply: &ChatReply, st: &Shared<ChatState>) {
    let Ok(Some(req)) = read_request(&mut stream).await else {
        return;
    };
    let is_chat = req.method == "POST" && req.path().ends_with("/chat/completions");
    lock(st).requests.push(req);
    if !is_chat {
        let _ = respond(
            &mut stream,
            404,
            "application/json",
            br#"{"error":"no route"}"#,
        )
        .await;
        return;
    }
    if reply.status != 200 {
        let body = br#"{"error":{"message":"rate limited","type":"rate_limit"}}"#;
        let _ = respond(&mut stream, reply.status, "application/json", body).await;
        return;
    }
    let outcome = stream_reply(&mut stream, reply, st).await;
    let mut s = lock(st);
    match outcome {
        Ok(()) => s.completed += 1,
        Err(_) => s.client_gone += 1,
    }
}

async fn stream_reply(
    stream: &mut TcpStream,
    reply: &ChatReply,
    st: &Shared<ChatState>,
) -> std::io::Result<()> {
    write_head(stream, 200, "text/event-stream").await?;
    for chunk in &reply.chunks {
        sleep(reply.gap).await;
        write(stream, format!("data: {chunk}\n\n").as_bytes()).await?;
        lock(st).chunks_sent += 1;
    }
    match reply.end {
        ChatEnd::Done => {
            write(stream, b"data: [DONE]\n\n").await?;
            stream.shutdown().await
        }
        ChatEnd::DoneThenHold => {
            write(stream, b"data: [DONE]\n\n").await?;
            wait_peer_gone(stream, CONNECTION_LIMIT).await;
            Ok(())
        }
        ChatEnd::Close => stream.shutdown().await,
    }
}

async fn write(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    timeout(Duration::from_secs(10), stream.write_all(bytes))
        .await
        .map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::TimedOut, "client stopped reading")
        })??;
    // A flush makes a vanished client show up as a write error promptly.
    stream.flush().await
}
