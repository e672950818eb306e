//! Before/after diffs of stream and consumer configuration, field by field.

use std::collections::BTreeMap;

use sluice_wire::{MonitorFieldChange, NatsConsumerView, NatsStreamView};

pub(crate) fn change(
    field: &str,
    before: Option<String>,
    after: Option<String>,
) -> MonitorFieldChange {
    MonitorFieldChange {
        field: field.to_owned(),
        before,
        after,
    }
}

/// Field-by-field config diff; a missing side gives a `None` on that side of every field.
fn fields_diff(
    before: Option<BTreeMap<String, String>>,
    after: Option<BTreeMap<String, String>>,
) -> Vec<MonitorFieldChange> {
    let (b, a) = (before.unwrap_or_default(), after.unwrap_or_default());
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| change(k, b.get(k).cloned(), a.get(k).cloned()))
        .collect()
}

pub(crate) fn stream_fields(
    o: Option<&NatsStreamView>,
    n: Option<&NatsStreamView>,
) -> Vec<MonitorFieldChange> {
    fields_diff(o.map(stream_config), n.map(stream_config))
}

pub(crate) fn consumer_fields(
    o: Option<&NatsConsumerView>,
    n: Option<&NatsConsumerView>,
) -> Vec<MonitorFieldChange> {
    if let (Some(o), Some(n)) = (o, n) {
        // Counters change every poll; the config rarely does. Compare without allocating.
        if same_config(o, n) {
            return Vec::new();
        }
    }
    fields_diff(o.map(consumer_config), n.map(consumer_config))
}

fn stream_config(s: &NatsStreamView) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("subjects".into(), s.subjects.join(", "));
    m.insert("retention".into(), s.retention.clone());
    m.insert("storage".into(), s.storage.clone());
    m.insert("replicas".into(), s.replicas.to_string());
    m.insert("maxMsgs".into(), s.max_msgs.to_string());
    m.insert("maxBytes".into(), s.max_bytes.to_string());
    m.insert("maxAgeMs".into(), s.max_age_ms.to_string());
    m.insert("discard".into(), s.discard.clone());
    m.insert("sealed".into(), s.sealed.to_string());
    m.insert("allowDirect".into(), s.allow_direct.to_string());
    if let Some(d) = &s.description {
        m.insert("description".into(), d.clone());
    }
    if let Some(mirror) = &s.mirror {
        m.insert("mirror".into(), mirror.clone());
    }
    if !s.sources.is_empty() {
        m.insert("sources".into(), s.sources.join(", "));
    }
    m
}

fn consumer_config(c: &NatsConsumerView) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("filterSubjects".into(), c.filter_subjects.join(", "));
    m.insert("ackPolicy".into(), c.ack_policy.clone());
    m.insert("deliverPolicy".into(), c.deliver_policy.clone());
    m.insert("maxAckPending".into(), c.max_ack_pending.to_string());
    m.insert("maxDeliver".into(), c.max_deliver.to_string());
    m.insert("maxWaiting".into(), c.max_waiting.to_string());
    m.insert("ackWaitMs".into(), c.ack_wait_ms.to_string());
    m.insert("paused".into(), c.paused.to_string());
    if let Some(d) = &c.deliver_subject {
        m.insert("deliverSubject".into(), d.clone());
    }
    if let Some(d) = &c.description {
        m.insert("description".into(), d.clone());
    }
    if let Some(p) = c.pause_until_ms {
        m.insert("pauseUntilMs".into(), p.to_string());
    }
    for (k, v) in &c.metadata {
        m.insert(format!("metadata.{k}"), v.clone());
    }
    m
}

fn same_config(o: &NatsConsumerView, n: &NatsConsumerView) -> bool {
    o.filter_subjects == n.filter_subjects
        && o.ack_policy == n.ack_policy
        && o.deliver_policy == n.deliver_policy
        && o.max_ack_pending == n.max_ack_pending
        && o.max_deliver == n.max_deliver
        && o.max_waiting == n.max_waiting
        && o.ack_wait_ms == n.ack_wait_ms
        && o.paused == n.paused
        && o.deliver_subject == n.deliver_subject
        && o.description == n.description
        && o.pause_until_ms == n.pause_until_ms
        && o.metadata == n.metadata
}
