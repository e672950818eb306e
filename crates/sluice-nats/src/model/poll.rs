//! One poll of the cluster model.

use std::time::Instant;

use futures_util::stream::{self, StreamExt};
use serde_json::json;
use sluice_wire::{NatsAccountUsage, NatsPollSummary};

use super::views::{consumer_view, kv_view, object_store_view, stream_view};
use super::{servers, ClusterModel};
use crate::error::NatsError;
use crate::jsapi::{self, AccountInfo, ConsumerPage, StreamPage};
use crate::util::now_ms;
use crate::NatsConnection;

/// Consumer listings in flight at once: enough to hide round trips, few enough not to
/// flood a busy server.
const CONSUMER_LIST_CONCURRENCY: usize = 16;

/// Reads the whole model once. Parts that fail are named in `poll.errors`; the rest is kept.
/// `try_sys` asks `$SYS` for every server (skipped when it was refused before).
pub async fn poll_once(conn: &NatsConnection, poll: u64, try_sys: bool) -> (ClusterModel, bool) {
    let started = Instant::now();
    let polled_at_ms = now_ms();
    let mut requests = 0u64;
    let mut errors = Vec::new();
    let mut model = ClusterModel::default();

    let (servers, sys_ok) = servers::servers(conn, try_sys).await;
    model.servers = servers;

    requests += 1;
    match jsapi::request::<AccountInfo>(conn, "INFO", &json!({})).await {
        Ok(a) => {
            model.account = Some(NatsAccountUsage {
                memory: a.memory,
                storage: a.storage,
                streams: a.streams,
                consumers: a.consumers,
                max_memory: a.limits.max_memory,
                max_storage: a.limits.max_storage,
                max_streams: a.limits.max_streams,
                max_consumers: a.limits.max_consumers,
                domain: a.domain,
            });
        }
        Err(NatsError::JetStreamDisabled) => {
            errors.push(NatsError::JetStreamDisabled.to_string());
            model.poll = Some(summary(poll, polled_at_ms, started, requests, errors));
            return (model, sys_ok);
        }
        Err(e) => errors.push(format!("account: {e}")),
    }

    let streams = jsapi::all_pages(
        conn,
        "STREAM.LIST",
        &json!({}),
        |p: StreamPage| (p.page, p.streams.unwrap_or_default()),
        &mut requests,
    )
    .await;
    let streams = match streams {
        Ok(s) => s,
        Err(e) => {
            errors.push(format!("streams: {e}"));
            Vec::new()
        }
    };
    model.streams = streams.iter().map(stream_view).collect();
    model.kv_buckets = streams.iter().filter_map(kv_view).collect();
    model.object_stores = streams.iter().filter_map(object_store_view).collect();

    let names: Vec<String> = streams
        .iter()
        .filter(|s| s.state.consumer_count > 0)
        .map(|s| s.config.name.clone())
        .collect();
    let listings: Vec<_> = stream::iter(names)
        .map(|name| async move {
            let mut reqs = 0u64;
            let res = jsapi::all_pages(
                conn,
                &format!("CONSUMER.LIST.{name}"),
                &json!({}),
                |p: ConsumerPage| (p.page, p.consumers.unwrap_or_default()),
                &mut reqs,
            )
            .await;
            (name, res, reqs)
        })
        .buffer_unordered(CONSUMER_LIST_CONCURRENCY)
        .collect()
        .await;
    for (name, res, reqs) in listings {
        requests += reqs;
        match res {
            Ok(list) => model
                .consumers
                .extend(list.iter().map(|c| consumer_view(&name, c))),
            Err(e) => errors.push(format!("consumers of {name}: {e}")),
        }
    }
    model.streams.sort_by(|a, b| a.name.cmp(&b.name));
    model
        .consumers
        .sort_by(|a, b| (&a.stream, &a.name).cmp(&(&b.stream, &b.name)));
    model.poll = Some(summary(poll, polled_at_ms, started, requests, errors));
    (model, sys_ok)
}

fn summary(
    poll: u64,
    polled_at_ms: u64,
    started: Instant,
    requests: u64,
    errors: Vec<String>,
) -> NatsPollSummary {
    NatsPollSummary {
        poll,
        polled_at_ms,
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        requests,
        errors,
    }
}
