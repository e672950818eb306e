//! The synchronous core of a flow: a bounded ring that coalesces on push and is cut into
//! frames on demand. The async flusher wraps it in a mutex; benches and property tests drive
//! it directly so they measure the engine and nothing else.

use std::collections::{HashMap, VecDeque};

use sluice_wire::{DropReport, FlowStats, Frame, SubId};

use crate::{Event, FlowConfig, Policy};

/// Slots a drained ring keeps allocated; more is released after a burst.
const KEEP_CAPACITY: usize = 1024;

/// One pending entry: an event plus what accounting needs to know about it.
struct Slot<T> {
    ev: T,
    weight: usize,
    /// Event sequences of the first and last event folded into this entry (they differ only
    /// after merges), so a drop report can name them.
    first_seq: u64,
    last_seq: u64,
    /// How many events this entry stands for (1 + merges).
    events: u64,
    generation: u32,
}

/// How full a ring is right now, and how full it ever got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Buffered {
    pub entries: usize,
    /// Events held (an append-merged entry holds several).
    pub events: u64,
    /// Sum of entry weights.
    pub bytes: usize,
    /// Highest `bytes` seen after any push.
    pub peak_bytes: usize,
}

/// Bounded, lossy-at-the-head, coalescing ring of one subscription.
pub struct Ring<T: Event> {
    policy: Policy,
    max_entries: usize,
    max_bytes: usize,
    max_frame_bytes: usize,
    slots: VecDeque<Slot<T>>,
    /// Absolute position of `slots[0]`; positions only grow, so the index survives pops.
    head: u64,
    /// LatestPerKey: key → its pending entry. AppendMerge: key → its last pending entry.
    index: HashMap<T::Key, u64>,
    bytes: usize,
    peak_bytes: usize,
    pending: u64,
    generation: u32,
    stats: FlowStats,
    drops: Option<DropReport>,
}

impl<T: Event> Ring<T> {
    pub fn new(config: &FlowConfig) -> Self {
        Self {
            policy: config.policy,
            max_entries: config.max_entries,
            max_bytes: config.max_bytes,
            max_frame_bytes: config.max_frame_bytes,
            slots: VecDeque::new(),
            head: 0,
            index: HashMap::new(),
            bytes: 0,
            peak_bytes: 0,
            pending: 0,
            generation: 0,
            stats: FlowStats::default(),
            drops: None,
        }
    }

    /// Takes one event in. Returns true when the ring had nothing to send before, which is
    /// when an idle flusher must be woken (and the only time, so a busy producer pays no
    /// wake-up per event).
    pub fn push(&mut self, ev: T) -> bool {
        let was_idle = !self.has_output();
        self.stats.received += 1;
        let seq = self.stats.received;
        let weight = ev.weight();
        if weight > self.max_bytes {
            // Evicting the whole ring for an event that can never fit would lose more for
            // nothing: drop just this one.
            self.record_drop(seq, seq, 1);
            return was_idle;
        }
        let rest = match self.policy {
            Policy::KeepAll => Some(ev),
            Policy::LatestPerKey => self.replace(ev, weight, seq),
            Policy::AppendMerge => self.append(ev, weight, seq),
        };
        if let Some(ev) = rest {
            self.push_slot(ev, weight, seq);
        }
        self.enforce_bounds();
        self.peak_bytes = self.peak_bytes.max(self.bytes);
        was_idle
    }

