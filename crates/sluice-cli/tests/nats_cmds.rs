//! `sluice tail nats`, `sluice streams` and `sluice consumers` against a real nats-server
//! on 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;
use sluice_nats::{NatsConnection, NatsProfile};
use sluice_testkit::nats::NatsServer;

const PATIENCE: Duration = Duration::from_secs(30);

fn sluice(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sluice"));
    cmd.args(args);
    cmd
}

async fn connect(server: &NatsServer) -> NatsConnection {
    NatsConnection::connect(NatsProfile::new("test", vec![server.url()]))
        .await
        .expect("connect")
}

async fn output(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        sluice(&args).output().expect("run sluice")
    })
    .await
    .expect("join")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tail_nats_prints_published_messages_as_json_lines() {
    let server = NatsServer::start().await.expect("nats-server");
    let mut child = sluice(&["tail", "nats", "demo.>", "--server", &server.url()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn sluice");
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });

    let conn = connect(&server).await;
    let mut seen: Vec<Value> = Vec::new();
    // The tail subscribes after it starts; publish until the first message shows up, then
    // a known batch, and read until the whole batch arrived.
    let deadline = std::time::Instant::now() + PATIENCE;
    let wanted = |seen: &[Value]| {
        (0..3).all(|n| {
            let b64 = base64_of(&format!("hello {n}"));
            seen.iter().any(|e| e["payloadB64"] == b64.as_str())
        })
    };
    let mut round = 0;
    while !wanted(&seen) && std::time::Instant::now() < deadline {
        for n in 0..3 {
            conn.client()
                .publish(format!("demo.{round}"), format!("hello {n}").into())
                .await
                .expect("publish");
        }
        round += 1;
        while let Ok(line) = rx.recv_timeout(Duration::from_millis(300)) {
            let frame: Value = serde_json::from_str(&line).expect("each line is a JSON frame");
            seen.extend(
                frame["entries"]
                    .as_array()
                    .expect("entries")
                    .iter()
                    .cloned(),
            );
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(wanted(&seen), "messages not tailed: {seen:?}");
    let first = seen
        .iter()
        .find(|e| e["kind"] == "message")
        .expect("a message");
    assert!(first["subject"]
        .as_str()
        .expect("subject")
        .starts_with("demo."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_and_consumers_list_what_the_server_has() {
    let server = NatsServer::start().await.expect("nats-server");
    sluice_nats::seed_demo(&connect(&server).await)
        .await
        .expect("seed");
    let out = output(vec!["streams".into(), "--server".into(), server.url()]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let streams: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let names: Vec<&str> = streams
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names.contains(&"ORDERS"), "{names:?}");

    let out = output(vec!["consumers".into(), "--server".into(), server.url()]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let consumers: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(consumers
        .as_array()
        .expect("array")
        .iter()
        .any(|c| c["stream"] == "ORDERS" && c["name"] == "processor"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_is_a_clear_error_and_exit_1() {
    // A port nothing listens on: bind, read the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("nats://127.0.0.1:{port}");
    for args in [
        vec!["streams".to_owned(), "--server".into(), url.clone()],
        vec![
            "tail".to_owned(),
            "nats".into(),
            "x".into(),
            "--server".into(),
            url.clone(),
        ],
    ] {
        let out = output(args).await;
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot reach"), "{err}");
    }
}

/// Standard base64 with padding, as `payloadB64` carries it.
fn base64_of(text: &str) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
