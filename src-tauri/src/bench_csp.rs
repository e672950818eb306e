//! Lets the chat benchmark compare the core's streaming path with the webview's own `fetch`
//! against a local test server. The shipped CSP allows `connect-src` only to the IPC
//! endpoints, so that fetch is blocked; this adds `http://127.0.0.1:*` to the runtime config
//! (Tauri 2 builds the CSP header of every page from it) when `SLUICE_BENCH_CONNECT=1`.
//! Compiled out of release builds, so no shipped app can be relaxed by its environment.

/// Environment variable that turns the relaxation on (value `1`), debug builds only.
#[cfg(debug_assertions)]
pub const ENV: &str = "SLUICE_BENCH_CONNECT";

/// The only origin ever added: the local bench server.
#[cfg(debug_assertions)]
const LOOPBACK: &str = "http://127.0.0.1:*";

#[cfg(debug_assertions)]
pub fn apply<R: tauri::Runtime>(context: &mut tauri::Context<R>) {
    use tauri::utils::config::Csp;
    if std::env::var(ENV).as_deref() != Ok("1") {
        return;
    }
    match &mut context.config_mut().app.security.csp {
        Some(Csp::DirectiveMap(map)) => {
            map.entry("connect-src".into()).or_default().push(LOOPBACK);
        }
        // The app's config uses a directive map; anything else is left strict.
        _ => eprintln!("sluice: {ENV} ignored: the CSP is not a directive map"),
    }
}

#[cfg(not(debug_assertions))]
pub fn apply<R: tauri::Runtime>(_context: &mut tauri::Context<R>) {}
