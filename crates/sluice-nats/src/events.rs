//! Wire types wrapped for the flow engine. The orphan rule keeps `impl Event for <wire type>`
//! out of this crate, so each is a newtype that serializes exactly as the wire type does and
//! carries its coalescing key and size bound, computed once when built.

use serde::{Serialize, Serializer};
use sluice_flow::Event;
use sluice_wire::{
    NatsConnState, NatsGap, NatsKvEntryView, NatsKvWatchEntry, NatsModelEntry, NatsModelKind,
    NatsTailEntry, NatsTailMessage,
};

use crate::util::{b64, headers_of};

/// One tail entry (message or gap). Tails keep every entry (`Policy::KeepAll`).
///
/// A message is kept as the client delivered it (shared buffers, no copy) and rendered into
/// its wire form only when it is sent: under load most entries are dropped by the ring
/// before that, so the per-message cost on the ingest path stays small. A busy tail's ring
/// holds tens of thousands of entries, so an entry is kept small too (every byte of it is
/// written and read back per message): the rarely set parts of a message are boxed.
#[derive(Debug, Clone)]
pub struct TailEvent(TailInner);

#[derive(Debug, Clone)]
enum TailInner {
    Message(TailMessage),
    Gap { gap: Box<NatsGap>, weight: usize },
}

#[derive(Debug, Clone)]
struct TailMessage {
    subject: async_nats::Subject,
    payload: bytes::Bytes,
    /// Reply subject, headers or status, when the message has any.
    extra: Option<Box<MessageExtra>>,
    index: u64,
    received_at_ms: u64,
    /// Saturates: any weight that large is over every ring's byte bound anyway.
    weight: u32,
}

#[derive(Debug, Clone)]
struct MessageExtra {
    reply: Option<async_nats::Subject>,
    headers: Option<async_nats::HeaderMap>,
    status: Option<async_nats::StatusCode>,
}

impl TailEvent {
    pub(crate) fn message(msg: async_nats::Message, index: u64, received_at_ms: u64) -> Self {
        let payload = msg.payload.len();
        // Header bytes as sent; escaping at most doubles them.
        let headers = msg.length.saturating_sub(payload);
        let weight = 256
            + payload.div_ceil(3) * 4
            + 2 * msg.subject.len()
            + msg.reply.as_ref().map_or(0, |r| 2 * r.len())
            + 2 * headers
            + if headers > 0 { 64 } else { 0 };
        let extra =
            (msg.reply.is_some() || msg.headers.is_some() || msg.status.is_some()).then(|| {
                Box::new(MessageExtra {
                    reply: msg.reply,
                    headers: msg.headers,
                    status: msg.status,
                })
            });
        Self(TailInner::Message(TailMessage {
            subject: msg.subject,
            payload: msg.payload,
            extra,
            index,
            received_at_ms,
            weight: u32::try_from(weight).unwrap_or(u32::MAX),
        }))
    }

    pub fn gap(gap: NatsGap) -> Self {
        let weight = 256 + gap.reason.as_ref().map_or(0, |r| 2 * r.len());
        Self(TailInner::Gap {
            gap: Box::new(gap),
            weight,
        })
    }

    /// The wire form of this entry.
    pub fn entry(&self) -> NatsTailEntry {
        match &self.0 {
            TailInner::Gap { gap, .. } => NatsTailEntry::Gap(NatsGap::clone(gap)),
            TailInner::Message(m) => {
                let extra = m.extra.as_deref();
                NatsTailEntry::Message(NatsTailMessage {
                    subject: m.subject.to_string(),
                    reply: extra.and_then(|e| e.reply.as_ref()).map(|r| r.to_string()),
                    headers: headers_of(extra.and_then(|e| e.headers.as_ref())),
                    status: extra.and_then(|e| e.status).map(|s| s.as_u16()),
                    size: m.payload.len() as u64,
                    payload_b64: b64(&m.payload),
                    index: m.index,
                    received_at_ms: m.received_at_ms,
                })
            }
        }
    }
}

impl Serialize for TailEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entry().serialize(s)
    }
}

impl Event for TailEvent {
    type Key = ();
    fn key(&self) -> &() {
        &()
    }
    fn weight(&self) -> usize {
        match &self.0 {
            TailInner::Message(m) => m.weight as usize,
            TailInner::Gap { weight, .. } => *weight,
        }
    }
}

/// One change of the cluster model, keyed by kind and name (`Policy::LatestPerKey`).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelEvent {
    pub entry: NatsModelEntry,
    key: (NatsModelKind, String),
    weight: usize,
}

impl ModelEvent {
    pub fn new(entry: NatsModelEntry) -> Self {
        let key = crate::model::entry_key(&entry);
        // Serialized once here so frames are cut on the real size (these are small and built
        // once per change per poll, not per push).
        let weight = serde_json::to_vec(&entry).map_or(64 * 1024, |v| v.len());
        Self { entry, key, weight }
    }
}

impl Serialize for ModelEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entry.serialize(s)
    }
}

