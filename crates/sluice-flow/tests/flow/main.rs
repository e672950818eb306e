//! Integration tests of the flow engine, one binary with a module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backpressure;
mod common;
mod lifecycle;
mod props;
mod sinks;
mod timing;
