use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

/// What is left out of a tree: folders skipped by name anywhere (`.git`, build output)
/// and paths matched by the `.gitignore` files inside the root.
pub(crate) struct Rules {
    root: PathBuf,
    skip: HashSet<OsString>,
    /// Folder (absolute) → the matcher of its `.gitignore`.
    gitignores: HashMap<PathBuf, Gitignore>,
}

impl Rules {
    pub(crate) fn new(root: &Path, skip: &[String]) -> Self {
        Self {
            root: root.to_path_buf(),
            skip: skip.iter().map(OsString::from).collect(),
            gitignores: HashMap::new(),
        }
    }

    /// Forgets every `.gitignore` (a full rescan reloads them as it walks).
    pub(crate) fn clear(&mut self) {
        self.gitignores.clear();
    }

    /// (Re)reads `dir/.gitignore`, if there is one.
    pub(crate) fn load_dir(&mut self, dir: &Path) {
        let file = dir.join(".gitignore");
        if !file.is_file() {
            self.gitignores.remove(dir);
            return;
        }
        let mut builder = GitignoreBuilder::new(dir);
        // A bad line is skipped by the builder; the rest of the file still applies.
        let _ = builder.add(&file);
        match builder.build() {
            Ok(gi) => {
                self.gitignores.insert(dir.to_path_buf(), gi);
            }
            Err(_) => {
                self.gitignores.remove(dir);
            }
        }
    }

    /// True when `abs` itself is left out, its parents being known to be in.
    pub(crate) fn excludes(&self, abs: &Path, is_dir: bool) -> bool {
        if abs.file_name().is_some_and(|n| self.skip.contains(n)) {
            return true;
        }
        // The deepest .gitignore with an opinion wins, as in git.
        for dir in abs.ancestors().skip(1) {
            if let Some(gi) = self.gitignores.get(dir) {
                match gi.matched(abs, is_dir) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
            if dir == self.root {
                break;
            }
        }
        false
    }

    /// True when `abs` or any folder between it and the root is left out.
    pub(crate) fn excludes_path(&self, abs: &Path, is_dir: bool) -> bool {
        if self.excludes(abs, is_dir) {
            return true;
        }
        abs.ancestors()
            .skip(1)
            .take_while(|a| *a != self.root && a.starts_with(&self.root))
            .any(|a| self.excludes(a, true))
    }
}
