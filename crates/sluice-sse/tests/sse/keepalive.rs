//! Application keepalives: a server that drops clients which do not answer its pings.

use std::time::Duration;

use sluice_testkit::http::{Ping, SseScript, SseServer};
use sluice_wire::{HttpMethod, KeepaliveRule, SseEvent};

use crate::common::{data_of, expected, opts, start};

fn pinging(total: u64, pong_delay: Duration, deadline: Duration) -> SseScript {
    SseScript {
        total,
        gap: Duration::from_millis(15),
        ping: Some(Ping { every: 5, deadline }),
        pong_delay,
        ..SseScript::default()
    }
}

fn rule(server: &SseServer) -> KeepaliveRule {
    KeepaliveRule {
        event: "ping".into(),
        url: server.pong_url(),
        method: HttpMethod::Post,
        headers: Vec::new(),
        body: Some("{data}".into()),
    }
}

#[tokio::test]
async fn unanswered_pings_get_the_client_dropped_and_resume_loses_nothing() {
    let server = SseServer::start(pinging(30, Duration::ZERO, Duration::from_millis(100)))
        .await
        .unwrap();
    let (_, events) = start(opts(&server.url())).finish().await;
    assert_eq!(data_of(&events), expected(1..=30));
    let state = server.state();
    assert!(
        state.ping_drops >= 1,
        "the server should have dropped a silent client"
    );
    assert!(state.pongs.is_empty());
}

#[tokio::test]
async fn a_keepalive_rule_answers_pings_and_the_connection_survives() {
    let server = SseServer::start(pinging(30, Duration::ZERO, Duration::from_secs(10)))
        .await
        .unwrap();
    let mut o = opts(&server.url());
    o.keepalive = Some(rule(&server));
    let (_, events) = start(o).finish().await;
    assert_eq!(data_of(&events), expected(1..=30));
    let state = server.state();
    assert_eq!(state.ping_drops, 0);
    // Every ping came from the first connection and its token came back.
    assert!(!state.pongs.is_empty());
    assert!(
        state.pongs.iter().all(|t| t.starts_with("c0-")),
        "{:?}",
        state.pongs
    );
    let ok = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                SseEvent::Keepalive {
                    ok: true,
                    status: Some(200),
                    ..
                }
            )
        })
        .count();
    assert!(ok >= 1, "keepalive outcomes are reported");
    // Both the stream and the pong requests reached the server.
    assert_eq!(state.last_event_ids[0], None);
}

#[tokio::test]
async fn a_slow_keepalive_reply_never_holds_events_back() {
    // The pong endpoint takes a minute; every event after the first ping must still arrive
    // while that reply is outstanding.
    let mut script = pinging(20, Duration::from_secs(60), Duration::from_secs(60));
    script.hold_at_end = true;
    let server = SseServer::start(script).await.unwrap();
    let mut o = opts(&server.url());
    o.keepalive = Some(rule(&server));
    let run = start(o);
    assert!(run.wait_until(|ev| data_of(ev).len() == 20).await);
    assert_eq!(run.data(), expected(1..=20));
    let state = server.state();
    assert!(!state.pongs.is_empty(), "the reply went out");
    assert_eq!(state.pongs_answered, 0, "and is still outstanding");
    run.handle.close();
    let result = tokio::time::timeout(crate::common::PATIENCE, run.task)
        .await
        .unwrap()
        .unwrap();
    assert!(result.is_ok());
}
