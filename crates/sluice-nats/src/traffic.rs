//! Demo content and live traffic for the sandbox, so a first-time user sees every view
//! working: streams of each retention policy, a healthy consumer, one that falls behind,
//! one that stops acknowledging, a KV bucket that changes, an object store, and plain
//! core-NATS telemetry to tail.

use std::time::Duration;

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::stream::{Config as StreamConfig, DiscardPolicy, RetentionPolicy};
use futures_util::StreamExt;
use tokio::task::JoinHandle;

use crate::error::{NatsError, Result};
use crate::NatsConnection;

/// Orders per second the driver publishes.
const ORDER_RATE: u64 = 20;

fn js_err(e: impl std::fmt::Display) -> NatsError {
    NatsError::Other(format!("sandbox setup: {e}"))
}

async fn stream(js: &async_nats::jetstream::Context, cfg: StreamConfig) -> Result<()> {
    js.get_or_create_stream(cfg)
        .await
        .map(|_| ())
        .map_err(js_err)
}

async fn pull(
    js: &async_nats::jetstream::Context,
    stream: &str,
    cfg: PullConfig,
) -> Result<PullConsumer> {
    let s = js.get_stream(stream).await.map_err(js_err)?;
    let name = cfg.durable_name.clone().unwrap_or_default();
    s.get_or_create_consumer(&name, cfg).await.map_err(js_err)
}

fn durable(name: &str, filter: &str) -> PullConfig {
    PullConfig {
        durable_name: Some(name.into()),
        filter_subject: filter.into(),
        ..Default::default()
    }
}

/// Creates the demo streams, consumers, KV bucket and object store (idempotent).
pub async fn seed_demo(conn: &NatsConnection) -> Result<()> {
    let js = conn.jetstream();
    stream(
        js,
        StreamConfig {
            name: "ORDERS".into(),
            subjects: vec!["orders.>".into()],
            max_messages: 100_000,
            ..Default::default()
        },
    )
    .await?;
    stream(
        js,
        StreamConfig {
            name: "JOBS".into(),
            subjects: vec!["jobs.>".into()],
            retention: RetentionPolicy::WorkQueue,
            ..Default::default()
        },
    )
    .await?;
    stream(
        js,
        StreamConfig {
            name: "AUDIT".into(),
            subjects: vec!["audit.>".into()],
            retention: RetentionPolicy::Interest,
            ..Default::default()
        },
    )
    .await?;
    pull(js, "ORDERS", durable("processor", "orders.>")).await?;
    pull(js, "ORDERS", durable("analytics", "orders.>")).await?;
    let mut billing = durable("billing", "orders.*.created");
    billing.max_ack_pending = 50;
    billing.ack_wait = Duration::from_secs(30);
    pull(js, "ORDERS", billing).await?;
    pull(js, "JOBS", durable("worker", "jobs.>")).await?;
    pull(js, "AUDIT", durable("auditor", "audit.>")).await?;
    // KV and object store as their backing streams (portable across server versions).
    stream(
        js,
        StreamConfig {
            name: "KV_config".into(),
            subjects: vec!["$KV.config.>".into()],
            max_messages_per_subject: 10,
            allow_rollup: true,
            deny_delete: true,
            allow_direct: true,
            discard: DiscardPolicy::New,
            ..Default::default()
        },
    )
    .await?;
    stream(
        js,
        StreamConfig {
            name: "OBJ_assets".into(),
            subjects: vec!["$O.assets.C.>".into(), "$O.assets.M.>".into()],
            allow_rollup: true,
            allow_direct: true,
            discard: DiscardPolicy::New,
            ..Default::default()
        },
    )
    .await?;
    let body = b"Welcome to the Sluice sandbox.\n".to_vec();
    let nuid = "SANDBOXREADME0001";
    js.publish(format!("$O.assets.C.{nuid}"), body.clone().into())
        .await
        .map_err(js_err)?;
    let meta = serde_json::json!({
        "name": "readme.txt", "bucket": "assets", "nuid": nuid, "size": body.len(),
        "chunks": 1, "mtime": "2024-01-01T00:00:00Z", "digest": null,
        "metadata": {"origin": "sandbox"}, "headers": {"Content-Type": ["text/plain"]},
    });
    let name = base64_url("readme.txt");
    js.publish(format!("$O.assets.M.{name}"), meta.to_string().into())
        .await
        .map_err(js_err)?
        .await
        .map_err(js_err)?;
    Ok(())
}

