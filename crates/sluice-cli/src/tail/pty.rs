use std::process::ExitCode;

use sluice_flow::{JsonLinesSink, Registry};
use sluice_wire::{PtyExitStatus, PtyOpenOptions};

/// Runs `command` on a terminal; its output goes to stdout as raw bytes or as JSON lines of
/// `Frame<PtyEvent>`. Exits with the child's code, so scripts can branch on it.
pub async fn tail(command: Vec<String>, raw: bool) -> ExitCode {
    let opts = PtyOpenOptions {
        command,
        // The caller's folder, as any command run from a shell would get.
        cwd: std::env::current_dir()
            .ok()
            .map(|d| d.display().to_string()),
        ..PtyOpenOptions::default()
    };
    let result = if raw {
        // Blocking copy on its own thread: the bytes never pass through a decoder.
        tokio::task::spawn_blocking(move || sluice_pty::tail_raw(&opts, &mut std::io::stdout()))
            .await
            .unwrap_or_else(|err| Err(sluice_pty::PtyError::Output(std::io::Error::other(err))))
    } else {
        let sub = Registry::default().next_id();
        sluice_pty::tail_events(sub, &opts, JsonLinesSink::new(std::io::stdout())).await
    };
    match result {
        Ok(status) => exit_code(&status),
        Err(err) => {
            eprintln!("sluice tail pty: {err}");
            ExitCode::FAILURE
        }
    }
}

fn exit_code(status: &PtyExitStatus) -> ExitCode {
    // Codes above 255 cannot be an exit code; keep them a failure.
    ExitCode::from(u8::try_from(status.code).unwrap_or(u8::MAX))
}
