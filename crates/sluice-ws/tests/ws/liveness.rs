//! Silent peers, abrupt closes, reconnects with backoff and the retry limit.

use std::time::Duration;

use sluice_testkit::ws::{WsScript, WsServer};
use sluice_wire::{WsEvent, WsOutgoing};
use sluice_ws::WsError;

use crate::common::{opts, reconnect_reasons, start, texts};

#[tokio::test]
async fn a_silent_peer_is_detected_by_pings_and_the_stream_reconnects() {
    let server = WsServer::start(WsScript {
        greet: vec!["hi".into()],
        silent: true,
        first_only: true,
        ..WsScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.ping_interval = Duration::from_millis(100);
    o.pong_timeout = Duration::from_secs(1);
    let run = start(o);
    assert!(run.wait_until(|ev| texts(ev).len() == 2).await);
    let reasons = reconnect_reasons(&run.events());
    assert!(reasons[0].contains("pong"), "{reasons:?}");
    // The new connection answers pings and carries messages.
    run.sender
        .send(WsOutgoing::Text {
            text: "after".into(),
        })
        .unwrap();
    assert!(
        run.wait_until(|ev| texts(ev).contains(&"after".to_owned()))
            .await
    );
    // Let a few pings go by on the answering peer.
    let deadline = tokio::time::Instant::now() + crate::common::PATIENCE;
    while server.state().pings < 3 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let events = run.close().await;
    assert_eq!(
        reconnect_reasons(&events).len(),
        1,
        "the healthy connection stays up"
    );
    assert!(
        server.state().pings >= 3,
        "the second peer saw app-level pings"
    );
    assert_eq!(server.state().connections, 2);
}

#[tokio::test]
async fn an_abrupt_close_reconnects() {
    let server = WsServer::start(WsScript {
        greet: vec!["one".into()],
        close_abruptly: true,
        first_only: true,
        ..WsScript::default()
    })
    .await
    .unwrap();
    let run = start(opts(&server.url()));
    assert!(run.wait_until(|ev| texts(ev) == ["one", "one"]).await);
    let events = run.close().await;
    let opens: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            WsEvent::Open { reconnects, .. } => Some(*reconnects),
            _ => None,
        })
        .collect();
    assert_eq!(opens, [0, 1]);
    let reasons = reconnect_reasons(&events);
    assert_eq!(reasons.len(), 1);
    assert!(reasons[0].contains("without a close frame"), "{reasons:?}");
}

#[tokio::test]
async fn the_retry_limit_holds_against_a_peer_that_always_drops() {
    let server = WsServer::start(WsScript {
        close_abruptly: true,
        ..WsScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.retry.max_retries = Some(2);
    let (result, events) = start(o).finish().await;
    assert!(
        matches!(result, Err(WsError::RetriesExhausted { attempts: 3, .. })),
        "{result:?}"
    );
    let delays: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            WsEvent::Reconnecting { delay_ms, .. } => Some(*delay_ms),
            _ => None,
        })
        .collect();
    assert_eq!(delays.len(), 2);
    assert!(delays[1] > delays[0], "backoff grows: {delays:?}");
    assert_eq!(server.state().connections, 3);
}
