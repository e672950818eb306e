//! JetStream API answers turned into the wire views.

use sluice_wire::{
    NatsClusterView, NatsConsumerView, NatsKvBucketView, NatsObjectStoreView, NatsReplicaView,
    NatsStreamView,
};

use crate::jsapi::{Cluster, ConsumerInfo, StreamInfo};
use crate::util::{now_ms, rfc3339_ms};

const NANOS_PER_MS: u64 = 1_000_000;

pub(crate) fn cluster_view(c: &Cluster) -> NatsClusterView {
    NatsClusterView {
        name: c.name.clone(),
        leader: c.leader.clone(),
        replicas: c
            .replicas
            .iter()
            .map(|r| NatsReplicaView {
                name: r.name.clone(),
                current: r.current,
                offline: r.offline,
                active_ms: r.active / NANOS_PER_MS,
                lag: r.lag,
            })
            .collect(),
    }
}

pub(crate) fn stream_view(s: &StreamInfo) -> NatsStreamView {
    let c = &s.config;
    let backs = c
        .name
        .strip_prefix("KV_")
        .map(|b| format!("kv:{b}"))
        .or_else(|| c.name.strip_prefix("OBJ_").map(|b| format!("object:{b}")));
    NatsStreamView {
        name: c.name.clone(),
        description: c.description.clone().filter(|d| !d.is_empty()),
        subjects: c.subjects.clone(),
        retention: c.retention.clone(),
        storage: c.storage.clone(),
        replicas: c.num_replicas.max(1),
        max_msgs: c.max_msgs,
        max_bytes: c.max_bytes,
        max_age_ms: c.max_age / NANOS_PER_MS,
        discard: c.discard.clone(),
        messages: s.state.messages,
        bytes: s.state.bytes,
        first_seq: s.state.first_seq,
        last_seq: s.state.last_seq,
        first_time_ms: rfc3339_ms(&s.state.first_ts),
        last_time_ms: rfc3339_ms(&s.state.last_ts),
        consumer_count: s.state.consumer_count,
        subjects_count: s.state.num_subjects,
        deleted_count: s.state.num_deleted,
        created_ms: rfc3339_ms(&s.created),
        sealed: c.sealed,
        allow_direct: c.allow_direct,
        mirror: s.mirror.as_ref().map(|m| m.name.clone()),
        sources: s.sources.iter().map(|m| m.name.clone()).collect(),
        cluster: s.cluster.as_ref().map(cluster_view),
        backs,
    }
}

pub(crate) fn consumer_view(stream: &str, c: &ConsumerInfo) -> NatsConsumerView {
    let cfg = &c.config;
    let mut filters = cfg.filter_subjects.clone();
    if let Some(f) = cfg.filter_subject.as_ref().filter(|f| !f.is_empty()) {
        filters.insert(0, f.clone());
    }
    let opt_ms = |t: &Option<String>| t.as_deref().map(rfc3339_ms).filter(|ms| *ms > 0);
    NatsConsumerView {
        stream: if c.stream_name.is_empty() {
            stream.to_owned()
        } else {
            c.stream_name.clone()
        },
        name: c.name.clone(),
        durable: cfg.durable_name.as_ref().is_some_and(|d| !d.is_empty()),
        description: cfg.description.clone().filter(|d| !d.is_empty()),
        filter_subjects: filters,
        ack_policy: cfg.ack_policy.clone(),
        deliver_policy: cfg.deliver_policy.clone(),
        deliver_subject: cfg.deliver_subject.clone().filter(|d| !d.is_empty()),
        push_bound: c.push_bound,
        max_ack_pending: cfg.max_ack_pending,
        max_deliver: cfg.max_deliver,
        max_waiting: cfg.max_waiting,
        ack_wait_ms: cfg.ack_wait / NANOS_PER_MS,
        num_pending: c.num_pending,
        num_ack_pending: c.num_ack_pending,
        num_redelivered: c.num_redelivered,
        num_waiting: c.num_waiting,
        delivered_stream_seq: c.delivered.stream_seq,
        delivered_consumer_seq: c.delivered.consumer_seq,
        ack_floor_stream_seq: c.ack_floor.stream_seq,
        ack_floor_consumer_seq: c.ack_floor.consumer_seq,
        last_delivered_ms: opt_ms(&c.delivered.last_active),
        last_ack_ms: opt_ms(&c.ack_floor.last_active),
        paused: c.paused,
        pause_until_ms: opt_ms(&cfg.pause_until),
        metadata: cfg.metadata.clone(),
        cluster: c.cluster.as_ref().map(cluster_view),
        created_ms: rfc3339_ms(&c.created),
        sampled_at_ms: opt_ms(&c.ts).unwrap_or_else(now_ms),
    }
}

/// KV buckets are the streams named `KV_<bucket>`.
pub(crate) fn kv_view(s: &StreamInfo) -> Option<NatsKvBucketView> {
    let bucket = s.config.name.strip_prefix("KV_")?;
    Some(NatsKvBucketView {
        bucket: bucket.to_owned(),
        values: s.state.messages,
        bytes: s.state.bytes,
        history: u64::try_from(s.config.max_msgs_per_subject())
            .unwrap_or(1)
            .max(1),
        ttl_ms: s.config.max_age / NANOS_PER_MS,
        replicas: s.config.num_replicas.max(1),
        storage: s.config.storage.clone(),
    })
}

/// Object stores are the streams named `OBJ_<bucket>`.
pub(crate) fn object_store_view(s: &StreamInfo) -> Option<NatsObjectStoreView> {
    let bucket = s.config.name.strip_prefix("OBJ_")?;
    Some(NatsObjectStoreView {
        bucket: bucket.to_owned(),
        description: s.config.description.clone().filter(|d| !d.is_empty()),
        size: s.state.bytes,
        sealed: s.config.sealed,
        replicas: s.config.num_replicas.max(1),
        storage: s.config.storage.clone(),
    })
}
