/// One item a source pushes into a flow.
pub trait Event: Send + 'static {
    /// What coalescing groups by (a KV key, a consumer name, a stream id).
    type Key: Eq + std::hash::Hash + Clone + Send + 'static;

    fn key(&self) -> &Self::Key;

    /// Upper bound of this entry's serialized JSON size in bytes; drives the memory bound
    /// and frame splitting. Called once per push (and once after each merge), so keep it O(1).
    fn weight(&self) -> usize;

    /// Append `next` (same key) onto `self` (append-merge policy). Default: cannot merge.
    fn merge(&mut self, next: Self) -> Result<(), Self>
    where
        Self: Sized,
    {
        Err(next)
    }
}

/// How a flow coalesces pending events of the same key before they are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Policy {
    /// State replication: a newer event replaces the pending one of its key in place.
    LatestPerKey,
    /// Text/byte deltas: an event is appended into the last pending entry of its key, so
    /// order per key is kept.
    AppendMerge,
    /// Event logs: every event is kept until the ring is full.
    KeepAll,
}
