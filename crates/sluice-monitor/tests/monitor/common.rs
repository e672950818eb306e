//! A server, a model watcher polling fast, a monitor with a short window, and waits counted
//! in model polls (server work), never in wall-clock time.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::stream::{Config as StreamConfig, Stream};
use futures_util::StreamExt;
use sluice_monitor::{Monitor, MonitorSettings, MonitorSnapshot};
use sluice_nats::{ModelOptions, ModelWatcher, NatsConnection, NatsProfile};
use sluice_testkit::nats::{server_binary, server_version, NatsServer};
use sluice_wire::MonitorVerdict;

pub const INTERVAL: Duration = Duration::from_millis(200);
pub const WINDOW: Duration = Duration::from_secs(1);
/// "Within two windows", counted in polls: two windows of polls plus the one in flight and
/// the one that reads the state.
pub const TWO_WINDOWS_POLLS: u64 = 2 * (1000 / 200) + 2;
/// Failure bound for waits that are not the subject of a test; never a speed assertion.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Rig {
    _server: NatsServer,
    pub conn: NatsConnection,
    pub watcher: ModelWatcher,
    pub monitor: Monitor,
}

impl Rig {
    pub async fn start(settings: MonitorSettings) -> Rig {
        let server = NatsServer::start().await.expect("nats-server starts");
        let conn = NatsConnection::connect(NatsProfile::new("test", vec![server.url()]))
            .await
            .expect("connects");
        let watcher = ModelWatcher::start(conn.clone(), ModelOptions { interval: INTERVAL });
        let monitor = Monitor::start_with_advisories(&conn, watcher.model(), settings)
            .await
            .expect("advisories subscribe");
        Rig {
            _server: server,
            conn,
            watcher,
            monitor,
        }
    }

    pub fn js(&self) -> &async_nats::jetstream::Context {
        self.conn.jetstream()
    }

    pub async fn stream(&self, name: &str) -> Stream {
        self.js()
            .create_stream(StreamConfig {
                name: name.into(),
                subjects: vec![format!("{}.>", name.to_lowercase())],
                ..Default::default()
            })
            .await
            .expect("stream")
    }

    pub async fn publish(&self, subject: &str, n: usize) {
        for i in 0..n {
            self.js()
                .publish(subject.to_owned(), format!("m{i}").into())
                .await
                .expect("publish")
                .await
                .expect("publish ack");
        }
    }

    /// The next evaluation after this call.
    pub async fn next(&self) -> Arc<MonitorSnapshot> {
        tokio::time::timeout(PATIENCE, self.monitor.next_snapshot())
            .await
            .expect("the monitor evaluates")
            .expect("monitor alive")
    }

    /// Waits until `pred` holds for `id`'s verdict; panics if it did not within `polls`
    /// model polls after the first evaluation seen here.
    pub async fn verdict_within<F>(
        &self,
        id: &str,
        polls: u64,
        what: &str,
        pred: F,
    ) -> MonitorVerdict
    where
        F: Fn(&MonitorVerdict) -> bool,
    {
        let start = self.next().await.summary.poll;
        loop {
            let snap = self.next().await;
            if let Some(v) = snap.verdict(id).filter(|v| pred(v)) {
                return v.clone();
            }
            assert!(
                snap.summary.poll <= start + polls,
                "{id}: no {what} verdict within {polls} polls; last: {:?}",
                snap.verdict(id)
            );
        }
    }
}

/// Up to `n` messages, waiting at most half a second; they are returned unacknowledged.
pub async fn fetch(c: &PullConsumer, n: usize) -> Vec<async_nats::jetstream::Message> {
    let mut batch = c
        .fetch()
        .max_messages(n)
        .expires(Duration::from_millis(500))
        .messages()
        .await
        .expect("fetch");
    let mut out = Vec::new();
    while let Some(m) = batch.next().await {
        out.push(m.expect("message"));
    }
    out
}

pub fn pull(name: &str) -> PullConfig {
    PullConfig {
        durable_name: Some(name.into()),
        ack_wait: Duration::from_secs(60),
        ..Default::default()
    }
}

/// `(major, minor)` of the server under test.
pub async fn version() -> (u32, u32) {
    let (a, b, _) = server_version(&server_binary())
        .await
        .expect("server version");
    (a, b)
}
