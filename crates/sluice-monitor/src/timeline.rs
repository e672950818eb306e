//! "What changed": successive models diffed into timeline entries, kept for a bounded time.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use sluice_nats::ClusterModel;
use sluice_wire::{
    MonitorChangeKind as C, MonitorFieldChange, MonitorTimelineEntry, MonitorVerdict,
    MonitorVerdictKind, NatsClusterView, NatsConsumerView, NatsStreamView,
};

use crate::config_diff::{change, consumer_fields, stream_fields};

/// Entries oldest first; `seq` is assigned on insert.
#[derive(Debug)]
pub struct Timeline {
    entries: VecDeque<MonitorTimelineEntry>,
    span_ms: u64,
    max: usize,
    next_seq: u64,
}

impl Timeline {
    pub fn new(span: Duration, max: usize) -> Self {
        Self {
            entries: VecDeque::new(),
            span_ms: u64::try_from(span.as_millis()).unwrap_or(u64::MAX),
            max: max.max(1),
            next_seq: 1,
        }
    }

    /// Adds `new` (stamped `at_ms`) and forgets what is older than the span or over the
    /// count. Returns the added entries with their sequence numbers.
    pub fn extend(
        &mut self,
        new: Vec<MonitorTimelineEntry>,
        at_ms: u64,
    ) -> Vec<MonitorTimelineEntry> {
        let mut added = Vec::with_capacity(new.len());
        for mut e in new {
            e.seq = self.next_seq;
            e.at_ms = at_ms;
            self.next_seq += 1;
            added.push(e.clone());
            self.entries.push_back(e);
        }
        let oldest = at_ms.saturating_sub(self.span_ms);
        while self.entries.front().is_some_and(|e| e.at_ms < oldest)
            || self.entries.len() > self.max
        {
            self.entries.pop_front();
        }
        added
    }

    pub fn entries(&self) -> Vec<MonitorTimelineEntry> {
        self.entries.iter().cloned().collect()
    }

    pub fn after(&self, seq: u64) -> Vec<MonitorTimelineEntry> {
        let start = self.entries.partition_point(|e| e.seq <= seq);
        self.entries.range(start..).cloned().collect()
    }
}

fn entry(
    kind: C,
    stream: &str,
    consumer: Option<&str>,
    subjects: &[String],
    summary: String,
    diff: Vec<MonitorFieldChange>,
) -> MonitorTimelineEntry {
    MonitorTimelineEntry {
        seq: 0,
        at_ms: 0,
        kind,
        stream: stream.to_owned(),
        consumer: consumer.map(str::to_owned),
        subjects: subjects.to_vec(),
        summary,
        diff,
    }
}

/// A verdict kind change worth a timeline entry (healthy ↔ idle is not).
pub fn verdict_change(
    prev: MonitorVerdictKind,
    v: &MonitorVerdict,
) -> Option<MonitorTimelineEntry> {
    use MonitorVerdictKind::{Healthy, Idle};
    if matches!((prev, v.kind), (Healthy, Idle) | (Idle, Healthy)) {
        return None;
    }
    let name = |k: MonitorVerdictKind| {
        serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    Some(entry(
        C::VerdictChanged,
        &v.stream,
        Some(&v.consumer),
        &v.filter_subjects,
        format!("{}: {}", v.consumer, v.reason),
        vec![MonitorFieldChange {
            field: "verdict".to_owned(),
            before: name(prev),
            after: name(v.kind),
        }],
    ))
}

/// What a created / reconfigured / deleted entry names.
struct Item<'a> {
    stream: &'a str,
    consumer: Option<&'a str>,
    subjects: &'a [String],
    label: String,
}

/// One created, reconfigured or deleted entry from a config diff (nothing when an existing
/// item's config is unchanged). `kinds` are the created, reconfigured and deleted kinds.
fn config_change(
    out: &mut Vec<MonitorTimelineEntry>,
    kinds: [C; 3],
    item: &Item,
    diff: Vec<MonitorFieldChange>,
    existed: bool,
    exists: bool,
) {
    let (kind, what) = match (existed, exists) {
        (false, _) => (kinds[0], "created".to_owned()),
        (true, false) => (kinds[2], "deleted".to_owned()),
        _ if diff.is_empty() => return,
        _ => {
            let fields: Vec<&str> = diff.iter().map(|f| f.field.as_str()).collect();
            (kinds[1], format!("reconfigured: {}", fields.join(", ")))
        }
    };
    let summary = format!("{} {what}", item.label);
    out.push(entry(
        kind,
        item.stream,
        item.consumer,
        item.subjects,
        summary,
        diff,
    ));
}

