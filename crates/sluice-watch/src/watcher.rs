//! The watch thread: owns the debouncer, the tree and the `.gitignore` rules; turns each
//! debounced batch of file system events into tree changes pushed into a flow.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, TrySendError};
use std::sync::Arc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};
use sluice_flow::{FlowConfig, FlowHandle, Policy, Producer, Sink};
use sluice_wire::{SubId, TreeChange, WatchInfo};

use crate::rules::Rules;
use crate::scan::{entry, rel_of, walk};
use crate::tree::Tree;
use crate::{TreeEvent, WatchConfig, WatchError};

/// Debounced batches waiting for the watch thread; past this the batch is dropped and a
/// rescan is due (the same path as an OS event-queue overflow).
const QUEUE: usize = 64;
/// How often the thread checks whether it should stop.
const TICK: Duration = Duration::from_millis(100);

/// A running watch. Dropping it stops the thread (within about 100 ms).
pub struct WorkspaceWatch {
    root: PathBuf,
    /// `None` once the watch was handed to its subscription.
    stop: Option<Arc<AtomicBool>>,
}

impl WorkspaceWatch {
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn info(&self) -> WatchInfo {
        WatchInfo {
            root: self.root.display().to_string(),
        }
    }
}

impl Drop for WorkspaceWatch {
    fn drop(&mut self) {
        if let Some(stop) = &self.stop {
            stop.store(true, Ordering::Release);
        }
    }
}

/// Watches `root` (canonicalized): pushes the full listing, then changes, into `producer`
/// until the returned handle is dropped or the subscription closes.
pub fn watch(
    root: impl AsRef<Path>,
    config: WatchConfig,
    producer: Producer<TreeEvent>,
) -> Result<WorkspaceWatch, WatchError> {
    let given = root.as_ref();
    let root = std::fs::canonicalize(given).map_err(|source| WatchError::Root {
        path: given.to_path_buf(),
        source,
    })?;
    if !root.is_dir() {
        return Err(WatchError::NotADir(root));
    }
    let (tx, rx) = sync_channel(QUEUE);
    let overflow = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&overflow);
    let debouncer = new_debouncer_opt::<_, RecommendedWatcher, RecommendedCache>(
        config.debounce,
        None,
        move |batch: DebounceEventResult| {
            if let Err(TrySendError::Full(_)) = tx.try_send(batch) {
                flag.store(true, Ordering::Release);
            }
        },
        RecommendedCache::new(),
        notify::Config::default().with_follow_symlinks(false),
    )?;
    let stop = Arc::new(AtomicBool::new(false));
    let mut worker = Worker {
        rules: Rules::new(&root, &config.skip),
        root: root.clone(),
        config,
        tree: Tree::default(),
        debouncer,
        watched: HashSet::new(),
        producer,
        scans: 0,
        truncated: false,
        warning: None,
    };
    let should_stop = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("workspace-watch".into())
        .spawn(move || worker.run(&rx, &overflow, &should_stop))
        .map_err(WatchError::Thread)?;
    Ok(WorkspaceWatch {
        root,
        stop: Some(stop),
    })
}

/// Opens a watch as a subscription: the flow keeps the latest change per path (never
/// lossy while the tree is under its entry limit) and the watch ends when the
/// subscription closes. Must be called inside a tokio runtime.
pub fn open_watch<S: Sink<TreeEvent>>(
    sub: SubId,
    root: impl AsRef<Path>,
    config: WatchConfig,
    sink: S,
) -> Result<(WatchInfo, FlowHandle), WatchError> {
    let mut flow = FlowConfig::new(Policy::LatestPerKey);
    flow.max_entries = config.max_entries + 1024;
    let (producer, handle) = sluice_flow::spawn(sub, flow, sink);
    match watch(root, config, producer) {
        Ok(mut w) => {
            // The subscription owns the watch from here on: closing it ends the thread.
            w.stop = None;
            Ok((w.info(), handle))
        }
        Err(err) => {
            handle.close();
            Err(err)
        }
    }
}

struct Worker {
    root: PathBuf,
    config: WatchConfig,
    rules: Rules,
    tree: Tree,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: HashSet<PathBuf>,
    producer: Producer<TreeEvent>,
    scans: u64,
    truncated: bool,
    warning: Option<String>,
}

