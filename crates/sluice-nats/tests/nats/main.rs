//! Integration tests against real nats-server processes (pick the binary with
//! `SLUICE_NATS_SERVER`).

mod auth;
mod browse;
mod cluster;
mod common;
mod contexts;
mod data;
mod kv;
mod model;
mod model_restart;
mod profiles;
mod proxy;
mod sandbox;
mod sandbox_sweep;
mod tail;