const STREAM: [C; 3] = [C::StreamCreated, C::StreamReconfigured, C::StreamDeleted];
const CONSUMER: [C; 3] = [
    C::ConsumerCreated,
    C::ConsumerReconfigured,
    C::ConsumerDeleted,
];

fn stream_item(s: &NatsStreamView) -> Item<'_> {
    Item {
        stream: &s.name,
        consumer: None,
        subjects: &s.subjects,
        label: format!("stream {}", s.name),
    }
}

fn consumer_item(c: &NatsConsumerView) -> Item<'_> {
    Item {
        stream: &c.stream,
        consumer: Some(&c.name),
        subjects: &c.filter_subjects,
        label: format!("consumer {} on {}", c.name, c.stream),
    }
}

fn key(c: &NatsConsumerView) -> (&str, &str) {
    (c.stream.as_str(), c.name.as_str())
}

/// Everything that changed from `prev` to `next` (both clean polls).
pub fn diff_models(
    prev: &ClusterModel,
    next: &ClusterModel,
    pending_jump: u64,
) -> Vec<MonitorTimelineEntry> {
    let mut out = Vec::new();
    let old: HashMap<&str, &NatsStreamView> =
        prev.streams.iter().map(|s| (s.name.as_str(), s)).collect();
    let new: HashMap<&str, &NatsStreamView> =
        next.streams.iter().map(|s| (s.name.as_str(), s)).collect();
    for s in &next.streams {
        let o = old.get(s.name.as_str()).copied();
        let item = stream_item(s);
        config_change(
            &mut out,
            STREAM,
            &item,
            stream_fields(o, Some(s)),
            o.is_some(),
            true,
        );
        if let Some(o) = o {
            leader(&mut out, o.cluster.as_ref(), s.cluster.as_ref(), &item);
        }
    }
    for s in prev
        .streams
        .iter()
        .filter(|s| !new.contains_key(s.name.as_str()))
    {
        config_change(
            &mut out,
            STREAM,
            &stream_item(s),
            stream_fields(Some(s), None),
            true,
            false,
        );
    }

    let old: HashMap<(&str, &str), &NatsConsumerView> =
        prev.consumers.iter().map(|c| (key(c), c)).collect();
    let new: HashMap<(&str, &str), &NatsConsumerView> =
        next.consumers.iter().map(|c| (key(c), c)).collect();
    for c in &next.consumers {
        let o = old.get(&key(c)).copied();
        let item = consumer_item(c);
        config_change(
            &mut out,
            CONSUMER,
            &item,
            consumer_fields(o, Some(c)),
            o.is_some(),
            true,
        );
        let Some(o) = o else { continue };
        leader(&mut out, o.cluster.as_ref(), c.cluster.as_ref(), &item);
        let jump = c.num_pending.saturating_sub(o.num_pending);
        if pending_jump > 0 && jump >= pending_jump {
            let (before, after) = (o.num_pending.to_string(), c.num_pending.to_string());
            out.push(entry(
                C::PendingJump,
                &c.stream,
                item.consumer,
                &c.filter_subjects,
                format!("pending of {} jumped by {jump} to {after}", c.name),
                vec![change("numPending", Some(before), Some(after))],
            ));
        }
    }
    for c in prev.consumers.iter().filter(|c| !new.contains_key(&key(c))) {
        let d = consumer_fields(Some(c), None);
        config_change(&mut out, CONSUMER, &consumer_item(c), d, true, false);
    }
    out
}

fn leader(
    out: &mut Vec<MonitorTimelineEntry>,
    o: Option<&NatsClusterView>,
    n: Option<&NatsClusterView>,
    item: &Item,
) {
    let before = o.and_then(|c| c.leader.clone());
    let after = n.and_then(|c| c.leader.clone());
    if before != after && (before.is_some() || after.is_some()) {
        let to = after.clone().unwrap_or_else(|| "no leader".to_owned());
        out.push(entry(
            C::LeaderMoved,
            item.stream,
            item.consumer,
            item.subjects,
            format!("leader of {} moved to {to}", item.label),
            vec![change("leader", before, after)],
        ));
    }
}
