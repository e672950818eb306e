//! `sluice streams` and `sluice consumers`: one poll of the cluster model, printed as JSON
//! (an array of `NatsStreamView` / `NatsConsumerView`).

use std::process::ExitCode;

use clap::Args;
use sluice_nats::{NatsConnection, NatsProfile};

#[derive(Args, Clone)]
pub struct ServerArgs {
    /// The server to connect to; comma-separate several.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    pub server: String,
}

/// Connects once: an unreachable server or refused credentials fail here with the reason.
pub async fn connect(args: &ServerArgs) -> Result<NatsConnection, sluice_nats::NatsError> {
    let servers = args
        .server
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    NatsConnection::connect(NatsProfile::new("sluice", servers)).await
}

#[derive(Clone, Copy)]
pub enum Listing {
    Streams,
    Consumers,
}

pub fn run(what: Listing, server: ServerArgs) -> ExitCode {
    let name = match what {
        Listing::Streams => "streams",
        Listing::Consumers => "consumers",
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("sluice {name}: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let conn = match connect(&server).await {
            Ok(c) => c,
            Err(e) => {
                eprintln!("sluice {name}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let (model, _) = sluice_nats::poll_once(&conn, 1, false).await;
        // Parts that could not be read are reported; what was read is still printed.
        for err in model.poll.iter().flat_map(|p| &p.errors) {
            eprintln!("sluice {name}: warning: {err}");
        }
        let json = match what {
            Listing::Streams => serde_json::to_string_pretty(&model.streams),
            Listing::Consumers => serde_json::to_string_pretty(&model.consumers),
        };
        conn.close().await;
        match json {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("sluice {name}: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
