//! `sluice tail nats <subject>`: a live NATS tail (wildcards allowed) as JSON lines of
//! `Frame<NatsTailEntry>`, through the same flow engine and tail code the app uses.

use std::process::ExitCode;

use sluice_flow::{JsonLinesSink, Policy, Registry};

use crate::nats_cmds::{connect, ServerArgs};

pub async fn tail(server: ServerArgs, subject: String) -> ExitCode {
    let conn = match connect(&server).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sluice tail nats: {e}");
            return ExitCode::FAILURE;
        }
    };
    let registry = Registry::default();
    let (producer, handle) = sluice_flow::spawn(
        registry.next_id(),
        sluice_nats::flow_config(Policy::KeepAll),
        JsonLinesSink::new(std::io::stdout()),
    );
    let task = match sluice_nats::start_tail(&conn, &subject, producer).await {
        Ok(t) => t,
        Err(e) => {
            handle.close();
            eprintln!("sluice tail nats: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The flow closes when stdout does; the tail ends when the connection closes for good.
    tokio::select! {
        () = handle.closed() => {}
        _ = task => handle.close(),
    }
    ExitCode::SUCCESS
}
