//! Headers, subprotocols, text and binary both ways.

use sluice_testkit::ws::{WsScript, WsServer};
use sluice_wire::{ErrorCode, WsEvent, WsOutgoing};
use sluice_ws::WsError;

use crate::common::{opts, start, texts};

#[tokio::test]
async fn text_and_binary_flow_both_ways_with_headers_and_subprotocol() {
    let server = WsServer::start(WsScript {
        greet: vec!["welcome".into()],
        accept_protocol: Some("chat.v2".into()),
        ..WsScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.headers = vec![("X-Team".into(), "ops".into())];
    o.subprotocols = vec!["chat.v1".into(), "chat.v2".into()];
    o.bearer = Some("tok-123".into());
    let run = start(o);
    assert!(run.wait_until(|ev| texts(ev) == ["welcome"]).await);
    run.sender
        .send(WsOutgoing::Text {
            text: "hello ✓".into(),
        })
        .unwrap();
    run.sender
        .send(WsOutgoing::Binary {
            base64: "AQID".into(),
        })
        .unwrap();
    let echoed = run
        .wait_until(|ev| {
            ev.iter()
                .any(|e| matches!(e, WsEvent::Binary { base64, len: 3 } if base64 == "AQID"))
        })
        .await;
    assert!(echoed);
    let events = run.close().await;
    assert_eq!(texts(&events), ["welcome", "hello ✓"]);
    assert!(matches!(
        &events[0],
        WsEvent::Open { protocol: Some(p), reconnects: 0, .. } if p == "chat.v2"
    ));
    let sent = events
        .iter()
        .filter(|e| matches!(e, WsEvent::Sent { .. }))
        .count();
    assert_eq!(sent, 2);
    let state = server.state();
    assert_eq!(state.texts, ["hello ✓"]);
    assert_eq!(state.binaries, [vec![1u8, 2, 3]]);
    let hs = &state.handshakes[0];
    let header = |n: &str| {
        hs.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    assert_eq!(header("x-team").as_deref(), Some("ops"));
    assert_eq!(header("authorization").as_deref(), Some("Bearer tok-123"));
    assert_eq!(
        header("sec-websocket-protocol").as_deref(),
        Some("chat.v1, chat.v2")
    );
    assert!(!serde_json::to_string(&events).unwrap().contains("tok-123"));
}

#[tokio::test]
async fn bad_binary_payloads_are_refused_at_the_send() {
    let server = WsServer::start(WsScript::default()).await.unwrap();
    let run = start(opts(&server.url()));
    let err = run
        .sender
        .send(WsOutgoing::Binary {
            base64: "not base64!".into(),
        })
        .unwrap_err();
    assert!(matches!(err, WsError::InvalidBase64(_)));
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    run.close().await;
    assert!(server.state().binaries.is_empty());
}

#[tokio::test]
async fn sends_after_the_stream_ended_fail_clearly() {
    let server = WsServer::start(WsScript::default()).await.unwrap();
    let run = start(opts(&server.url()));
    let sender = run.sender.clone();
    run.close().await;
    let err = sender
        .send(WsOutgoing::Text {
            text: "late".into(),
        })
        .unwrap_err();
    assert!(matches!(err, WsError::StreamClosed), "{err:?}");
}

#[tokio::test]
async fn a_rejected_upgrade_is_a_clear_error() {
    // An HTTP server that is not a WebSocket endpoint.
    let http = sluice_testkit::http::SseServer::start(sluice_testkit::http::SseScript {
        status: 404,
        ..Default::default()
    })
    .await
    .unwrap();
    let url = format!("ws://{}/events", http.addr());
    let (result, _) = start(opts(&url)).finish().await;
    assert!(
        matches!(result, Err(WsError::Rejected { status: 404, .. })),
        "{result:?}"
    );
}
