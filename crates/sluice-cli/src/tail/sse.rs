//! `sluice tail sse <url>`: a reconnecting Server-Sent Events stream as JSON lines.

use std::process::ExitCode;

use sluice_sse::SseOptions;

use super::stream::{self, ConnectArgs};

pub async fn tail(args: ConnectArgs) -> ExitCode {
    let bearer = match args.bearer() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("sluice tail sse: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut opts = SseOptions::new(args.url);
    opts.headers = args.headers;
    opts.bearer = bearer;
    if args.max_retries.is_some() {
        opts.retry.max_retries = args.max_retries;
    }
    stream::run("sse", sluice_sse::flow_config(), |producer| {
        sluice_sse::tail(opts, producer)
    })
    .await
}
