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
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
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
    let first = frames[0]["entries"][0]["uptimeMs"].as_u64().expect("uptime");
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
