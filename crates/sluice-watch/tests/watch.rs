//! Real files in temp dirs, real OS notifications. Time bounds are failure limits only.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use sluice_flow::{CollectingSink, FlowHandle};
use sluice_watch::{open_watch, TreeEvent, WatchConfig};
use sluice_wire::{EntryKind, ErrorCode, IpcError, SubId, TreeChange, TreeEntry};

const LIMIT: Duration = Duration::from_secs(30);

/// The receiver's view: frames applied to a map, as the UI does.
struct View {
    sink: CollectingSink<TreeEvent>,
    _handle: FlowHandle,
    tree: BTreeMap<String, TreeEntry>,
    scans: u64,
}

impl View {
    fn open(root: &Path) -> Self {
        Self::open_with(root, WatchConfig::default())
    }

    fn open_with(root: &Path, config: WatchConfig) -> Self {
        let sink = CollectingSink::new();
        let (info, handle) = open_watch(SubId(1), root, config, sink.clone()).expect("watch");
        assert_eq!(
            Path::new(&info.root),
            root.canonicalize().expect("canonical")
        );
        Self {
            sink,
            _handle: handle,
            tree: BTreeMap::new(),
            scans: 0,
        }
    }

    fn pump(&mut self) {
        for frame in self.sink.take_frames() {
            assert!(frame.dropped.is_none(), "a tree change was dropped");
            for ev in frame.entries {
                match ev.into_change() {
                    TreeChange::Upsert { entry } => {
                        self.tree.insert(entry.path.clone(), entry);
                    }
                    TreeChange::Remove { path } => {
                        self.tree.remove(&path);
                    }
                    TreeChange::Scanned { scans, .. } => self.scans = scans,
                }
            }
        }
    }

    async fn until(&mut self, what: &str, pred: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + LIMIT;
        loop {
            self.pump();
            if pred(self) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: not within {LIMIT:?}; tree: {:?}",
                self.paths()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        self.tree.get(path).map(|e| e.kind)
    }

    fn paths(&self) -> Vec<&str> {
        self.tree.keys().map(String::as_str).collect()
    }
}

fn write(root: &Path, rel: &str, body: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(path, body).expect("write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_listing_honours_gitignore_and_skips_vcs_and_build_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for (rel, body) in [
        (".gitignore", "*.log\nsecret/\n!keep.log\n"),
        ("a.txt", "a"),
        ("src/main.rs", "fn main() {}"),
        ("debug.log", "x"),
        ("keep.log", "x"),
        ("secret/key", "x"),
        (".git/HEAD", "ref"),
        ("target/debug/out", "x"),
        ("node_modules/m/index.js", "x"),
        ("sub/.gitignore", "local.txt\n"),
        ("sub/local.txt", "x"),
        ("sub/keep.txt", "x"),
    ] {
        write(root, rel, body);
    }
    let mut view = View::open(root);
    view.until("first scan", |v| v.scans == 1).await;
    assert_eq!(
        view.paths(),
        [
            ".gitignore",
            "a.txt",
            "keep.log",
            "src",
            "src/main.rs",
            "sub",
            "sub/.gitignore",
            "sub/keep.txt"
        ]
    );
    assert_eq!(view.tree["a.txt"].size, 1);
    assert_eq!(view.kind("src"), Some(EntryKind::Dir));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_modify_rename_delete_and_ignored_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, ".gitignore", "*.log\n");
    let mut view = View::open(root);
    view.until("first scan", |v| v.scans == 1).await;

    write(root, "b.txt", "1");
    view.until("create", |v| {
        v.tree.get("b.txt").is_some_and(|e| e.size == 1)
    })
    .await;
    write(root, "b.txt", "12345");
    view.until("modify", |v| {
        v.tree.get("b.txt").is_some_and(|e| e.size == 5)
    })
    .await;
    fs::rename(root.join("b.txt"), root.join("c.txt")).expect("rename");
    view.until("rename", |v| {
        !v.tree.contains_key("b.txt") && v.tree.contains_key("c.txt")
    })
    .await;

    write(root, "d/e/f.txt", "f");
    view.until("new folder with content", |v| {
        v.tree.contains_key("d/e/f.txt")
    })
    .await;
    fs::rename(root.join("d"), root.join("moved")).expect("rename dir");
    view.until("renamed folder", |v| {
        v.tree.contains_key("moved/e/f.txt") && !v.paths().iter().any(|p| p.starts_with("d"))
    })
    .await;
    write(root, "moved/e/g.txt", "g");
    view.until("a renamed folder is watched", |v| {
        v.tree.contains_key("moved/e/g.txt")
    })
    .await;
    // A new name sorting before the old one: the OS watch must follow the folder.
    fs::rename(root.join("moved"), root.join("aa")).expect("rename dir back");
    view.until("renamed again", |v| v.tree.contains_key("aa/e/g.txt"))
        .await;
    write(root, "aa/e/h.txt", "h");
    view.until("still watched", |v| v.tree.contains_key("aa/e/h.txt"))
        .await;
    fs::remove_dir_all(root.join("aa")).expect("rm");
    view.until("delete", |v| {
        !v.paths()
            .iter()
            .any(|p| p.starts_with("aa") || p.starts_with("moved"))
    })
    .await;

