//! `sluice doctor`: what this machine has and lacks for running and testing Sluice.

mod checks;
mod probe;
mod report;

use std::process::ExitCode;

use checks::all_checks;
use probe::SystemProbe;
use report::Status;

pub fn run(json: bool) -> ExitCode {
    let checks = all_checks(&SystemProbe);
    if json {
        match serde_json::to_string_pretty(&checks) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("sluice doctor: cannot encode the report: {err}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", report::render(&checks));
    }
    if checks.iter().any(|c| c.status == Status::Missing) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
