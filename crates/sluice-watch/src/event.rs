use serde::Serialize;
use sluice_flow::Event;
use sluice_wire::{TreeChange, TreeEntry};

/// What coalesces: changes of one path (a newer one replaces an unsent older one), and
/// scan reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TreeKey {
    Path(String),
    Scan,
}

/// A [`TreeChange`] as a flow event, with its key and JSON size computed once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TreeEvent {
    change: TreeChange,
    #[serde(skip)]
    key: TreeKey,
    #[serde(skip)]
    weight: usize,
}

impl TreeEvent {
    pub fn new(change: TreeChange) -> Self {
        let (key, weight) = match &change {
            // Field names, the kind, and two numbers of at most 20 digits.
            TreeChange::Upsert { entry } => (
                TreeKey::Path(entry.path.clone()),
                120 + json_len(&entry.path),
            ),
            TreeChange::Remove { path } => (TreeKey::Path(path.clone()), 32 + json_len(path)),
            TreeChange::Scanned { warning, .. } => {
                (TreeKey::Scan, 120 + warning.as_deref().map_or(0, json_len))
            }
        };
        Self {
            change,
            key,
            weight,
        }
    }

    pub fn upsert(entry: TreeEntry) -> Self {
        Self::new(TreeChange::Upsert { entry })
    }

    pub fn remove(path: String) -> Self {
        Self::new(TreeChange::Remove { path })
    }

    pub fn change(&self) -> &TreeChange {
        &self.change
    }

    pub fn into_change(self) -> TreeChange {
        self.change
    }
}

impl Event for TreeEvent {
    type Key = TreeKey;

    fn key(&self) -> &TreeKey {
        &self.key
    }

    fn weight(&self) -> usize {
        self.weight
    }
}

/// Bytes `s` takes inside a JSON string.
fn json_len(s: &str) -> usize {
    s.bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use sluice_wire::EntryKind;

    use super::*;

    #[test]
    fn weight_bounds_the_serialized_size() {
        let events = [
            TreeEvent::upsert(TreeEntry {
                path: "a \"b\"/\u{1}—".into(),
                kind: EntryKind::LinkOutside,
                size: u64::MAX,
                modified_ms: u64::MAX,
            }),
            TreeEvent::remove("x\ny".into()),
            TreeEvent::new(TreeChange::Scanned {
                entries: u64::MAX,
                truncated: true,
                scans: u64::MAX,
                warning: Some("no \"watches\" left".into()),
            }),
        ];
        for ev in events {
            let json = serde_json::to_string(&ev).unwrap_or_default();
            assert!(
                json.len() <= ev.weight(),
                "{json}: {} > {}",
                json.len(),
                ev.weight()
            );
        }
    }
}
