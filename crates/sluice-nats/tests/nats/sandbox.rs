//! The sandbox: a local server with demo content and traffic, including a consumer that
//! falls behind and one that stops acknowledging.

use std::time::Duration;

use sluice_nats::{NatsConnection, Sandbox, SandboxOptions};
use sluice_testkit::nats::server_binary;

use crate::common::eventually;

#[tokio::test]
async fn sandbox_starts_seeds_and_drives_traffic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = Sandbox::start(SandboxOptions {
        binary: server_binary(),
        data_dir: dir.path().to_path_buf(),
    })
    .await
    .expect("sandbox starts");
    let conn = NatsConnection::connect(sandbox.profile())
        .await
        .expect("connect");
    sluice_nats::seed_demo(&conn).await.expect("seed");
    sluice_nats::seed_demo(&conn)
        .await
        .expect("seeding twice is fine");
    let _traffic = sluice_nats::drive_traffic(&conn).await.expect("traffic");

    eventually("demo model with a lagging and a stuck consumer", || async {
        let (m, _) = sluice_nats::poll_once(&conn, 1, true).await;
        let analytics = m.consumer("ORDERS", "analytics");
        let billing = m.consumer("ORDERS", "billing");
        let processor = m.consumer("ORDERS", "processor");
        m.streams.len() == 5
            && m.kv_buckets.len() == 1
            && m.object_stores.len() == 1
            && analytics.is_some_and(|c| c.num_pending > 10)
            && billing.is_some_and(|c| c.num_ack_pending > 0 && c.ack_floor_stream_seq == 0)
            && processor.is_some_and(|c| c.delivered_stream_seq > 0)
    })
    .await;
    let objects = sluice_nats::object_list(&conn, "assets")
        .await
        .expect("objects");
    assert_eq!(objects.len(), 1);
    let readme = sluice_nats::object_read(&conn, "assets", "readme.txt")
        .await
        .expect("the demo object reads");
    assert!(crate::common::decode(&readme.payload_b64).starts_with(b"Welcome"));
    let echo = sluice_nats::request(
        &conn,
        &sluice_wire::NatsPublishRequest {
            subject: "demo.echo".into(),
            payload_b64: "aGk=".into(),
            headers: vec![],
            reply: None,
        },
        Duration::from_secs(5),
    )
    .await
    .expect("the demo echo service answers");
    assert_eq!(echo.payload_b64, "aGk=");
    assert!(echo.headers.iter().any(|h| h.name == "Sluice-Echo"));
    tokio::time::sleep(Duration::from_millis(10)).await;
    sandbox.stop().await;
}
