use std::collections::BTreeMap;

use sluice_wire::{EntryKind, TreeEntry};

use crate::TreeEvent;

/// The tree as last reported, keyed by relative path, so a fresh listing of any subtree
/// turns into exactly the changes the receiver has not seen.
#[derive(Default)]
pub(crate) struct Tree {
    entries: BTreeMap<String, TreeEntry>,
}

impl Tree {
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.entries.contains_key(rel)
    }

    /// Entries at `rel` and below it; the whole tree for `None`.
    fn subtree_keys(&self, rel: Option<&str>) -> Vec<String> {
        match rel {
            None => self.entries.keys().cloned().collect(),
            Some(rel) => {
                let prefix = format!("{rel}/");
                let mut keys: Vec<String> = self
                    .entries
                    .range(prefix.clone()..)
                    .map(|(k, _)| k)
                    .take_while(|k| k.starts_with(&prefix))
                    .cloned()
                    .collect();
                if self.entries.contains_key(rel) {
                    keys.push(rel.to_owned());
                }
                keys
            }
        }
    }

    pub(crate) fn subtree_len(&self, rel: Option<&str>) -> usize {
        self.subtree_keys(rel).len()
    }

    /// Replaces the subtree at `rel` (the whole tree for `None`) with `fresh`, appending the
    /// changes to `out`: removals deepest first, then new or changed entries parents first.
    /// Returns the folders that disappeared.
    pub(crate) fn replace(
        &mut self,
        rel: Option<&str>,
        mut fresh: BTreeMap<String, TreeEntry>,
        out: &mut Vec<TreeEvent>,
    ) -> Vec<String> {
        let mut gone_dirs = Vec::new();
        let mut old = self.subtree_keys(rel);
        old.sort_unstable_by(|a, b| b.cmp(a));
        for key in old {
            if fresh.contains_key(&key) {
                continue;
            }
            if let Some(entry) = self.entries.remove(&key) {
                if entry.kind == EntryKind::Dir {
                    gone_dirs.push(key.clone());
                }
                out.push(TreeEvent::remove(key));
            }
        }
        for (key, entry) in std::mem::take(&mut fresh) {
            match self.entries.get(&key) {
                Some(known) if *known == entry => {}
                Some(known) => {
                    if known.kind == EntryKind::Dir && entry.kind != EntryKind::Dir {
                        gone_dirs.push(key.clone());
                    }
                    out.push(TreeEvent::upsert(entry.clone()));
                    self.entries.insert(key, entry);
                }
                None => {
                    out.push(TreeEvent::upsert(entry.clone()));
                    self.entries.insert(key, entry);
                }
            }
        }
        gone_dirs
    }
}