impl Worker {
    fn run(
        &mut self,
        rx: &Receiver<DebounceEventResult>,
        overflow: &AtomicBool,
        stop: &AtomicBool,
    ) {
        self.full_scan();
        while !stop.load(Ordering::Acquire) && !self.producer.is_closed() {
            let first = match rx.recv_timeout(TICK) {
                Ok(batch) => Some(batch),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut rescan = overflow.swap(false, Ordering::AcqRel);
            let mut paths = BTreeSet::new();
            for batch in first.into_iter().chain(rx.try_iter()) {
                match batch {
                    Ok(events) => {
                        for ev in events {
                            rescan |= ev.need_rescan();
                            paths.extend(ev.event.paths);
                        }
                    }
                    Err(errors) => {
                        for err in errors {
                            if matches!(err.kind, notify::ErrorKind::MaxFilesWatch) {
                                self.warning = Some(err.to_string());
                            } else {
                                rescan = true;
                            }
                        }
                    }
                }
            }
            let rules_changed = paths
                .iter()
                .any(|p| p.file_name().is_some_and(|n| n == ".gitignore"));
            if rescan || rules_changed || paths.len() > self.config.rescan_above {
                self.full_scan();
            } else if !paths.is_empty() {
                self.apply(paths);
            }
        }
    }

    /// Lists the whole tree again and sends only the difference.
    fn full_scan(&mut self) {
        self.scans += 1;
        self.rules.clear();
        // Drop watches of folders gone from their path first: a folder renamed away keeps
        // its OS watch, which re-watching it under the new name must not lose afterwards.
        let gone: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|d| !std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir()))
            .cloned()
            .collect();
        for dir in gone {
            self.unwatch(&dir);
        }
        let mut fresh = BTreeMap::new();
        let mut seen = HashSet::new();
        let Self {
            root,
            rules,
            debouncer,
            watched,
            warning,
            ..
        } = self;
        self.truncated = walk(
            root,
            root,
            rules,
            self.config.max_entries,
            &mut fresh,
            &mut |dir| {
                seen.insert(dir.to_path_buf());
                ensure_watch(debouncer, watched, warning, dir);
            },
        );
        let stale: Vec<PathBuf> = self.watched.difference(&seen).cloned().collect();
        for dir in stale {
            self.unwatch(&dir);
        }
        let mut out = Vec::new();
        self.tree.replace(None, fresh, &mut out);
        out.push(TreeEvent::new(TreeChange::Scanned {
            entries: self.tree.len() as u64,
            truncated: self.truncated,
            scans: self.scans,
            warning: self.warning.clone(),
        }));
        self.send(out);
    }

    /// Re-reads just the paths an update named.
    fn apply(&mut self, paths: BTreeSet<PathBuf>) {
        let mut out = Vec::new();
        // Vanished paths first, for the same reason as in `full_scan`.
        let (gone, present): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| std::fs::symlink_metadata(p).is_err());
        for abs in gone.into_iter().chain(present) {
            if rel_of(&self.root, &abs).is_none() {
                continue;
            }
            // A path under a folder the tree does not know yet (just created, or renamed
            // in): refresh from the topmost unknown folder so its whole subtree is listed.
            let mut target = abs;
            while let Some(parent) = target.parent() {
                match rel_of(&self.root, parent) {
                    Some(rel) if !self.tree.contains(&rel) => target = parent.to_path_buf(),
                    _ => break,
                }
            }
            self.refresh(&target, &mut out);
        }
        self.send(out);
    }

    fn refresh(&mut self, abs: &Path, out: &mut Vec<TreeEvent>) {
        let Some(rel) = rel_of(&self.root, abs) else {
            return;
        };
        // Kept inside the root: a folder on the way swapped for a link no longer resolves
        // to where the tree says it is, so everything below it is gone from the tree.
        let inside = abs
            .parent()
            .is_some_and(|p| std::fs::canonicalize(p).is_ok_and(|c| c == p));
        let meta = std::fs::symlink_metadata(abs).ok().filter(|_| inside);
        let mut fresh = BTreeMap::new();
        if let Some(meta) = meta.filter(|m| !self.rules.excludes_path(abs, m.is_dir())) {
            fresh.insert(rel.clone(), entry(&self.root, abs, rel.clone(), &meta));
            if meta.is_dir() {
                let others = self.tree.len() - self.tree.subtree_len(Some(&rel));
                let budget = self.config.max_entries.saturating_sub(others);
                let Self {
                    root,
                    rules,
                    debouncer,
                    watched,
                    warning,
                    ..
                } = self;
                self.truncated |= walk(root, abs, rules, budget, &mut fresh, &mut |dir| {
                    ensure_watch(debouncer, watched, warning, dir);
                });
            }
        }
        for dir in self.tree.replace(Some(&rel), fresh, out) {
            let abs = self.root.join(dir);
            self.unwatch(&abs);
        }
    }

    fn unwatch(&mut self, dir: &Path) {
        if self.watched.remove(dir) {
            // The OS drops the watch of a deleted folder by itself; this may fail then.
            let _ = self.debouncer.unwatch(dir);
        }
    }

    fn send(&self, out: Vec<TreeEvent>) {
        for ev in out {
            self.producer.push(ev);
        }
    }
}

/// Watches one folder (not recursively, so ignored subtrees cost no OS watches). Watching
/// a path again is deliberate: the OS then watches whatever folder is at the path now.
fn ensure_watch(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: &mut HashSet<PathBuf>,
    warning: &mut Option<String>,
    dir: &Path,
) {
    match debouncer.watch(dir, RecursiveMode::NonRecursive) {
        Ok(()) => {
            watched.insert(dir.to_path_buf());
        }
        Err(err) => *warning = Some(format!("{}: {err}", dir.display())),
    }
}
