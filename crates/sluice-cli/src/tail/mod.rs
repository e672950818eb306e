//! `sluice tail <source>`: any subscription's frames as JSON lines on stdout, through the
//! same flow engine the app uses.

mod health;

use std::process::ExitCode;

use clap::Subcommand;

#[derive(Subcommand)]
pub enum Source {
    /// The core's own health samples (uptime, RSS, events handled), once per period.
    Health {
        /// Stop after this many frames (default: run until interrupted).
        #[arg(long)]
        frames: Option<u64>,
        /// Sampling period in milliseconds.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=3_600_000))]
        period_ms: u64,
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
            Source::Health { frames, period_ms } => health::tail(frames, period_ms).await,
        }
    })
}
