//! `sluice`: the headless front end. Every subcommand runs on the same core crates as the
//! desktop app.

mod check;
mod doctor;
mod nats_cmds;
mod tail;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "sluice", version = sluice_health::VERSION, about = "Live NATS, SSE, WebSocket and terminal streams, headless")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check what the app and its tests need on this machine, and say how to fix what is missing.
    Doctor {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a subscription's frames as JSON lines (one frame per line) until interrupted.
    Tail {
        #[command(subcommand)]
        source: tail::Source,
    },
    /// List the JetStream streams of a NATS server as JSON.
    Streams {
        #[command(flatten)]
        server: nats_cmds::ServerArgs,
    },
    /// List the consumers of every JetStream stream of a NATS server as JSON.
    Consumers {
        #[command(flatten)]
        server: nats_cmds::ServerArgs,
    },
    /// Health checks for cron and CI, with `nats server check` exit codes.
    Check {
        #[command(subcommand)]
        what: check::Check,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match cli.command {
        Command::Doctor { json } => doctor::run(json),
        Command::Tail { source } => tail::run(source),
        Command::Streams { server } => nats_cmds::run(nats_cmds::Listing::Streams, server),
        Command::Consumers { server } => nats_cmds::run(nats_cmds::Listing::Consumers, server),
        Command::Check { what } => check::run(what),
    }
}

/// Prints a clap error. clap exits 2 on usage errors, but `check` keeps 2 for CRITICAL, so
/// there a usage error is UNKNOWN (3). `--help` and `--version` still exit 0.
fn usage_error(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    let checking = std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .is_some_and(|a| a == "check");
    match e.exit_code() {
        0 => ExitCode::SUCCESS,
        _ if checking => ExitCode::from(3),
        code => ExitCode::from(u8::try_from(code).unwrap_or(2)),
    }
}
