//! Integration tests of the SSE crate: the parser against the WHATWG rules and hostile
//! bytes, and the client against a real SSE server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client;
mod common;
mod hostile;
mod keepalive;
mod parser;
