//! Server-Sent Events tail: the core owns the connection (reconnects, `Last-Event-ID`,
//! idle timeout, size cap); the webview only renders the frames.

use sluice_sse::{SseEntry, SseOptions};
use sluice_wire::{ErrorCode, Frame, IpcError, SseSettings, SubId};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::channel_sink::open_flow;
use crate::state::AppState;
use crate::vault_state::VaultState;

/// Streams `settings.url` until `sub_close`. A URL that cannot be parsed is refused here;
/// connection failures arrive as `reconnecting` / `failed` events on the channel.
#[tauri::command]
pub async fn sse_subscribe(
    app: AppHandle,
    state: State<'_, AppState>,
    vault: State<'_, VaultState>,
    settings: SseSettings,
    on_frame: Channel<Frame<SseEntry>>,
) -> Result<SubId, IpcError> {
    check_url(&settings.url, &["http", "https"])?;
    // `authRef` names a vault secret (or the signed-in account), sent as
    // `Authorization: Bearer …`; it never comes back to the webview.
    let bearer = resolve_bearer(&app, &vault, settings.auth_ref.as_deref()).await?;
    let opts = SseOptions::from_settings(&settings, bearer);
    let (sub, producer) = open_flow(&state.registry, sluice_sse::flow_config(), on_frame);
    // The outcome is also pushed to the flow as a `failed` event, which the view shows.
    tauri::async_runtime::spawn(async move {
        let _ = sluice_sse::tail(opts, producer).await;
    });
    Ok(sub)
}

/// The `authRef` that means "the account signed in under Settings → Sign-in".
pub const SIGNED_IN_REF: &str = "oauth";

/// The bearer token an endpoint's `authRef` names: the signed-in account's access token,
/// or a vault secret.
pub(crate) async fn resolve_bearer(
    app: &AppHandle,
    vault: &VaultState,
    auth_ref: Option<&str>,
) -> Result<Option<String>, IpcError> {
    if auth_ref == Some(SIGNED_IN_REF) {
        return crate::auth_state::bearer(app).map(Some).ok_or_else(|| {
            IpcError::new(
                ErrorCode::Unauthorized,
                "not signed in: sign in under Settings → Sign-in, or pick a vault secret",
            )
        });
    }
    vault.bearer(auth_ref).await
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
