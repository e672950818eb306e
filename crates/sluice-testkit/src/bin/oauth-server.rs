//! The test authorization server as a process, for end-to-end tests in other languages.
//! Prints one JSON line `{"issuer": "http://127.0.0.1:PORT"}` and serves until stdin closes.
//!
//! Flags: `--client-id ID` (default `sluice-test`), `--lifetime SECONDS` (default 3600).

use std::time::Duration;

use sluice_testkit::oauth::{OAuthConfig, OAuthServer};
use std::io::Read;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut config = OAuthConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--client-id" => config.client_id = value,
            "--lifetime" => {
                config.token_lifetime = Duration::from_secs(value.parse().unwrap_or(3600));
            }
            other => {
                eprintln!("oauth-server: unknown flag {other}");
                std::process::exit(2);
            }
        }
    }
    let server = OAuthServer::start(config).await?;
    println!("{}", serde_json::json!({ "issuer": server.issuer() }));
    // Serve until the parent closes our stdin (or kills us).
    let stdin_closed = tokio::task::spawn_blocking(|| {
        let mut sink = [0u8; 64];
        while matches!(std::io::stdin().read(&mut sink), Ok(n) if n > 0) {}
    });
    let _ = stdin_closed.await;
    drop(server);
    Ok(())
}
