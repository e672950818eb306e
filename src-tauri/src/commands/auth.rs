//! Sign-in: configure the provider, start a sign-in in the system browser, follow the
//! state and notices, sign out. Tokens never cross to the webview.

use std::sync::Arc;
use std::time::Duration;

use sluice_flow::{FlowConfig, Policy};
use sluice_wire::{
    AuthEvent, AuthNoticeLevel, AuthProviderConfig, AuthRedirect, ErrorCode, Frame, IpcError, SubId,
};
use tauri::ipc::Channel;
use tauri::State;

use crate::auth_state::{to_ipc, AuthFrameEvent, AuthState};
use crate::channel_sink::open_flow;
use crate::state::AppState;

/// How long a loopback listener waits for the browser.
const LOOPBACK_WAIT: Duration = Duration::from_secs(600);

#[tauri::command]
pub async fn auth_configure(
    auth: State<'_, Arc<AuthState>>,
    config: AuthProviderConfig,
) -> Result<(), IpcError> {
    auth.configure(config).await
}

/// Opens the provider's authorization page in the system browser (never a webview).
#[tauri::command]
pub async fn auth_sign_in(
    auth: State<'_, Arc<AuthState>>,
    redirect: AuthRedirect,
) -> Result<(), IpcError> {
    match redirect {
        AuthRedirect::CustomScheme => {
            let request = auth.signin.begin().map_err(to_ipc)?;
            open_browser(request.url).await
        }
        AuthRedirect::Loopback => {
            let (request, listener) = auth.signin.begin_loopback().await.map_err(to_ipc)?;
            open_browser(request.url).await?;
            let auth = auth.inner().clone();
            tokio::spawn(async move {
                let result = match listener.accept_callback(LOOPBACK_WAIT).await {
                    Ok(url) => auth.signin.complete(&url).await,
                    Err(e) => Err(e),
                };
                match result {
                    Ok(()) => auth.notice(AuthNoticeLevel::Info, "Signed in."),
                    Err(e) => {
                        eprintln!("sluice: loopback sign-in failed: {e}");
                        auth.notice(AuthNoticeLevel::Warning, format!("Sign-in failed: {e}"));
                    }
                }
            });
            Ok(())
        }
    }
}

/// The sign-in state (latest wins) and every notice, kept ones first.
#[tauri::command]
pub async fn auth_subscribe(
    state: State<'_, AppState>,
    auth: State<'_, Arc<AuthState>>,
    on_frame: Channel<Frame<AuthFrameEvent>>,
) -> Result<SubId, IpcError> {
    let (sub, producer) = open_flow(
        &state.registry,
        FlowConfig::new(Policy::LatestPerKey),
        on_frame,
    );
    let (mut view, kept, mut notices) = auth.watch();
    tokio::spawn(async move {
        producer.push(AuthEvent::Status(view.borrow_and_update().clone()).into());
        for n in kept {
            producer.push(AuthEvent::Notice(n).into());
        }
        loop {
            tokio::select! {
                changed = view.changed() => {
                    if changed.is_err() { break; }
                    producer.push(AuthEvent::Status(view.borrow_and_update().clone()).into());
                }
                notice = notices.recv() => match notice {
                    Ok(n) => producer.push(AuthEvent::Notice(n).into()),
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(_) => break,
                },
                () = producer.closed() => break,
            }
        }
    });
    Ok(sub)
}

/// Forgets the tokens here, then revokes them at the provider when it can.
#[tauri::command]
pub async fn auth_sign_out(auth: State<'_, Arc<AuthState>>) -> Result<(), IpcError> {
    match auth.signin.sign_out().await {
        Ok(()) => {
            auth.notice(AuthNoticeLevel::Info, "Signed out.");
            Ok(())
        }
        Err(
            e @ (sluice_auth::AuthError::Network(_) | sluice_auth::AuthError::TokenRefused { .. }),
        ) => {
            auth.notice(
                AuthNoticeLevel::Warning,
                format!("Signed out here; the provider did not confirm revocation: {e}"),
            );
            Ok(())
        }
        Err(e) => Err(to_ipc(e)),
    }
}

/// The system browser, or `SLUICE_OPEN_URL_CMD <url>` when set (tests capture the URL).
async fn open_browser(url: String) -> Result<(), IpcError> {
    let custom = std::env::var_os("SLUICE_OPEN_URL_CMD");
    tokio::task::spawn_blocking(move || match custom {
        Some(cmd) => std::process::Command::new(cmd)
            .arg(&url)
            .spawn()
            .map(|mut child| {
                // Reaped in the background so no zombie is left.
                std::thread::spawn(move || child.wait());
            }),
        None => open::that_detached(&url),
    })
    .await
    .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?
    .map_err(|e| {
        IpcError::new(
            ErrorCode::Unavailable,
            format!("the browser could not be opened: {e}"),
        )
    })
}
