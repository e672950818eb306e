//! Server-Sent Events for Sluice: an incremental WHATWG EventSource [`Parser`], one
//! [`SseConnection`] (request, checks, events as bytes arrive), and [`tail`], the
//! reconnecting stream that pushes [`SseEntry`]s into a flow.

mod client;
mod connection;
mod entry;
mod error;
mod keepalive;
mod options;
mod parser;

pub use client::tail;
pub use connection::{build_client, Received, SseConnection};
pub use entry::{flow_config, json_str_bound, SseEntry};
pub use error::SseError;
pub use options::{RetryPolicy, SseOptions};
pub use parser::{EventTooLarge, Parsed, ParsedEvent, Parser, DEFAULT_MAX_EVENT_BYTES};
