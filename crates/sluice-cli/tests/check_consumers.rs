//! `sluice check consumers` against a real nats-server: verdicts, JSON, and the
//! `nats server check` exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).

use std::process::{Command, Output};
use std::time::Duration;

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::stream::Config as StreamConfig;
use futures_util::StreamExt;
use serde_json::Value;
use sluice_nats::{NatsConnection, NatsProfile};
use sluice_testkit::nats::NatsServer;

async fn check(args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_sluice"))
            .args(["check", "consumers"])
            .args(&args)
            .output()
            .expect("run sluice")
    })
    .await
    .expect("join")
}

async fn setup() -> (NatsServer, NatsConnection) {
    let server = NatsServer::start().await.expect("nats-server");
    let conn = NatsConnection::connect(NatsProfile::new("test", vec![server.url()]))
        .await
        .expect("connect");
    conn.jetstream()
        .create_stream(StreamConfig {
            name: "JOBS".into(),
            subjects: vec!["jobs.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
    (server, conn)
}

async fn consumer(
    conn: &NatsConnection,
    name: &str,
) -> async_nats::jetstream::consumer::PullConsumer {
    conn.jetstream()
        .get_stream("JOBS")
        .await
        .expect("stream")
        .create_consumer(PullConfig {
            durable_name: Some(name.into()),
            filter_subject: format!("jobs.{name}"),
            ..Default::default()
        })
        .await
        .expect("consumer")
}

async fn publish(conn: &NatsConnection, subject: &str, n: usize) {
    for _ in 0..n {
        conn.jetstream()
            .publish(subject.to_owned(), "x".into())
            .await
            .expect("publish")
            .await
            .expect("ack");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_consumers_exit_zero_with_a_table() {
    let (server, conn) = setup().await;
    consumer(&conn, "quiet").await;
    let out = check(&["--server", &server.url(), "--window", "0.6"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.starts_with("STATUS"), "{text}");
    assert!(text.contains("JOBS/quiet"), "{text}");
    assert!(text.contains("idle"), "{text}");
    assert!(
        text.contains("OK: 1 consumers, 1 ok (1 idle, 0 paused)"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consumer_without_workers_is_critical_in_json() {
    let (server, conn) = setup().await;
    consumer(&conn, "quiet").await;
    consumer(&conn, "orphan").await;
    publish(&conn, "jobs.orphan", 4).await;
    let out = check(&["--server", &server.url(), "--window", "1", "--json"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["summary"]["severity"], "alert");
    assert_eq!(doc["summary"]["alert"], 1);
    let v = doc["verdicts"]
        .as_array()
        .expect("verdicts")
        .iter()
        .find(|v| v["id"] == "JOBS/orphan")
        .expect("orphan verdict");
    assert_eq!(v["kind"], "noWorkers");
    assert_eq!(v["severity"], "alert");
    assert_eq!(v["numbers"]["numPending"], 4);
    assert_eq!(v["filterSubjects"][0], "jobs.orphan");
    assert!(
        v["reason"].as_str().expect("reason").contains("4 pending"),
        "{v}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consumer_falling_behind_is_a_warning() {
    let (server, conn) = setup().await;
    let slow = consumer(&conn, "slow").await;
    let js = conn.jetstream().clone();
    let publisher = tokio::spawn(async move {
        loop {
            for _ in 0..10 {
                js.publish("jobs.slow", "x".into()).await.expect("publish");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let worker = tokio::spawn(async move {
        loop {
            let mut batch = slow
                .fetch()
                .max_messages(1)
                .expires(Duration::from_millis(500))
                .messages()
                .await
                .expect("fetch");
            while let Some(m) = batch.next().await {
                m.expect("message").ack().await.expect("ack");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let out = check(&["--server", &server.url(), "--window", "2", "--polls", "6"]).await;
    publisher.abort();
    worker.abort();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("fallingBehind"), "{text}");
    assert!(text.contains("WARNING: 1 consumers"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_server_is_unknown() {
    // A port nobody listens on: take one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("nats://127.0.0.1:{port}");
    let out = check(&["--server", &url, "--window", "0.5"]).await;
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("UNKNOWN: cannot connect to"), "{err}");
    assert!(err.contains(&url), "{err}");
    assert!(out.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_documents_exit_codes_and_bad_windows_are_refused() {
    let out = check(&["--help"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for code in ["0  OK", "1  WARNING", "2  CRITICAL", "3  UNKNOWN"] {
        assert!(text.contains(code), "{text}");
    }
    for bad in ["0", "-1", "abc", "NaN", "inf"] {
        let out = check(&[&format!("--window={bad}")]).await;
        // 2 is CRITICAL for `check`: its usage errors are UNKNOWN.
        assert_eq!(out.status.code(), Some(3), "usage error for {bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--window"));
    }
    let out = check(&["--no-such-flag"]).await;
    assert_eq!(out.status.code(), Some(3), "unknown flag");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"));
    // Other commands keep clap's usage exit code.
    let out = Command::new(env!("CARGO_BIN_EXE_sluice"))
        .args(["streams", "--no-such-flag"])
        .output()
        .expect("run sluice");
    assert_eq!(out.status.code(), Some(2), "usage error outside check");
    let out = Command::new(env!("CARGO_BIN_EXE_sluice"))
        .arg("--version")
        .output()
        .expect("run sluice");
    assert_eq!(out.status.code(), Some(0), "--version");
}
