//! IPC commands, one file per capability. Streaming commands take a `Channel`, return a
//! subscription id, and share the `sub_ack` / `sub_close` commands below.

pub mod app;
pub mod chat;
pub mod health;
pub mod load;
pub mod nats;
pub mod pty;
pub mod sse;
pub mod subscriptions;
pub mod watch;
pub mod ws;
