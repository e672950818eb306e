//! Server-Sent Events tail: the core owns the connection (reconnects, `Last-Event-ID`,
//! idle timeout, size cap); the webview only renders the frames.

use sluice_sse::{SseEntry, SseOptions};
use sluice_wire::{ErrorCode, Frame, IpcError, SseSettings, SubId};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::ChannelSink;
use crate::state::AppState;

/// Streams `settings.url` until `sub_close`. A URL that cannot be parsed is refused here;
/// connection failures arrive as `reconnecting` / `failed` events on the channel.
#[tauri::command]
pub async fn sse_subscribe(
    state: State<'_, AppState>,
    settings: SseSettings,
    on_frame: Channel<Frame<SseEntry>>,
) -> Result<SubId, IpcError> {
    check_url(&settings.url, &["http", "https"])?;
    // `authRef` names a vault secret; there is no vault yet, so no bearer is resolved.
    let opts = SseOptions::from_settings(&settings, None);
    let sub = state.registry.next_id();
    let (producer, handle) =
        sluice_flow::spawn(sub, sluice_sse::flow_config(), ChannelSink::new(on_frame));
    state.registry.insert(handle);
    // The outcome is also pushed to the flow as a `failed` event, which the view shows.
    tauri::async_runtime::spawn(async move {
        let _ = sluice_sse::tail(opts, producer).await;
    });
    Ok(sub)
}

/// Refuses a URL that could never connect, so the view shows why at once instead of a
/// stream of reconnect attempts. `schemes`: the ones this source speaks.
pub(crate) fn check_url(url: &str, schemes: &[&str]) -> Result<(), IpcError> {
    let url = url.trim();
    let invalid = |why: String| Err(IpcError::new(ErrorCode::InvalidInput, why));
    let Some((scheme, rest)) = url.split_once("://") else {
        return invalid(format!(
            "{url:?} is not a URL (expected {}://host/…)",
            schemes[0]
        ));
    };
    if !schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return invalid(format!(
            "{url:?}: the scheme must be {} (not {scheme:?})",
            schemes.join(" or ")
        ));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.contains(char::is_whitespace) {
        return invalid(format!("{url:?} has no valid host"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn urls_that_cannot_connect_are_refused() {
        let http = &["http", "https"];
        assert!(check_url("http://127.0.0.1:8080/events", http).is_ok());
        assert!(check_url("https://example.com", http).is_ok());
        assert!(check_url("example.com/events", http).is_err());
        assert!(check_url("ftp://example.com", http).is_err());
        assert!(check_url("http:///path", http).is_err());
        assert!(check_url("ws://h/x", &["ws", "wss"]).is_ok());
    }
}
