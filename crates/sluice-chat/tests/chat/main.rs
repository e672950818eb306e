//! Integration tests of the chat client against a real OpenAI-compatible server on
//! 127.0.0.1, and of the conversation store on a real folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod endings;
mod store;
mod stream;
