//! Shared helpers: servers, connections, flows collected in memory.

use std::future::Future;
use std::time::Duration;

use sluice_flow::{CollectingSink, FlowConfig, FlowHandle, Policy};
use sluice_nats::{NatsConnection, NatsProfile, TailEvent};
use sluice_testkit::nats::NatsServer;
use sluice_wire::{NatsGap, NatsTailEntry, NatsTailMessage, SubId};

/// Failure bound for anything that waits; never a speed assertion.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub async fn server() -> NatsServer {
    NatsServer::start().await.expect("nats-server starts")
}

pub fn profile(urls: Vec<String>) -> NatsProfile {
    NatsProfile::new("test", urls)
}

pub async fn connect(url: &str) -> NatsConnection {
    NatsConnection::connect(profile(vec![url.to_owned()]))
        .await
        .expect("connects")
}

pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while tokio::time::Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

pub struct Tail {
    pub sink: CollectingSink<TailEvent>,
    pub handle: FlowHandle,
}

impl Tail {
    pub async fn start(conn: &NatsConnection, subject: &str) -> Tail {
        let sink = CollectingSink::new();
        let (producer, handle) =
            sluice_flow::spawn(SubId(1), FlowConfig::new(Policy::KeepAll), sink.clone());
        sluice_nats::start_tail(conn, subject, producer)
            .await
            .expect("tail starts");
        Tail { sink, handle }
    }

    fn entries(&self) -> Vec<NatsTailEntry> {
        self.sink
            .frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.entry())
            .collect()
    }

    pub fn messages(&self) -> Vec<NatsTailMessage> {
        self.entries()
            .into_iter()
            .filter_map(|e| match e {
                NatsTailEntry::Message(m) => Some(m),
                NatsTailEntry::Gap(_) => None,
            })
            .collect()
    }

    pub fn gaps(&self) -> Vec<NatsGap> {
        self.entries()
            .into_iter()
            .filter_map(|e| match e {
                NatsTailEntry::Gap(g) => Some(g),
                NatsTailEntry::Message(_) => None,
            })
            .collect()
    }

    pub async fn wait_messages(&self, n: usize) {
        eventually(&format!("{n} tail messages"), || async {
            self.messages().len() >= n
        })
        .await;
    }
}

pub fn decode(b64: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("valid base64")
}

/// A KV bucket's backing stream, configured as the KV layer does.
pub async fn create_kv(js: &async_nats::jetstream::Context, bucket: &str, history: i64) {
    js.create_stream(async_nats::jetstream::stream::Config {
        name: format!("KV_{bucket}"),
        subjects: vec![format!("$KV.{bucket}.>")],
        max_messages_per_subject: history,
        allow_rollup: true,
        deny_delete: true,
        allow_direct: true,
        discard: async_nats::jetstream::stream::DiscardPolicy::New,
        ..Default::default()
    })
    .await
    .expect("kv stream");
}

/// An object store's backing stream.
pub async fn create_object_store(js: &async_nats::jetstream::Context, bucket: &str) {
    js.create_stream(async_nats::jetstream::stream::Config {
        name: format!("OBJ_{bucket}"),
        subjects: vec![format!("$O.{bucket}.C.>"), format!("$O.{bucket}.M.>")],
        allow_rollup: true,
        allow_direct: true,
        discard: async_nats::jetstream::stream::DiscardPolicy::New,
        ..Default::default()
    })
    .await
    .expect("object store stream");
}
