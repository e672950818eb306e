//! `sluice`: the headless front end. Every subcommand runs on the same core crates as the
//! desktop app.

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Doctor { json } => doctor::run(json),
        Command::Tail { source } => tail::run(source),
        Command::Streams { server } => nats_cmds::run(nats_cmds::Listing::Streams, server),
        Command::Consumers { server } => nats_cmds::run(nats_cmds::Listing::Consumers, server),
    }
}
