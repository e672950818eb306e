//! Integration tests of the WebSocket source against a real server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod limits;
mod liveness;
mod messages;
