//! `sluice tail ws <url>`: a reconnecting WebSocket stream as JSON lines; each line of
//! `--send` text is sent once connected.

use std::process::ExitCode;

use sluice_wire::WsOutgoing;
use sluice_ws::WsOptions;

use super::stream::{self, ConnectArgs};

pub async fn tail(args: ConnectArgs, subprotocols: Vec<String>, send: Vec<String>) -> ExitCode {
    let bearer = match args.bearer() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("sluice tail ws: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut opts = WsOptions::new(args.url);
    opts.headers = args.headers;
    opts.bearer = bearer;
    opts.subprotocols = subprotocols;
    if args.max_retries.is_some() {
        opts.retry.max_retries = args.max_retries;
    }
    let (sender, outbox) = sluice_ws::channel();
    for text in send {
        // Queued before connecting; the stream sends them once the handshake is done.
        if let Err(e) = sender.send(WsOutgoing::Text { text }) {
            eprintln!("sluice tail ws: --send: {e}");
            return ExitCode::FAILURE;
        }
    }
    stream::run("ws", sluice_ws::flow_config(), |producer| async move {
        // Keep the sender alive for the stream's life: dropping it ends the outbox.
        let _sender = sender;
        sluice_ws::tail(opts, producer, outbox).await
    })
    .await
}
