//! Reading the file system: one entry, or a folder's subtree. Links are never followed.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use sluice_wire::{EntryKind, TreeEntry};

use crate::rules::Rules;

/// `abs` relative to `root` as a `/`-joined string; `None` outside the root, for the root
/// itself, or with anything but plain names in between.
pub(crate) fn rel_of(root: &Path, abs: &Path) -> Option<String> {
    let rest = abs.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for c in rest.components() {
        match c {
            Component::Normal(name) => parts.push(name.to_string_lossy()),
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

pub(crate) fn entry(root: &Path, abs: &Path, rel: String, meta: &Metadata) -> TreeEntry {
    let ft = meta.file_type();
    let kind = if ft.is_symlink() {
        link_kind(root, abs)
    } else if ft.is_dir() {
        EntryKind::Dir
    } else if ft.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    };
    let modified_ms = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    TreeEntry {
        path: rel,
        kind,
        size: if kind == EntryKind::File {
            meta.len()
        } else {
            0
        },
        modified_ms,
    }
}

/// Where a link leads, judged on its fully resolved target.
fn link_kind(root: &Path, abs: &Path) -> EntryKind {
    match std::fs::canonicalize(abs) {
        // Following a link to one of its own ancestors would walk forever.
        Ok(target) if abs.starts_with(&target) => EntryKind::LinkLoop,
        Ok(target) if target.starts_with(root) => EntryKind::Link,
        Ok(_) => EntryKind::LinkOutside,
        Err(e) if is_loop(&e) => EntryKind::LinkLoop,
        Err(_) => EntryKind::LinkBroken,
    }
}

fn is_loop(e: &std::io::Error) -> bool {
    // ELOOP: too many levels of symbolic links.
    let eloop = if cfg!(target_os = "linux") {
        40
    } else if cfg!(windows) {
        1921
    } else {
        62
    };
    e.raw_os_error() == Some(eloop)
}

/// Lists the subtree under `start` (a folder inside the root, itself excluded), calling
/// `on_dir` for each folder before reading it so a watch on it misses nothing. Returns true
/// when it stopped at `budget` entries.
pub(crate) fn walk(
    root: &Path,
    start: &Path,
    rules: &mut Rules,
    budget: usize,
    out: &mut BTreeMap<String, TreeEntry>,
    on_dir: &mut dyn FnMut(&Path),
) -> bool {
    let mut stack: Vec<PathBuf> = vec![start.to_path_buf()];
    while let Some(dir) = stack.pop() {
        on_dir(&dir);
        rules.load_dir(&dir);
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for item in read.flatten() {
            let abs = item.path();
            let Ok(meta) = std::fs::symlink_metadata(&abs) else {
                continue;
            };
            let is_dir = meta.is_dir();
            if rules.excludes(&abs, is_dir) {
                continue;
            }
            let Some(rel) = rel_of(root, &abs) else {
                continue;
            };
            if out.len() >= budget {
                return true;
            }
            out.insert(rel.clone(), entry(root, &abs, rel, &meta));
            if is_dir {
                stack.push(abs);
            }
        }
    }
    false
}
