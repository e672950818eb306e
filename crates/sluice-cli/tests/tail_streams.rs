//! `sluice tail sse` and `sluice tail ws` against real servers on 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;
use sluice_testkit::http::{SseScript, SseServer};
use sluice_testkit::ws::{WsScript, WsServer};

const PATIENCE: Duration = Duration::from_secs(30);

fn sluice(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sluice"));
    cmd.args(args);
    cmd
}

/// The events (`entries`) of every JSON line, read until `done` says enough or stdout ends.
fn read_entries(child: &mut Child, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut entries = Vec::new();
    while !done(&entries) {
        let Ok(line) = rx.recv_timeout(PATIENCE) else {
            break;
        };
        let frame: Value = serde_json::from_str(&line).expect("each line is a JSON frame");
        entries.extend(
            frame["entries"]
                .as_array()
                .expect("entries")
                .iter()
                .cloned(),
        );
    }
    entries
}

fn kinds<'a>(entries: &'a [Value], kind: &str) -> Vec<&'a Value> {
    entries.iter().filter(|e| e["kind"] == kind).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sse_prints_each_event_once_and_resumes_with_last_event_id() {
    let server = SseServer::start(SseScript {
        total: 5,
        drop_after: Some(3),
        ..SseScript::default()
    })
    .await
    .expect("server");
    let url = server.url();
    let out = tokio::task::spawn_blocking(move || {
        sluice(&["tail", "sse", &url, "--max-retries", "3"])
            .output()
            .expect("run sluice")
    })
    .await
    .expect("join");
    let text = String::from_utf8_lossy(&out.stdout);
    let entries: Vec<Value> = text
        .lines()
        .flat_map(|l| {
            let frame: Value = serde_json::from_str(l).expect("JSON line");
            frame["entries"].as_array().cloned().unwrap_or_default()
        })
        .collect();
    let data: Vec<&str> = kinds(&entries, "message")
        .iter()
        .map(|e| e["message"]["data"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        data,
        ["event 1", "event 2", "event 3", "event 4", "event 5"],
        "every event once, in order, across the dropped connection"
    );
    // After the last event the server answers the resume with 204: the stream is over.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("204"), "clear reason on stderr: {stderr}");
    assert_eq!(
        kinds(&entries, "failed").len(),
        1,
        "the failure is printed too"
    );
    let ids = server.state().last_event_ids;
    assert_eq!(ids.first(), Some(&None));
    assert_eq!(ids.get(1), Some(&Some("3".to_owned())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sse_sends_headers_and_the_bearer_from_the_environment() {
    let server = SseServer::start(SseScript {
        total: 1,
        hold_at_end: true,
        ..SseScript::default()
    })
    .await
    .expect("server");
    let url = server.url();
    tokio::task::spawn_blocking(move || {
        let mut child = sluice(&[
            "tail",
            "sse",
            &url,
            "-H",
            "X-Team: blue",
            "--bearer-env",
            "TOKEN_VAR",
        ])
        .env("TOKEN_VAR", "s3cret")
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
        let entries = read_entries(&mut child, |e| !kinds(e, "message").is_empty());
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(kinds(&entries, "message").len(), 1);
    })
    .await
    .expect("join");
    let req = &server.state().requests[0];
    assert_eq!(req.header("x-team"), Some("blue"));
    assert_eq!(req.header("authorization"), Some("Bearer s3cret"));
}

#[test]
fn sse_fails_clearly_when_nothing_listens() {
    let out = sluice(&[
        "tail",
        "sse",
        "http://127.0.0.1:9/events",
        "--max-retries",
        "0",
    ])
    .output()
    .expect("run sluice");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sluice tail sse:") && stderr.contains("127.0.0.1:9"),
        "{stderr}"
    );
}

#[test]
fn a_missing_bearer_variable_is_refused_before_connecting() {
    let out = sluice(&[
        "tail",
        "sse",
        "http://127.0.0.1:9/",
        "--bearer-env",
        "SLUICE_NO_SUCH_VAR",
    ])
    .env_remove("SLUICE_NO_SUCH_VAR")
    .output()
    .expect("run sluice");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SLUICE_NO_SUCH_VAR"));
}

#[test]
fn a_malformed_header_is_a_usage_error() {
    let out = sluice(&["tail", "ws", "ws://127.0.0.1:9/", "-H", "no-colon"])
        .output()
        .expect("run sluice");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("name:value"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ws_prints_messages_and_sends_what_it_is_given() {
    let server = WsServer::start(WsScript {
        greet: vec!["hello".into()],
        ..WsScript::default()
    })
    .await
    .expect("server");
    let url = server.url();
    let entries = tokio::task::spawn_blocking(move || {
        let mut child = sluice(&["tail", "ws", &url, "--send", "echo me", "-H", "X-Team: red"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn");
        let entries = read_entries(&mut child, |e| kinds(e, "text").len() >= 2);
        let _ = child.kill();
        let _ = child.wait();
        entries
    })
    .await
    .expect("join");
    assert_eq!(kinds(&entries, "open").len(), 1);
    let texts: Vec<&str> = kinds(&entries, "text")
        .iter()
        .map(|e| e["text"].as_str().unwrap_or(""))
        .collect();
    assert!(
        texts.contains(&"hello") && texts.contains(&"echo me"),
        "{texts:?}"
    );
    let state = server.state();
    assert_eq!(state.texts, ["echo me"]);
    let team = state.handshakes[0]
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-team"))
        .map(|(_, v)| v.as_str());
    assert_eq!(team, Some("red"));
}

#[test]
fn ws_fails_clearly_when_nothing_listens() {
    let out = sluice(&[
        "tail",
        "ws",
        "ws://127.0.0.1:9/socket",
        "--max-retries",
        "0",
    ])
    .output()
    .expect("run sluice");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sluice tail ws:"), "{stderr}");
}
