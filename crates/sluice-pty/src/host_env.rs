//! Terminals get the user's environment, not the AppImage's. Inside an AppImage, AppRun
//! points GTK at modules in the mounted image and the runtime describes itself (APPDIR,
//! APPIMAGE...). A shell that inherited that would load the app's libraries, and find paths
//! that vanish when the app quits.

use std::ffi::OsString;

/// What the AppImage runtime sets about itself.
const RUNTIME_VARS: [&str; 4] = ["APPDIR", "APPIMAGE", "ARGV0", "OWD"];

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Change {
    Remove(OsString),
    Set(OsString, OsString),
}

/// The changes that take every mention of `$APPDIR` out of `vars` (the app's environment):
/// list entries inside it are dropped, a variable left empty goes. Nothing when the app
/// was not started from an AppImage (no absolute APPDIR).
pub(crate) fn scrub(vars: impl IntoIterator<Item = (OsString, OsString)>) -> Vec<Change> {
    let vars: Vec<(OsString, OsString)> = vars.into_iter().collect();
    let appdir = vars
        .iter()
        .find(|(k, _)| k == "APPDIR")
        .and_then(|(_, v)| v.to_str())
        .map(|v| v.trim_end_matches('/'))
        .filter(|v| v.starts_with('/') && v.len() > 1);
    let Some(appdir) = appdir else {
        return Vec::new();
    };
    let inside = |entry: &str| {
        entry == appdir
            || entry
                .strip_prefix(appdir)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    let mut changes = Vec::new();
    for (key, value) in &vars {
        if RUNTIME_VARS.iter().any(|v| key == v) {
            changes.push(Change::Remove(key.clone()));
            continue;
        }
        // Values that are not UTF-8 were not written by AppRun.
        let Some(value) = value.to_str() else {
            continue;
        };
        let entries: Vec<&str> = value.split(':').collect();
        let kept: Vec<&str> = entries.iter().copied().filter(|e| !inside(e)).collect();
        if kept.len() == entries.len() {
            continue;
        }
        if kept.iter().all(|e| e.is_empty()) {
            changes.push(Change::Remove(key.clone()));
        } else {
            changes.push(Change::Set(key.clone(), kept.join(":").into()));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(OsString, OsString)> {
        pairs.iter().map(|(k, v)| (k.into(), v.into())).collect()
    }

    #[test]
    fn outside_an_appimage_nothing_changes() {
        let vars = env(&[
            ("XDG_DATA_DIRS", "/tmp/.mount_x/usr/share:/usr/share"),
            ("HOME", "/root"),
        ]);
        assert!(scrub(vars).is_empty());
        assert!(scrub(env(&[("APPDIR", "relative"), ("GTK_PATH", "relative/x")])).is_empty());
        assert!(scrub(env(&[("APPDIR", "/"), ("PATH", "/usr/bin")])).is_empty());
    }

    #[test]
    fn the_bundle_is_taken_out_and_the_users_entries_stay() {
        let mut changes = scrub(env(&[
            ("APPDIR", "/tmp/.mount_SluiceAb12/"),
            ("APPIMAGE", "/home/u/Sluice.AppImage"),
            ("OWD", "/home/u"),
            (
                "GIO_EXTRA_MODULES",
                "/tmp/.mount_SluiceAb12/usr/lib/gio-modules",
            ),
            (
                "XDG_DATA_DIRS",
                "/tmp/.mount_SluiceAb12/usr/share:/usr/local/share:/usr/share",
            ),
            ("PATH", "/usr/bin:/bin"),
            // Only paths inside the mount count, not ones that merely share its prefix.
            ("NOTES", "/tmp/.mount_SluiceAb12-other/x"),
            ("HOME", "/home/u"),
        ]));
        changes.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        assert_eq!(
            changes,
            vec![
                Change::Remove("APPDIR".into()),
                Change::Remove("APPIMAGE".into()),
                Change::Remove("GIO_EXTRA_MODULES".into()),
                Change::Remove("OWD".into()),
                Change::Set("XDG_DATA_DIRS".into(), "/usr/local/share:/usr/share".into()),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn odd_values_are_left_alone() {
        use std::os::unix::ffi::OsStringExt;
        let mut vars = env(&[("APPDIR", "/m"), ("EMPTY", ""), ("LIST", "::")]);
        vars.push(("BYTES".into(), OsString::from_vec(b"/m/\xff".to_vec())));
        assert_eq!(scrub(vars), vec![Change::Remove("APPDIR".into())]);
    }
}
