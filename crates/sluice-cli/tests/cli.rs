//! The real `sluice` binary, run as a user would.

use std::process::Command;

fn sluice() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sluice"))
}

#[test]
fn version_prints_the_crate_version() {
    let out = sluice().arg("--version").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.trim(), format!("sluice {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn doctor_on_a_bare_path_names_what_is_missing_and_fails() {
    let empty = std::env::temp_dir().join("sluice-doctor-empty-path");
    std::fs::create_dir_all(&empty).expect("temp dir");
    let out = sluice()
        .arg("doctor")
        .env("PATH", &empty)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("[MISS] nats-server"), "{text}");
    assert!(
        text.contains("fix: sudo apt-get install -y nats-server"),
        "{text}"
    );
    assert!(text.contains("tauri-driver"), "{text}");
}

#[test]
fn doctor_json_is_machine_readable() {
    let out = sluice().args(["doctor", "--json"]).output().expect("runs");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("doctor --json prints JSON");
    let checks = report.as_array().expect("an array of checks");
    assert!(checks.iter().any(|c| c["name"] == "nats-server"));
    for c in checks {
        assert!(["ok", "warn", "missing"].contains(&c["status"].as_str().unwrap_or("")));
    }
}

#[test]
fn unknown_subcommand_is_a_clear_usage_error() {
    let out = sluice().arg("frobnicate").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unrecognized subcommand"), "{err}");
}

#[test]
fn tail_health_prints_frames_as_json_lines() {
    let out = sluice()
        .args(["tail", "health", "--frames", "3", "--period-ms", "20"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let frames: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON frame"))
        .collect();
    assert!(frames.len() >= 3, "{text}");
    for (i, f) in frames.iter().enumerate() {
        assert_eq!(f["seq"], i as u64 + 1, "frame seq is continuous");
        let sample = &f["entries"][0];
        assert_eq!(sample["version"], env!("CARGO_PKG_VERSION"));
        assert!(sample["rssBytes"].as_u64().unwrap_or(0) > 0);
    }
    let first = frames[0]["entries"][0]["uptimeMs"]
        .as_u64()
        .expect("uptime");
    let last = frames[frames.len() - 1]["entries"][0]["uptimeMs"]
        .as_u64()
        .expect("uptime");
    assert!(last > first, "samples advance: {first} -> {last}");
}

#[test]
fn tail_refuses_a_nonsense_period() {
    let out = sluice()
        .args(["tail", "health", "--period-ms", "0"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("period-ms"));
}

/// Text of every `output` event and the exit status of a `tail pty` JSON run.
fn pty_events(stdout: &[u8]) -> (String, Option<serde_json::Value>) {
    let mut text = String::new();
    let mut exit = None;
    for line in String::from_utf8_lossy(stdout).lines() {
        let frame: serde_json::Value = serde_json::from_str(line).expect("one JSON frame a line");
        for ev in frame["entries"].as_array().expect("entries") {
            match ev["kind"].as_str() {
                Some("output") => text.push_str(ev["data"].as_str().expect("data")),
                Some("exit") => exit = Some(ev["status"].clone()),
                other => panic!("unexpected event kind {other:?}"),
            }
        }
    }
    (text, exit)
}

#[test]
fn tail_pty_raw_copies_output_and_propagates_the_exit_code() {
    let out = sluice()
        .args([
            "tail",
            "pty",
            "--raw",
            "--",
            "sh",
            "-c",
            "printf 'one\\ntwo\\n'; exit 3",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The terminal turns \n into \r\n: these are the raw bytes a terminal shows.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "one\r\ntwo\r\n");
}

#[test]
fn tail_pty_json_keeps_a_character_split_across_reads() {
    let script = "printf '\\342'; sleep 0.05; printf '\\200\\224done'";
    let out = sluice()
        .args(["tail", "pty", "--", "sh", "-c", script])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (text, exit) = pty_events(&out.stdout);
    assert_eq!(text, "—done");
    let exit = exit.expect("the exit is reported");
    assert_eq!(exit["code"], 0);
    assert_eq!(exit["success"], true);
}

#[test]
fn tail_pty_json_reports_a_failing_exit() {
    let out = sluice()
        .args(["tail", "pty", "--", "sh", "-c", "echo bye; exit 7"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(7));
    let (text, exit) = pty_events(&out.stdout);
    assert_eq!(text, "bye\r\n");
    assert_eq!(exit.expect("exit")["code"], 7);
}

#[test]
fn tail_pty_needs_a_command() {
    let out = sluice().args(["tail", "pty"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}