    // Ignored files never show; a marker written after them proves the update went by.
    write(root, "noise.log", "x");
    write(root, "deep/er/noise.log", "x");
    write(root, "marker", "m");
    view.until("marker", |v| v.tree.contains_key("marker"))
        .await;
    assert!(!view.tree.contains_key("noise.log"));
    assert!(!view.tree.contains_key("deep/er/noise.log"));

    // Editing .gitignore re-applies the rules to the whole tree.
    write(root, ".gitignore", "marker\n");
    view.until("rules changed", |v| {
        v.tree.contains_key("noise.log") && !v.tree.contains_key("marker")
    })
    .await;
    assert_eq!(
        view.paths(),
        [
            ".gitignore",
            "c.txt",
            "deep",
            "deep/er",
            "deep/er/noise.log",
            "noise.log"
        ]
    );
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_are_listed_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("outside");
    write(outside.path(), "private.txt", "secret");
    let root = dir.path();
    write(root, "sub/file.txt", "x");
    symlink("..", root.join("sub/up")).expect("loop to parent");
    symlink("me", root.join("me")).expect("self loop");
    symlink(outside.path(), root.join("out")).expect("outside");
    symlink("sub/file.txt", root.join("inner")).expect("inner");
    symlink("nowhere", root.join("broken")).expect("broken");
    let mut view = View::open(root);
    view.until("first scan", |v| v.scans == 1).await;
    assert_eq!(view.kind("sub/up"), Some(EntryKind::LinkLoop));
    assert_eq!(view.kind("me"), Some(EntryKind::LinkLoop));
    assert_eq!(view.kind("out"), Some(EntryKind::LinkOutside));
    assert_eq!(view.kind("inner"), Some(EntryKind::Link));
    assert_eq!(view.kind("broken"), Some(EntryKind::LinkBroken));
    assert!(!view
        .paths()
        .iter()
        .any(|p| p.contains("private") || p.starts_with("sub/up/")));

    // Live: a watched folder swapped for a link leading outside loses its subtree.
    write(root, "real/a.txt", "a");
    view.until("real folder", |v| v.tree.contains_key("real/a.txt"))
        .await;
    fs::remove_dir_all(root.join("real")).expect("rm");
    symlink(outside.path(), root.join("real")).expect("swap");
    view.until("swapped", |v| {
        v.kind("real") == Some(EntryKind::LinkOutside)
    })
    .await;
    assert!(!view.paths().iter().any(|p| p.starts_with("real/")));
    symlink("../sub", root.join("sub/again")).expect("live loop");
    view.until("live loop", |v| {
        v.kind("sub/again") == Some(EntryKind::LinkLoop)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_ten_thousand_files_ends_in_the_right_tree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    // A low overflow threshold so the flood takes the rescan path however the debouncer
    // slices it (its batches follow write speed); the default (1,000 paths) is a tuning value.
    let config = WatchConfig {
        rescan_above: 10,
        ..WatchConfig::default()
    };
    let mut view = View::open_with(root, config);
    view.until("first scan", |v| v.scans == 1).await;
    fs::create_dir(root.join("flood")).expect("mkdir");
    // Wait until the folder is listed (and so watched): files written before that are
    // picked up by listing the new folder, not by events, and the flood would be no flood.
    view.until("flood folder", |v| v.tree.contains_key("flood"))
        .await;
    for i in 0..10_000 {
        fs::write(root.join(format!("flood/f{i:05}")), i.to_string()).expect("write");
    }
    view.until("all files", |v| v.tree.len() == 10_001).await;
    assert!(
        view.scans >= 2,
        "the flood was applied path by path, not rescanned"
    );
    for i in (0..10_000).step_by(2) {
        fs::remove_file(root.join(format!("flood/f{i:05}"))).expect("rm");
    }
    let mut expected: Vec<String> = (1..10_000)
        .step_by(2)
        .map(|i| format!("flood/f{i:05}"))
        .collect();
    expected.insert(0, "flood".into());
    view.until("half removed", |v| v.tree.len() == 5_001).await;
    assert_eq!(view.tree.keys().cloned().collect::<Vec<_>>(), expected);
    assert_eq!(view.tree["flood/f09999"].size, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_root_is_a_clear_error() {
    let err: IpcError = open_watch(
        SubId(1),
        "/no/such/folder",
        WatchConfig::default(),
        CollectingSink::new(),
    )
    .expect_err("missing")
    .into();
    assert_eq!(err.code, ErrorCode::NotFound);
    let file = tempfile::NamedTempFile::new().expect("file");
    let err: IpcError = open_watch(
        SubId(2),
        file.path(),
        WatchConfig::default(),
        CollectingSink::new(),
    )
    .expect_err("not a folder")
    .into();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}
