//! Workspace watching: `watch_open` streams a folder's tree (full listing, then changes)
//! over a channel until `sub_close`.

use std::path::PathBuf;

use sluice_watch::{TreeEvent, WatchConfig};
use sluice_wire::{ErrorCode, Frame, IpcError, WatchOpened};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::ChannelSink;
use crate::state::AppState;

/// Watches `root` (empty or `~` means the user's home). The root is canonicalized; every
/// path in the stream is relative to it.
#[tauri::command]
pub async fn watch_open(
    state: State<'_, AppState>,
    root: String,
    on_frame: Channel<Frame<TreeEvent>>,
) -> Result<WatchOpened, IpcError> {
    let root = resolve(root.trim())?;
    let sub = state.registry.next_id();
    let (info, handle) = sluice_watch::open_watch(
        sub,
        root,
        WatchConfig::default(),
        ChannelSink::new(on_frame),
    )?;
    state.registry.insert(handle);
    Ok(WatchOpened { sub, info })
}

fn resolve(root: &str) -> Result<PathBuf, IpcError> {
    let home = || {
        std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from)
            .ok_or_else(|| IpcError::new(ErrorCode::NotFound, "no home folder is set"))
    };
    match root {
        "" | "~" => home(),
        _ => match root.strip_prefix("~/") {
            Some(rest) => Ok(home()?.join(rest)),
            None => Ok(PathBuf::from(root)),
        },
    }
}
