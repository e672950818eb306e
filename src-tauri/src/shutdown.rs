//! A polite end on SIGTERM, SIGINT and SIGHUP (logout, shutdown, `kill`, Ctrl-C in the
//! launching terminal): the app exits through its normal path, so the window's size and
//! position are saved and terminals' children and the sandbox's nats-server are stopped
//! instead of being orphaned.

use tauri::{AppHandle, Runtime};

pub fn install<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
                signal(SignalKind::hangup()),
            ) else {
                eprintln!("sluice: cannot watch termination signals; a kill ends the app abruptly");
                return;
            };
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
                _ = hup.recv() => {}
            }
            app.exit(0);
        });
    }
    #[cfg(not(unix))]
    let _ = app;
}
