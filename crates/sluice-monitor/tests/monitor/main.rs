//! sluice-monitor against a real nats-server (`SLUICE_NATS_SERVER` picks the binary), plus
//! the pure evaluation with hostile input.

mod common;
mod evaluate;
mod feed;
mod hostile;
mod scenarios;
mod thresholds;
mod timeline;
