//! Deep links: the app's custom scheme (`dev.sluice.app:`), one running instance, and an
//! inbox so a link is handled exactly once even when it arrives before the app is ready.
//!
//! Links come from two places only: the command line at a cold start, and
//! the deep-link plugin's event, which a second launch triggers through the single-instance
//! plugin. Until the page has loaded and the saved provider is restored they wait in a
//! bounded queue, then each is handed to the sign-in session once. A refused link changes
//! nothing: its reason is logged and shown as a notice.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sluice_wire::AuthNoticeLevel;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::auth_state::AuthState;

/// The app's link scheme (its identifier), as in `tauri.conf.json` `plugins.deep-link`.
const SCHEME: &str = "dev.sluice.app";

/// Links held before the app is ready; more are refused with a notice.
const MAX_QUEUED: usize = 32;

#[derive(Default)]
pub struct LinkInbox(Mutex<Inbox>);

#[derive(Default)]
struct Inbox {
    page_loaded: bool,
    restored: bool,
    queue: VecDeque<String>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Inbox {
    fn ready(&self) -> bool {
        self.page_loaded && self.restored
    }
}

/// Adds the single-instance (first, as it must be) and deep-link plugins.
pub fn plugins<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            // The link itself reaches `on_open_url` through the plugin's deep-link feature.
            focus_main(app);
        }))
        .plugin(tauri_plugin_deep_link::init())
}

/// In `setup`: listen for links, take the cold-start link, register the scheme where the
/// OS needs it at run time.
pub fn install(app: &AppHandle) {
    app.manage(LinkInbox::default());
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            deliver(&handle, url.to_string());
        }
    });
    // Cold start: the plugin's `get_current` only takes a lone argument, but launchers add
    // flags (`--automation` under WebDriver), so the link is picked out of argv here.
    for link in startup_links(std::env::args().skip(1)) {
        deliver(app, link);
    }
    register_scheme(app);
}

/// Arguments that are links of the app's scheme (flags and other arguments are not).
fn startup_links(args: impl Iterator<Item = String>) -> Vec<String> {
    args.filter(|a| {
        a.get(..SCHEME.len() + 1)
            .is_some_and(|p| p.eq_ignore_ascii_case(&format!("{SCHEME}:")))
    })
    .collect()
}

/// The page finished loading: the UI can show what links produce.
pub fn page_loaded(app: &AppHandle) {
    mark(app, |i| i.page_loaded = true);
}

/// The saved provider is configured: callbacks can be checked against it.
pub fn restored(app: &AppHandle) {
    mark(app, |i| i.restored = true);
}

fn mark(app: &AppHandle, set: impl FnOnce(&mut Inbox)) {
    let Some(inbox) = app.try_state::<LinkInbox>() else {
        return;
    };
    let queued: Vec<String> = {
        let mut i = lock(&inbox.0);
        let was_ready = i.ready();
        set(&mut i);
        if was_ready || !i.ready() {
            return;
        }
        i.queue.drain(..).collect()
    };
    if queued.is_empty() {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        for link in queued {
            handle(&app, link).await;
        }
    });
}

/// Takes a link from any source: handled now when ready, else queued.
fn deliver(app: &AppHandle, link: String) {
    let Some(inbox) = app.try_state::<LinkInbox>() else {
        return;
    };
    let mut i = lock(&inbox.0);
    if !i.ready() {
        if i.queue.len() < MAX_QUEUED {
            i.queue.push_back(link);
        } else {
            drop(i);
            refuse(
                app,
                "too many links arrived at start-up; this one was dropped",
            );
        }
        return;
    }
    drop(i);
    let app = app.clone();
    tauri::async_runtime::spawn(async move { handle(&app, link).await });
}

async fn handle(app: &AppHandle, link: String) {
    let Some(auth) = app.try_state::<Arc<AuthState>>().map(|s| s.inner().clone()) else {
        return;
    };
    auth.count_link();
    match auth.signin.complete(&link).await {
        Ok(()) => auth.notice(AuthNoticeLevel::Info, "Signed in."),
        // The reason never includes the link's query (it may carry a code).
        Err(e) => refuse(app, &format!("A sign-in link was ignored: {e}")),
    }
    focus_main(app);
}

fn refuse(app: &AppHandle, reason: &str) {
    eprintln!("sluice: {reason}");
    if let Some(auth) = app.try_state::<Arc<AuthState>>() {
        auth.notice(AuthNoticeLevel::Warning, reason);
    }
}

fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// Linux and Windows learn the scheme from the installed `.desktop` entry / installer. A
/// development build or an AppImage registers itself (a `.desktop` file with `%u` in the
/// user's data folder); `SLUICE_NO_SCHEME_REGISTER=1` turns that off.
fn register_scheme(app: &AppHandle) {
    #[cfg(any(windows, target_os = "linux"))]
    {
        let wanted = cfg!(debug_assertions) || std::env::var_os("APPIMAGE").is_some();
        if !wanted || std::env::var_os("SLUICE_NO_SCHEME_REGISTER").is_some() {
            return;
        }
        let app = app.clone();
        // It runs xdg-mime / update-desktop-database: off the main thread.
        std::thread::spawn(move || {
            if let Err(e) = app.deep_link().register_all() {
                eprintln!("sluice: the dev.sluice.app: scheme was not registered: {e}");
            }
        });
    }
    #[cfg(not(any(windows, target_os = "linux")))]
    let _ = app;
}

/// For `Builder::on_page_load`.
pub fn on_page_load(webview: &tauri::Webview, payload: &tauri::webview::PageLoadPayload<'_>) {
    if payload.event() == tauri::webview::PageLoadEvent::Finished {
        page_loaded(webview.app_handle());
    }
}