fn base64_url(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE.encode(s)
}

/// Runs the demo traffic until the returned handles are aborted (drop the `Traffic`).
pub struct Traffic {
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Traffic {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Starts publishers and workers: `processor` keeps up, `analytics` acks only a few per
/// second (falls behind), `billing` takes messages and never acks (stuck), `worker` drains
/// the work queue. `config` in KV changes every few seconds; `telemetry.*` is core NATS;
/// `demo.echo` answers requests.
pub async fn drive_traffic(conn: &NatsConnection) -> Result<Traffic> {
    let js = conn.jetstream().clone();
    let client = conn.client().clone();
    let mut tasks = Vec::new();

    let c = client.clone();
    tasks.push(tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(1_000 / ORDER_RATE));
        for n in 0u64.. {
            tick.tick().await;
            let region = ["eu", "us", "ap"][(n % 3) as usize];
            let order = format!(r#"{{"id":{n},"region":"{region}","total":{}}}"#, n % 500);
            let _ = c
                .publish(format!("orders.{region}.created"), order.into())
                .await;
            if n % 5 == 0 {
                let _ = c.publish(format!("jobs.resize.{n}"), "{}".into()).await;
                let _ = c
                    .publish("audit.login", format!("user{}", n % 7).into())
                    .await;
            }
            let _ = c
                .publish("telemetry.cpu", format!("{}", (n * 37) % 100).into())
                .await;
        }
    }));

    for (stream, name, batch, pause, ack) in [
        ("ORDERS", "processor", 100, 200, true),
        ("ORDERS", "analytics", 2, 1_000, true),
        ("ORDERS", "billing", 50, 5_000, false),
        ("JOBS", "worker", 50, 500, true),
        ("AUDIT", "auditor", 50, 500, true),
    ] {
        let consumer = pull(&js, stream, durable(name, "")).await;
        let Ok(consumer) = consumer else { continue };
        tasks.push(tokio::spawn(work(
            consumer,
            batch,
            Duration::from_millis(pause),
            ack,
        )));
    }

    // A request-reply service to try from the UI: echoes the request with a header.
    let mut echo = client
        .subscribe("demo.echo")
        .await
        .map_err(|e| NatsError::Other(format!("sandbox echo service: {e}")))?;
    let c = client.clone();
    tasks.push(tokio::spawn(async move {
        while let Some(m) = echo.next().await {
            let Some(reply) = m.reply else { continue };
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Sluice-Echo", m.payload.len().to_string().as_str());
            let _ = c
                .publish_with_headers(reply, headers, m.payload.clone())
                .await;
        }
    }));

    let kv = js.clone();
    tasks.push(tokio::spawn(async move {
        for n in 0u64.. {
            let value = format!(r#"{{"rollout":{},"maintenance":false}}"#, n % 101);
            let _ = kv.publish("$KV.config.feature.flags", value.into()).await;
            let _ = kv
                .publish("$KV.config.motd", format!("deploy #{n}").into())
                .await;
            tokio::time::sleep(Duration::from_secs(3)).await;
        }
    }));
    Ok(Traffic { tasks })
}

async fn work(consumer: PullConsumer, batch: usize, pause: Duration, ack: bool) {
    loop {
        if let Ok(mut msgs) = consumer
            .fetch()
            .max_messages(batch)
            .expires(Duration::from_secs(1))
            .messages()
            .await
        {
            while let Some(Ok(m)) = msgs.next().await {
                if ack {
                    let _ = m.ack().await;
                }
            }
        }
        tokio::time::sleep(pause).await;
    }
}
