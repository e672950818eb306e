//! A 3-node cluster: a killed stream leader and a server in lame-duck mode are survived.

use std::time::Duration;

use async_nats::jetstream::stream::Config as StreamConfig;
use sluice_nats::{browse, NatsConnection, NatsProfile};
use sluice_testkit::nats::NatsCluster;
use sluice_wire::{NatsBrowseRequest, NatsConnStatus};

use crate::common::{eventually, Tail};

async fn publish_retrying(js: &async_nats::jetstream::Context, subject: &str, payload: String) {
    // During a leader election the stream answers nothing for a moment.
    for _ in 0..100 {
        if let Ok(ack) = js.publish(subject.to_owned(), payload.clone().into()).await {
            if ack.await.is_ok() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("could not publish {payload}");
}

#[tokio::test]
async fn killing_the_stream_leader_is_survived() {
    let mut cluster = NatsCluster::start().await.expect("cluster");
    let conn = NatsConnection::connect(NatsProfile::new("cluster", cluster.urls()))
        .await
        .expect("connect");
    let js = conn.jetstream().clone();
    let mut created = None;
    for _ in 0..50 {
        match js
            .create_stream(StreamConfig {
                name: "ORD".into(),
                subjects: vec!["ord.>".into()],
                num_replicas: 3,
                ..Default::default()
            })
            .await
        {
            Ok(s) => {
                created = Some(s);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    created.expect("R3 stream");
    let tail = Tail::start(&conn, "ord.>").await;
    for i in 0..50 {
        publish_retrying(&js, "ord.new", format!("o{i}")).await;
    }
    let (model, _) = sluice_nats::poll_once(&conn, 1, false).await;
    let leader = model
        .stream("ORD")
        .and_then(|s| s.cluster.as_ref())
        .and_then(|c| c.leader.clone())
        .expect("stream leader in the model");
    assert_eq!(model.stream("ORD").map(|s| s.replicas), Some(3));

    let killed = cluster
        .kill_stream_leader("ORD")
        .await
        .expect("kill leader");
    assert_eq!(killed, leader);
    for i in 50..100 {
        publish_retrying(&js, "ord.new", format!("o{i}")).await;
    }
    eventually("a new leader in the model", || async {
        let (m, _) = sluice_nats::poll_once(&conn, 2, false).await;
        m.stream("ORD")
            .and_then(|s| s.cluster.clone())
            .and_then(|c| c.leader)
            .is_some_and(|l| l != killed)
    })
    .await;
    let page = browse(
        &conn,
        &NatsBrowseRequest {
            stream: "ORD".into(),
            start_seq: None,
            start_time_ms: None,
            subject: None,
            limit: 500,
        },
    )
    .await
    .expect("browse");
    let seqs: Vec<u64> = page.messages.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, (1..=100).collect::<Vec<_>>());
    eventually("tail sees messages after the kill", || async {
        tail.messages()
            .iter()
            .any(|m| crate::common::decode(&m.payload_b64) == b"o99")
    })
    .await;
}

#[tokio::test]
async fn lame_duck_moves_the_connection_to_another_server() {
    let cluster = NatsCluster::start().await.expect("cluster");
    let first = &cluster.nodes()[0];
    let conn = NatsConnection::connect(NatsProfile::new("ld", vec![first.url()]))
        .await
        .expect("connect");
    assert_eq!(
        conn.current_state().server_name.as_deref(),
        Some(first.name())
    );
    let tail = Tail::start(&conn, "ld.>").await;
    let other = async_nats::connect(cluster.nodes()[1].url())
        .await
        .expect("publisher");

    first.enter_lame_duck().await.expect("lame duck");
    let mut state = conn.state();
    eventually("moved off the lame-duck server", || {
        let st = state.borrow_and_update().clone();
        async move {
            st.status == NatsConnStatus::Connected
                && st.server_name.as_deref().is_some_and(|n| n != "n1")
        }
    })
    .await;
    eventually("tail delivers after the move", || async {
        let _ = other.publish("ld.x", "hello".into()).await;
        let _ = other.flush().await;
        !tail.messages().is_empty()
    })
    .await;
}

#[tokio::test]
async fn system_account_sees_every_server_and_its_routes() {
    let accounts = "accounts {\n  SYS { users: [ { user: sys, password: sys } ] }\n  \
                    APP { jetstream: enabled, users: [ { user: app, password: app } ] }\n}\n\
                    system_account: SYS\n";
    let cluster = NatsCluster::start_with(sluice_testkit::nats::NatsOptions {
        extra: accounts.into(),
        ..Default::default()
    })
    .await
    .expect("cluster");
    let sys =
        NatsProfile::new("sys", cluster.urls()).with_auth(sluice_nats::NatsAuth::UserPassword {
            user: "sys".into(),
            password: "sys".into(),
        });
    let conn = NatsConnection::connect(sys).await.expect("connect as sys");
    eventually("three servers with routes", || async {
        let (m, sys_ok) = sluice_nats::poll_once(&conn, 1, true).await;
        sys_ok
            && m.servers.len() == 3
            && m.servers
                .iter()
                .all(|s| s.from_system && s.routes.len() == 2)
            && m.servers.iter().filter(|s| s.connected).count() == 1
    })
    .await;
    let app =
        NatsProfile::new("app", cluster.urls()).with_auth(sluice_nats::NatsAuth::UserPassword {
            user: "app".into(),
            password: "app".into(),
        });
    let conn = NatsConnection::connect(app).await.expect("connect as app");
    let (m, sys_ok) = sluice_nats::poll_once(&conn, 1, true).await;
    assert!(!sys_ok);
    assert_eq!(
        m.servers.len(),
        1,
        "without $SYS only the connected server is known"
    );
}
