//! The live cluster model: one poll reads servers, account usage, streams and every
//! consumer (paged, one request per page), and the result is published as latest-state.
//! Views get it as a stream of per-item changes through the flow engine.

mod poll;
mod servers;
mod views;
mod watcher;

use std::collections::HashMap;

use sluice_wire::{
    NatsAccountUsage, NatsConsumerView, NatsKvBucketView, NatsModelEntry, NatsModelKind,
    NatsObjectStoreView, NatsPollSummary, NatsServerView, NatsStreamView,
};

pub use poll::poll_once;
pub use watcher::{ModelOptions, ModelWatcher};

/// Everything one poll saw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClusterModel {
    pub poll: Option<NatsPollSummary>,
    pub servers: Vec<NatsServerView>,
    pub account: Option<NatsAccountUsage>,
    pub streams: Vec<NatsStreamView>,
    pub consumers: Vec<NatsConsumerView>,
    pub kv_buckets: Vec<NatsKvBucketView>,
    pub object_stores: Vec<NatsObjectStoreView>,
}

impl ClusterModel {
    pub fn stream(&self, name: &str) -> Option<&NatsStreamView> {
        self.streams.iter().find(|s| s.name == name)
    }

    pub fn consumer(&self, stream: &str, name: &str) -> Option<&NatsConsumerView> {
        self.consumers
            .iter()
            .find(|c| c.stream == stream && c.name == name)
    }

    /// Every item as a model entry, poll summary last (a view can treat it as "complete").
    pub fn entries(&self) -> Vec<NatsModelEntry> {
        let mut out: Vec<NatsModelEntry> = Vec::new();
        out.extend(self.servers.iter().cloned().map(NatsModelEntry::Server));
        out.extend(self.account.iter().cloned().map(NatsModelEntry::Account));
        out.extend(self.streams.iter().cloned().map(NatsModelEntry::Stream));
        out.extend(self.consumers.iter().cloned().map(NatsModelEntry::Consumer));
        out.extend(
            self.kv_buckets
                .iter()
                .cloned()
                .map(NatsModelEntry::KvBucket),
        );
        out.extend(
            self.object_stores
                .iter()
                .cloned()
                .map(NatsModelEntry::ObjectStore),
        );
        out.extend(self.poll.iter().cloned().map(NatsModelEntry::Poll));
        out
    }

    /// What changed from `prev` to `self`: new or changed items, then removals, then the
    /// poll summary.
    pub fn diff(&self, prev: &ClusterModel) -> Vec<NatsModelEntry> {
        let old: HashMap<(NatsModelKind, String), NatsModelEntry> = prev
            .entries()
            .into_iter()
            .map(|e| (entry_key(&e), e))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for e in self.entries() {
            let key = entry_key(&e);
            if old.get(&key) != Some(&e) {
                out.push(e);
            }
            seen.insert(key);
        }
        for (key, _) in old {
            if !seen.contains(&key) {
                out.push(NatsModelEntry::Removed {
                    of: key.0,
                    key: key.1,
                });
            }
        }
        out
    }
}

/// The coalescing key of an entry: removals share the key of what they remove.
pub fn entry_key(e: &NatsModelEntry) -> (NatsModelKind, String) {
    match e {
        NatsModelEntry::Server(s) => (NatsModelKind::Server, s.id.clone()),
        NatsModelEntry::Account(_) => (NatsModelKind::Account, String::new()),
        NatsModelEntry::Stream(s) => (NatsModelKind::Stream, s.name.clone()),
        NatsModelEntry::Consumer(c) => {
            (NatsModelKind::Consumer, format!("{}/{}", c.stream, c.name))
        }
        NatsModelEntry::KvBucket(b) => (NatsModelKind::KvBucket, b.bucket.clone()),
        NatsModelEntry::ObjectStore(o) => (NatsModelKind::ObjectStore, o.bucket.clone()),
        NatsModelEntry::Poll(_) => (NatsModelKind::Poll, String::new()),
        NatsModelEntry::Removed { of, key } => (*of, key.clone()),
    }
}
