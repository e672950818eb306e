//! What `tail sse` and `tail ws` share: connection flags, and running a source into a
//! JSON-lines flow until it ends.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use sluice_flow::{FlowConfig, FlowHandle, JsonLinesSink, Producer, Registry};

#[derive(Args, Clone)]
pub struct ConnectArgs {
    /// The stream's URL.
    pub url: String,
    /// A request header `name:value`; repeatable.
    #[arg(short = 'H', long = "header", value_name = "NAME:VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// Read a bearer token from this environment variable (never from the command line,
    /// where other users could see it).
    #[arg(long, value_name = "VAR")]
    pub bearer_env: Option<String>,
    /// Give up after this many failed attempts in a row (default: 10).
    #[arg(long, value_name = "N")]
    pub max_retries: Option<u32>,
}

impl ConnectArgs {
    /// The bearer token, or a message saying why it is missing.
    pub fn bearer(&self) -> Result<Option<String>, String> {
        let Some(var) = &self.bearer_env else {
            return Ok(None);
        };
        match std::env::var(var) {
            Ok(token) if !token.trim().is_empty() => Ok(Some(token.trim().to_owned())),
            _ => Err(format!(
                "--bearer-env {var}: that environment variable is not set"
            )),
        }
    }
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err(format!("{s:?} is not a header (expected name:value)")),
    }
}

/// Runs `source` into a flow printing JSON lines on stdout. Exits 0 when stdout closes,
/// 1 with the error on stderr when the stream fails for good (the `failed` event is still
/// printed first).
pub async fn run<T, E, F, Fut>(what: &str, config: FlowConfig, source: F) -> ExitCode
where
    T: sluice_flow::Event + serde::Serialize + Clone + Sync,
    E: std::fmt::Display,
    F: FnOnce(Producer<T>) -> Fut,
    Fut: std::future::Future<Output = Result<(), E>>,
{
    let registry = Registry::default();
    let (producer, handle) = sluice_flow::spawn(
        registry.next_id(),
        config,
        JsonLinesSink::new(std::io::stdout()),
    );
    let result = source(producer).await;
    drain(&handle).await;
    handle.close();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sluice tail {what}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Waits (briefly) until the last events, the `failed` one included, have been printed.
async fn drain(handle: &FlowHandle) {
    for _ in 0..200 {
        if handle.is_closed() || handle.buffered().entries == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
