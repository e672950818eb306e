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
