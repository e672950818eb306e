//! `sluice tail <source>`: any subscription's frames as JSON lines on stdout, through the
//! same flow engine the app uses.

mod health;
mod nats;
mod pty;
mod sse;
mod stream;
mod ws;

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum Source {
    /// A live NATS subject (wildcards allowed): JSON lines of `Frame<NatsTailEntry>`, gaps
    /// included when the connection drops and comes back.
    Nats {
        /// The subject, e.g. `orders.>`.
        subject: String,
        #[command(flatten)]
        server: crate::nats_cmds::ServerArgs,
    },
    /// The core's own health samples (uptime, RSS, events handled), once per period.
    Health {
        /// Stop after this many frames (default: run until interrupted).
        #[arg(long)]
        frames: Option<u64>,
        /// Sampling period in milliseconds.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
        period_ms: u64,
    },
    /// A command's terminal output: JSON lines of `Frame<PtyEvent>`, or raw bytes with
    /// `--raw`. Exits with the command's exit code.
    Pty {
        /// Copy the output byte for byte instead of JSON lines.
        #[arg(long)]
        raw: bool,
        /// The program and its arguments, after `--`.
        #[arg(last = true, required = true, num_args = 1..)]
        command: Vec<String>,
    },
    /// A Server-Sent Events stream (reconnects with `Last-Event-ID`): JSON lines of
    /// `Frame<SseEvent>`. Exits 1 with the reason when the stream fails for good.
    Sse {
        #[command(flatten)]
        connect: stream::ConnectArgs,
    },
    /// A WebSocket stream (pings, reconnects): JSON lines of `Frame<WsEvent>`. Exits 1 with
    /// the reason when the stream fails for good.
    Ws {
        #[command(flatten)]
        connect: stream::ConnectArgs,
        /// Offer this subprotocol; repeatable.
        #[arg(long = "protocol", value_name = "NAME")]
        subprotocols: Vec<String>,
        /// Send this text message once connected; repeatable.
        #[arg(long, value_name = "TEXT")]
        send: Vec<String>,
    },
}

pub fn run(source: Source) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("sluice tail: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        match source {
            Source::Nats { subject, server } => nats::tail(server, subject).await,
            Source::Health { frames, period_ms } => health::tail(frames, period_ms).await,
            Source::Pty { raw, command } => pty::tail(command, raw).await,
            Source::Sse { connect } => sse::tail(connect).await,
            Source::Ws {
                connect,
                subprotocols,
                send,
            } => ws::tail(connect, subprotocols, send).await,
        }
    })
}
