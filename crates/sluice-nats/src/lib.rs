//! NATS for Sluice: connection profiles and NATS CLI contexts, connection state, the live
//! cluster model (servers, account, streams, consumers, KV, object stores), live tails with
//! gap reporting, stream browsing that never changes the stream, publish and request.
//!
//! Everything live reaches a UI through the flow engine: the app shell or CLI starts a flow
//! with `sluice_flow::spawn` and hands its `Producer` to the functions here.

mod browse;
mod connection;
mod contexts;
mod creds;
mod error;
mod events;
mod jsapi;
mod kv;
mod kv_watch;
mod kv_write;
pub mod model;
mod object_io;
mod objects;
mod profile;
mod profile_input;
mod profile_store;
mod publish;
mod sandbox;
mod tail;
mod traffic;
mod util;

pub use browse::{browse, last_message, next_message, seq_at_time, MAX_PAGE};
pub use connection::NatsConnection;
pub use contexts::{
    context_profile, default_nats_config_dir, load_contexts, selected_context, ContextWatcher,
};
pub use error::{NatsError, Result};
pub use events::{ConnStateEvent, KvEvent, ModelEvent, ProfilesEvent, TailEvent};
pub use kv::{kv_entries, kv_get, kv_history, kv_keys, MAX_KV_ENTRIES};
pub use kv_watch::kv_watch;
pub use kv_write::{check_key, kv_delete, kv_put};
pub use model::{poll_once, ClusterModel, ModelOptions, ModelWatcher};
pub use object_io::{
    object_delete, object_download, object_read, object_upload, MAX_INLINE_OBJECT,
};
pub use objects::{object_list, MAX_OBJECTS};
pub use profile::{NatsAuth, NatsProfile, Secret, TlsSettings};
pub use profile_input::{check_server_url, profile_from_input};
pub use profile_store::{feed_profiles, secret_key, ProfileStore, SecretKeeper, SessionSecrets};
pub use publish::{publish, request};
pub use sandbox::{Sandbox, SandboxOptions};
pub use tail::start_tail;
pub use traffic::{drive_traffic, seed_demo, Traffic};
pub use util::{now_ms, subject_matches, unb64};

/// Flow settings for NATS subscriptions: the engine's defaults with a frame interval of at
/// least 17 ms, so a busy flow flushes under 60 times per second whatever the engine's
/// default (now exactly 1/60 s) becomes. A tail (`KeepAll`) also cuts one frame per flush, so it sends at most 60 frames per
/// second (the tail's goal): past what those frames carry, its ring drops the oldest
/// messages and counts them.
pub fn flow_config(policy: sluice_flow::Policy) -> sluice_flow::FlowConfig {
    let mut config = sluice_flow::FlowConfig::new(policy);
    config.frame_interval = config
        .frame_interval
        .max(std::time::Duration::from_millis(17));
    if policy == sluice_flow::Policy::KeepAll {
        config.max_frames_per_flush = 1;
    }
    config
}

#[cfg(test)]
mod tests {
    use sluice_flow::Policy;

    #[test]
    fn a_tail_sends_one_frame_per_flush() {
        assert_eq!(super::flow_config(Policy::KeepAll).max_frames_per_flush, 1);
        let interval = super::flow_config(Policy::KeepAll).frame_interval;
        assert!(interval >= std::time::Duration::from_millis(17));
    }
}
