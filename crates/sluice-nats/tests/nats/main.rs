//! Integration tests against real nats-server processes (pick the binary with
//! `SLUICE_NATS_SERVER`).

mod auth;
mod browse;
mod cluster;
mod common;
mod contexts;
mod kv;
mod model;
mod proxy;
mod sandbox;
mod tail;