    /// The source reconnected: later events belong to a new generation and never coalesce
    /// into entries of the old one, so each frame carries a single generation.
    pub fn restart(&mut self) -> u32 {
        self.generation = self.generation.wrapping_add(1);
        self.index.clear();
        self.generation
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// True when a frame would carry something: entries or a drop report.
    pub fn has_output(&self) -> bool {
        !self.slots.is_empty() || self.drops.is_some()
    }

    pub fn stats(&self) -> FlowStats {
        self.stats
    }

    pub fn buffered(&self) -> Buffered {
        Buffered {
            entries: self.slots.len(),
            events: self.pending,
            bytes: self.bytes,
            peak_bytes: self.peak_bytes,
        }
    }

    /// Cuts the next frame off the head: entries of one generation whose weights (plus one
    /// separator byte each) fit `max_frame_bytes`, at least one entry, and the drop report
    /// gathered since the previous frame. `None` when there is nothing to say.
    pub fn take_frame(&mut self, sub: SubId) -> Option<Frame<T>> {
        if !self.has_output() {
            return None;
        }
        let generation = self.slots.front().map_or(self.generation, |s| s.generation);
        let mut entries = Vec::new();
        let mut used = 0usize;
        while let Some(front) = self.slots.front() {
            let cost = front.weight.saturating_add(1);
            let full = !entries.is_empty() && used.saturating_add(cost) > self.max_frame_bytes;
            if front.generation != generation || full {
                break;
            }
            let Some(slot) = self.pop_front() else { break };
            used = used.saturating_add(cost);
            self.stats.delivered += 1;
            self.stats.merged += slot.events - 1;
            entries.push(slot.ev);
        }
        if self.slots.is_empty() && self.slots.capacity() > KEEP_CAPACITY {
            // A burst grew the ring; give the memory back once it has drained, so many idle
            // subscriptions do not each sit on their peak.
            self.slots.shrink_to(KEEP_CAPACITY);
        }
        self.stats.frames += 1;
        Some(Frame {
            sub,
            generation,
            seq: self.stats.frames,
            entries,
            dropped: self.drops.take(),
            stats: self.stats,
        })
    }

    /// Drops everything pending (the subscription is gone), counted as dropped so the
    /// totals still add up.
    pub fn discard_all(&mut self) {
        while let Some(slot) = self.pop_front() {
            self.record_drop(slot.first_seq, slot.last_seq, slot.events);
        }
        self.slots.shrink_to_fit();
        self.index.shrink_to_fit();
    }

    /// LatestPerKey: overwrite the key's pending entry in place (its position, and so the
    /// order relative to other keys, is kept). Returns the event if the key has none.
    fn replace(&mut self, ev: T, weight: usize, seq: u64) -> Option<T> {
        let Some(&at) = self.index.get(ev.key()) else {
            return Some(ev);
        };
        let Some(slot) = usize::try_from(at - self.head)
            .ok()
            .and_then(|i| self.slots.get_mut(i))
        else {
            return Some(ev);
        };
        self.bytes = self.bytes - slot.weight + weight;
        self.stats.superseded += slot.events;
        self.pending = self.pending - slot.events + 1;
        slot.ev = ev;
        slot.weight = weight;
        slot.first_seq = seq;
        slot.last_seq = seq;
        slot.events = 1;
        None
    }

    /// AppendMerge: fold into the key's last pending entry while that entry stays within one
    /// frame, so a merged entry can neither outgrow a frame nor hoard the byte budget.
    fn append(&mut self, ev: T, weight: usize, seq: u64) -> Option<T> {
        let Some(&at) = self.index.get(ev.key()) else {
            return Some(ev);
        };
        let Some(slot) = usize::try_from(at - self.head)
            .ok()
            .and_then(|i| self.slots.get_mut(i))
        else {
            return Some(ev);
        };
        if slot.weight.saturating_add(weight) > self.max_frame_bytes {
            return Some(ev);
        }
        match slot.ev.merge(ev) {
            Ok(()) => {
                let merged = slot.ev.weight();
                self.bytes = self.bytes - slot.weight + merged;
                slot.weight = merged;
                slot.last_seq = seq;
                slot.events += 1;
                self.pending += 1;
                None
            }
            Err(ev) => Some(ev),
        }
    }

    fn push_slot(&mut self, ev: T, weight: usize, seq: u64) {
        let at = self.head + self.slots.len() as u64;
        if self.policy != Policy::KeepAll {
            // Clone the key only for a key not pending yet.
            match self.index.get_mut(ev.key()) {
                Some(slot_at) => *slot_at = at,
                None => {
                    self.index.insert(ev.key().clone(), at);
                }
            }
        }
        self.bytes += weight;
        self.pending += 1;
        self.slots.push_back(Slot {
            ev,
            weight,
            first_seq: seq,
            last_seq: seq,
            events: 1,
            generation: self.generation,
        });
    }

    fn pop_front(&mut self) -> Option<Slot<T>> {
        let slot = self.slots.pop_front()?;
        let at = self.head;
        self.head += 1;
        self.bytes -= slot.weight;
        self.pending -= slot.events;
        if self.policy != Policy::KeepAll {
            if let Some((key, indexed)) = self.index.remove_entry(slot.ev.key()) {
                if indexed != at {
                    // A later entry of this key (after a refused merge or a restart) stays.
                    self.index.insert(key, indexed);
                }
            }
        }
        Some(slot)
    }

    fn enforce_bounds(&mut self) {
        while self.slots.len() > self.max_entries || self.bytes > self.max_bytes {
            let Some(slot) = self.pop_front() else { break };
            self.record_drop(slot.first_seq, slot.last_seq, slot.events);
        }
    }

    fn record_drop(&mut self, first_seq: u64, last_seq: u64, count: u64) {
        self.stats.dropped += count;
        let report = self.drops.get_or_insert(DropReport {
            count: 0,
            first_seq,
            last_seq,
        });
        report.count += count;
        report.first_seq = report.first_seq.min(first_seq);
        report.last_seq = report.last_seq.max(last_seq);
    }
}
