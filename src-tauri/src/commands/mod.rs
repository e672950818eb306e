//! IPC commands, one file per capability. Streaming commands take a `Channel`, return a
//! subscription id, and share the `sub_ack` / `sub_close` commands below.

pub mod app;
pub mod auth;
pub mod background;
pub mod chat;
pub mod desktop;
pub mod health;
pub mod load;
pub mod monitor;
pub mod nats;
pub mod nats_data;
pub mod nats_data_messages;
pub mod nats_data_objects;
pub mod nats_profiles;
pub mod pty;
pub mod sse;
pub mod subscriptions;
pub mod vault;
pub mod watch;
pub mod ws;
