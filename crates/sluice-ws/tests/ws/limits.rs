//! Message and frame size limits under tungstenite's defaults.

use sluice_testkit::ws::{WsScript, WsServer};
use sluice_wire::{ErrorCode, WsEvent};
use sluice_ws::{WsError, DEFAULT_MAX_FRAME_BYTES};

use crate::common::{opts, start, texts};

#[tokio::test]
async fn an_oversized_frame_is_refused_with_a_clear_error() {
    let server = WsServer::start(WsScript {
        greet: vec!["small".into()],
        oversized: Some(2 * 1024 * 1024),
        ..WsScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    let err = result.unwrap_err();
    assert!(
        matches!(err, WsError::TooLarge { limit, .. } if limit == DEFAULT_MAX_FRAME_BYTES),
        "{err:?}"
    );
    assert!(err.to_string().contains("limit"), "{err}");
    assert_eq!(texts(&events), ["small"], "what came before is kept");
    assert!(events
        .iter()
        .any(|e| matches!(e, WsEvent::Failed { error } if error.code == ErrorCode::InvalidInput)));
    assert_eq!(
        server.state().connections,
        1,
        "no reconnect into the same flood"
    );
}

#[tokio::test]
async fn an_oversized_message_is_refused_under_a_custom_limit() {
    let server = WsServer::start(WsScript {
        oversized: Some(100 * 1024),
        ..WsScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.max_message_bytes = 64 * 1024;
    let (result, _) = start(o).finish().await;
    assert!(
        matches!(result, Err(WsError::TooLarge { limit, .. }) if limit == 64 * 1024),
        "{result:?}"
    );
}
