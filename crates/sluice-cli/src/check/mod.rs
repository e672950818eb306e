//! `sluice check consumers`: watch every consumer over a window and exit like
//! `nats server check` (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), for cron and CI.

mod report;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use futures_util::StreamExt;
use sluice_monitor::{
    parse_advisory, MonitorSettings, MonitorSnapshot, MonitorState, ADVISORY_SUBJECTS,
};
use sluice_nats::NatsConnection;
use sluice_wire::MonitorSeverity;

use crate::nats_cmds::{connect, ServerArgs};

const EXIT_CODES: &str = "Exit codes (as `nats server check`):
  0  OK        every consumer healthy, idle or paused
  1  WARNING   at least one warning (saturated, falling behind, replica lagging), no alert
  2  CRITICAL  at least one alert (no workers, ack stall, redelivery loop, no leader,
               or an io.nats.monitor.* threshold reached)
  3  UNKNOWN   the server could not be reached or JetStream could not be read";

#[derive(Subcommand)]
pub enum Check {
    /// Poll every JetStream consumer a few times over a window and print a verdict for
    /// each, with the reason and the numbers.
    #[command(after_help = EXIT_CODES)]
    Consumers(ConsumersArgs),
}

#[derive(Args)]
pub struct ConsumersArgs {
    #[command(flatten)]
    server: ServerArgs,
    /// Seconds to watch; stuck verdicts need the state to hold this long.
    #[arg(long, default_value = "10", value_parser = parse_window)]
    window: Duration,
    /// Polls over the window (at least 2).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(2..=1000))]
    polls: u32,
    /// Print `{summary, verdicts}` as JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn parse_window(v: &str) -> Result<Duration, String> {
    let secs: f64 = v
        .parse()
        .map_err(|_| format!("{v:?} is not a number of seconds"))?;
    if !secs.is_finite() || secs <= 0.0 || secs > 86_400.0 {
        return Err("the window must be more than 0 and at most 86400 seconds".into());
    }
    Ok(Duration::from_secs_f64(secs))
}

pub fn run(check: Check) -> ExitCode {
    let Check::Consumers(args) = check;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sluice check consumers: cannot start the async runtime: {e}");
            return ExitCode::from(3);
        }
    };
    runtime.block_on(async move {
        let conn = match connect(&args.server).await {
            Ok(c) => c,
            Err(e) => {
                eprintln!(
                    "sluice check consumers: UNKNOWN: cannot connect to {}: {e}",
                    args.server.server
                );
                return ExitCode::from(3);
            }
        };
        let result = watch(&conn, &args).await;
        conn.close().await;
        match result {
            Ok(snap) => {
                let out = if args.json {
                    report::json(&snap)
                } else {
                    report::table(&snap)
                };
                println!("{out}");
                ExitCode::from(match snap.summary.severity {
                    MonitorSeverity::Ok => 0,
                    MonitorSeverity::Warning => 1,
                    MonitorSeverity::Alert => 2,
                })
            }
            Err(why) => {
                eprintln!("sluice check consumers: UNKNOWN: {why}");
                ExitCode::from(3)
            }
        }
    })
}

/// Polls `args.polls` times spread over the window, counting advisories in between.
async fn watch(
    conn: &NatsConnection,
    args: &ConsumersArgs,
) -> Result<Arc<MonitorSnapshot>, String> {
    let mut subs = Vec::new();
    for subject in ADVISORY_SUBJECTS {
        let sub = conn
            .client()
            .subscribe(subject)
            .await
            .map_err(|e| format!("cannot subscribe to advisories: {e}"))?;
        subs.push(sub);
    }
    let mut advisories = futures_util::stream::select_all(subs);
    let mut state = MonitorState::new(MonitorSettings::with_window(args.window));
    let gap = args.window / (args.polls - 1);
    let mut last = None;
    for poll in 1..=u64::from(args.polls) {
        if poll > 1 {
            let sleep = tokio::time::sleep(gap);
            tokio::pin!(sleep);
            loop {
                tokio::select! {
                    () = &mut sleep => break,
                    Some(msg) = advisories.next() => {
                        if let Some(a) = parse_advisory(msg.subject.as_str(), &msg.payload) {
                            state.record_advisory(a);
                        }
                    }
                }
            }
        }
        let (model, _) = sluice_nats::poll_once(conn, poll, false).await;
        if model.account.is_none() {
            let errors = model
                .poll
                .as_ref()
                .map(|p| p.errors.join("; "))
                .unwrap_or_default();
            return Err(format!("cannot read JetStream: {errors}"));
        }
        for err in model.poll.iter().flat_map(|p| &p.errors) {
            eprintln!("sluice check consumers: warning: {err}");
        }
        last = Some(state.observe(&Arc::new(model)).snapshot);
    }
    last.ok_or_else(|| "no poll completed".to_owned())
}