impl Event for ModelEvent {
    type Key = (NatsModelKind, String);
    fn key(&self) -> &Self::Key {
        &self.key
    }
    fn weight(&self) -> usize {
        self.weight
    }
}

/// Connection state as latest-state (one key per connection).
#[derive(Debug, Clone, PartialEq)]
pub struct ConnStateEvent(pub NatsConnState);

impl Serialize for ConnStateEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Event for ConnStateEvent {
    type Key = String;
    fn key(&self) -> &String {
        &self.0.profile_id
    }
    fn weight(&self) -> usize {
        let s = &self.0;
        let text = |o: &Option<String>| o.as_ref().map_or(0, |t| 2 * t.len());
        256 + 2 * s.profile_id.len()
            + text(&s.server)
            + text(&s.server_name)
            + text(&s.server_version)
            + text(&s.reason)
    }
}

/// A KV watch update, latest value per key (`Policy::LatestPerKey`), or the end of the
/// watch when the bucket is gone (keyed apart from every key, so it is never merged away).
#[derive(Debug, Clone, PartialEq)]
pub struct KvEvent {
    pub item: NatsKvWatchEntry,
    key: String,
    weight: usize,
}

impl KvEvent {
    pub fn new(entry: NatsKvEntryView) -> Self {
        let weight = 256 + entry.value_b64.len() + 2 * (entry.key.len() + entry.bucket.len());
        // Prefixed so no key can equal the gone marker's key.
        let key = format!("k{}", entry.key);
        Self {
            item: NatsKvWatchEntry::Entry(entry),
            key,
            weight,
        }
    }

    pub fn bucket_gone(bucket: &str, reason: String) -> Self {
        let weight = 256 + 2 * (bucket.len() + reason.len());
        Self {
            item: NatsKvWatchEntry::BucketGone {
                bucket: bucket.to_owned(),
                reason,
            },
            key: "\0gone".into(),
            weight,
        }
    }

    /// The entry, unless this is the bucket-gone marker.
    pub fn entry(&self) -> Option<&NatsKvEntryView> {
        match &self.item {
            NatsKvWatchEntry::Entry(e) => Some(e),
            NatsKvWatchEntry::BucketGone { .. } => None,
        }
    }
}

impl Serialize for KvEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.item.serialize(s)
    }
}

impl Event for KvEvent {
    type Key = String;
    fn key(&self) -> &String {
        &self.key
    }
    fn weight(&self) -> usize {
        self.weight
    }
}

/// The list of connection profiles (secrets masked) as one latest-state value.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfilesEvent {
    pub profiles: Vec<sluice_wire::NatsProfileView>,
    weight: usize,
}

impl ProfilesEvent {
    pub fn new(profiles: Vec<sluice_wire::NatsProfileView>) -> Self {
        let weight = serde_json::to_vec(&profiles).map_or(64 * 1024, |v| v.len());
        Self { profiles, weight }
    }
}

impl Serialize for ProfilesEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.profiles.serialize(s)
    }
}

impl Event for ProfilesEvent {
    type Key = ();
    fn key(&self) -> &() {
        &()
    }
    fn weight(&self) -> usize {
        self.weight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(subject: &str) -> async_nats::Message {
        async_nats::Message {
            subject: subject.into(),
            reply: None,
            payload: bytes::Bytes::from_static(b"hi"),
            headers: None,
            status: None,
            description: None,
            length: 2 + subject.len(),
        }
    }

    #[test]
    fn a_message_renders_its_wire_form() {
        for subject in ["a", &"x.".repeat(40), "ünïcödé.sübject"] {
            let NatsTailEntry::Message(m) = TailEvent::message(message(subject), 1, 2).entry()
            else {
                panic!("not a message");
            };
            assert_eq!(m.subject, subject);
            assert_eq!((m.reply, m.headers.len(), m.status), (None, 0, None));
            assert_eq!((m.payload_b64.as_str(), m.size, m.index), ("aGk=", 2, 1));
        }
        // The boxed parts come back too.
        let mut msg = message("req.one");
        msg.reply = Some("_INBOX.x".into());
        msg.headers = Some(crate::util::header_map(&[sluice_wire::NatsHeader {
            name: "K".into(),
            value: "v".into(),
        }]));
        msg.status = Some(async_nats::StatusCode::NO_RESPONDERS);
        let NatsTailEntry::Message(m) = TailEvent::message(msg, 3, 4).entry() else {
            panic!("not a message");
        };
        assert_eq!(m.reply.as_deref(), Some("_INBOX.x"));
        assert_eq!(
            (m.headers[0].name.as_str(), m.headers[0].value.as_str()),
            ("K", "v")
        );
        assert_eq!(m.status, Some(503));
    }

    #[test]
    fn a_tail_entry_stays_small() {
        // Subject and payload handles, one box, two counters and the weight: a busy ring
        // holds tens of thousands of these.
        let size = std::mem::size_of::<TailEvent>();
        assert!(size <= 96, "TailEvent is {size} bytes");
    }
}
