//! The reconnecting client against a real SSE server on 127.0.0.1.

use std::time::Duration;

use sluice_sse::{RetryPolicy, SseError, SseOptions};
use sluice_testkit::http::{SseScript, SseServer};
use sluice_wire::{ErrorCode, HttpMethod, SseEvent};

use crate::common::{data_of, expected, failed_code, opts, quick_retry, start};

#[tokio::test]
async fn dropped_connections_resume_from_last_event_id_without_loss() {
    let server = SseServer::start(SseScript {
        total: 50,
        drop_after: Some(7),
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    // Past the last event the server answers 204: the end of this stream.
    assert!(
        matches!(result, Err(SseError::NoContent { .. })),
        "{result:?}"
    );
    assert_eq!(failed_code(&events), Some(ErrorCode::Closed));
    assert_eq!(
        data_of(&events),
        expected(1..=50),
        "each event exactly once, in order"
    );
    let ids = server.state().last_event_ids;
    let want: Vec<Option<String>> = std::iter::once(None)
        .chain((1..=7).map(|k| Some((k * 7).to_string())))
        .chain(std::iter::once(Some("50".to_owned())))
        .collect();
    assert_eq!(ids, want);
    let opens: Vec<Option<String>> = events
        .iter()
        .filter_map(|e| match e {
            SseEvent::Open { resumed_from, .. } => Some(resumed_from.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(opens.len(), 8);
    assert_eq!(opens[1].as_deref(), Some("7"));
}

#[tokio::test]
async fn status_500_is_a_clear_error_and_not_retried_by_default() {
    let server = SseServer::start(SseScript {
        status: 500,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    match &result {
        Err(SseError::Status { status, body, .. }) => {
            assert_eq!(*status, 500);
            assert_eq!(body, "boom");
        }
        other => panic!("expected a status error, got {other:?}"),
    }
    assert!(result.unwrap_err().to_string().contains("HTTP 500"));
    assert_eq!(failed_code(&events), Some(ErrorCode::Unavailable));
    assert_eq!(server.state().requests.len(), 1);
}

#[tokio::test]
async fn the_retry_limit_counts_every_failed_attempt() {
    let server = SseServer::start(SseScript {
        status: 503,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.retry = RetryPolicy {
        retry_http_errors: true,
        ..quick_retry(Some(3))
    };
    let (result, events) = start(o).finish().await;
    match result {
        Err(SseError::RetriesExhausted { attempts, last }) => {
            assert_eq!(attempts, 4);
            assert!(matches!(*last, SseError::Status { status: 503, .. }));
        }
        other => panic!("expected the retry limit, got {other:?}"),
    }
    assert_eq!(
        server.state().requests.len(),
        4,
        "first try plus three retries"
    );
    let attempts: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            SseEvent::Reconnecting { attempt, .. } => Some(*attempt),
            _ => None,
        })
        .collect();
    assert_eq!(attempts, vec![1, 2, 3]);
}

#[tokio::test]
async fn backoff_grows_between_failed_attempts() {
    // Nothing listens on this port.
    let port = sluice_testkit::net::free_port().unwrap();
    let o = opts(&format!("http://127.0.0.1:{port}/events"));
    let (result, events) = start(SseOptions {
        retry: quick_retry(Some(2)),
        ..o
    })
    .finish()
    .await;
    assert!(
        matches!(result, Err(SseError::RetriesExhausted { attempts: 3, .. })),
        "{result:?}"
    );
    let delays: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            SseEvent::Reconnecting {
                delay_ms, reason, ..
            } => {
                assert_eq!(reason.code, ErrorCode::Unavailable);
                Some(*delay_ms)
            }
            _ => None,
        })
        .collect();
    assert_eq!(delays.len(), 2);
    // 20 ms then 40 ms, each minus up to 20 % jitter.
    assert!((16..=20).contains(&delays[0]), "{delays:?}");
    assert!((32..=40).contains(&delays[1]), "{delays:?}");
}

#[test]
fn backoff_is_capped_and_the_server_value_is_the_base() {
    let p = quick_retry(None);
    for attempt in [1, 5, 30, u32::MAX] {
        assert!(p.delay(attempt, None) <= Duration::from_millis(200));
    }
    // A server value above the cap is still honoured.
    let d = p.delay(1, Some(Duration::from_secs(2)));
    assert!(
        d >= Duration::from_millis(1600) && d <= Duration::from_secs(2),
        "{d:?}"
    );
}

#[tokio::test]
async fn no_content_204_stops_reconnecting() {
    let server = SseServer::start(SseScript {
        total: 0,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    assert!(
        matches!(result, Err(SseError::NoContent { .. })),
        "{result:?}"
    );
    assert!(result.unwrap_err().to_string().contains("204"));
    assert_eq!(failed_code(&events), Some(ErrorCode::Closed));
    assert_eq!(server.state().requests.len(), 1);
}

#[tokio::test]
async fn wrong_content_type_is_a_clear_error() {
    let server = SseServer::start(SseScript {
        content_type: "application/json".into(),
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    let err = result.unwrap_err();
    assert!(matches!(&err, SseError::ContentType { found, .. } if found == "application/json"));
    assert!(err.to_string().contains("text/event-stream"));
    assert_eq!(failed_code(&events), Some(ErrorCode::InvalidInput));
    assert!(data_of(&events).is_empty());
    assert_eq!(server.state().requests.len(), 1);
}

#[tokio::test]
async fn server_retry_field_sets_the_reconnect_delay() {
    let server = SseServer::start(SseScript {
        total: 4,
        drop_after: Some(2),
        retry_ms: Some(600),
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (_, events) = start(opts(&server.url())).finish().await;
    assert_eq!(data_of(&events), expected(1..=4));
    let delays: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            SseEvent::Reconnecting { delay_ms, .. } => Some(*delay_ms),
            _ => None,
        })
        .collect();
    assert!(!delays.is_empty());
    // Initial delay is 20 ms; the server asked for 600 ms (minus at most 20 % jitter).
    for d in delays {
        assert!(
            (480..=600).contains(&d),
            "delay {d} ms ignores the server's retry"
        );
    }
}

#[tokio::test]
async fn a_silent_stall_is_noticed_and_the_stream_resumes() {
    let server = SseServer::start(SseScript {
        total: 6,
        stall_after: Some(3),
        ..SseScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.idle_timeout = Duration::from_millis(300);
    let (_, events) = start(o).finish().await;
    assert_eq!(data_of(&events), expected(1..=6));
    let reasons: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            SseEvent::Reconnecting { reason, .. } => Some(reason.message.clone()),
            _ => None,
        })
        .collect();
    assert!(reasons[0].contains("idle timeout"), "{reasons:?}");
    assert_eq!(server.state().last_event_ids[1].as_deref(), Some("3"));
}

#[tokio::test]
async fn invalid_utf8_becomes_u_fffd_and_the_stream_goes_on() {
    let server = SseServer::start(SseScript {
        total: 5,
        invalid_utf8: true,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (_, events) = start(opts(&server.url())).finish().await;
    let want: Vec<String> = (1..=5)
        .map(|n| format!("\u{FFFD}\u{FFFD}event {n}\u{FFFD}"))
        .collect();
    assert_eq!(data_of(&events), want);
}

#[tokio::test]
async fn a_100_mb_line_hits_the_size_cap_with_a_clear_error() {
    let server = SseServer::start(SseScript {
        total: 3,
        huge_line: Some(100 * 1024 * 1024),
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    let err = result.unwrap_err();
    assert!(matches!(err, SseError::EventTooLarge { limit, .. } if limit == 8 * 1024 * 1024));
    assert!(err.to_string().contains("size cap"), "{err}");
    assert_eq!(failed_code(&events), Some(ErrorCode::InvalidInput));
    // The client stopped reading long before the line ended, and did not retry.
    let deadline = tokio::time::Instant::now() + crate::common::PATIENCE;
    while server.state().finished == 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let state = server.state();
    assert_eq!(state.finished, 1);
    assert!(
        state.bytes_sent < 60 * 1024 * 1024,
        "{} bytes went out",
        state.bytes_sent
    );
    assert_eq!(state.requests.len(), 1);
}

#[tokio::test]
async fn headers_bearer_and_post_are_sent_and_the_token_stays_out_of_events() {
    let server = SseServer::start(SseScript {
        total: 2,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.method = HttpMethod::Post;
    o.body = Some(r#"{"q":1}"#.into());
    o.headers = vec![("X-Custom".into(), "yes".into())];
    o.bearer = Some("s3cret-token".into());
    let (_, events) = start(o).finish().await;
    assert_eq!(data_of(&events), expected(1..=2));
    let req = &server.state().requests[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.body, br#"{"q":1}"#);
    assert_eq!(req.header("x-custom"), Some("yes"));
    assert_eq!(req.header("authorization"), Some("Bearer s3cret-token"));
    assert_eq!(req.header("accept"), Some("text/event-stream"));
    let json = serde_json::to_string(&events).unwrap();
    assert!(!json.contains("s3cret"));
}

#[tokio::test]
async fn bad_headers_and_urls_are_refused_before_connecting() {
    let mut o = opts("http://127.0.0.1:9/events");
    o.headers = vec![("Bad Name".into(), "x".into())];
    let (result, _) = start(o).finish().await;
    assert!(
        matches!(result, Err(SseError::InvalidHeader { .. })),
        "{result:?}"
    );
    let (result, _) = start(opts("ftp://example.invalid/")).finish().await;
    assert!(
        matches!(result, Err(SseError::InvalidUrl { .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn wire_bytes_split_everywhere_parse_as_whatwg_says() {
    let body: &[u8] = b"\xEF\xBB\xBF: hi\r\ndata: a\r\n\r\ndata: b\rid: 1\r\revent: x\ndata: c\n\n";
    let server = SseServer::start(SseScript {
        raw: Some(body.chunks(1).map(<[u8]>::to_vec).collect()),
        ..SseScript::default()
    })
    .await
    .unwrap();
    let mut o = opts(&server.url());
    o.retry = quick_retry(Some(0));
    let (result, events) = start(o).finish().await;
    assert!(
        matches!(result, Err(SseError::RetriesExhausted { attempts: 1, .. })),
        "{result:?}"
    );
    let got: Vec<(String, String, String)> = events
        .into_iter()
        .filter_map(|e| match e {
            SseEvent::Message { message } => Some((message.event, message.data, message.id)),
            _ => None,
        })
        .collect();
    let want = vec![
        ("message".to_owned(), "a".to_owned(), String::new()),
        ("message".to_owned(), "b".to_owned(), "1".to_owned()),
        ("x".to_owned(), "c".to_owned(), "1".to_owned()),
    ];
    assert_eq!(got, want);
}

#[tokio::test]
async fn closing_the_subscription_stops_the_stream() {
    let server = SseServer::start(SseScript {
        total: 3,
        hold_at_end: true,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let run = start(opts(&server.url()));
    assert!(run.wait_until(|ev| data_of(ev).len() == 3).await);
    run.handle.close();
    let result = tokio::time::timeout(crate::common::PATIENCE, run.task)
        .await
        .unwrap()
        .unwrap();
    assert!(result.is_ok(), "{result:?}");
    let deadline = tokio::time::Instant::now() + crate::common::PATIENCE;
    while server.state().finished == 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(server.state().finished, 1, "the connection was let go");
}

#[tokio::test]
async fn refused_credentials_are_reported_as_unauthorized() {
    let server = SseServer::start(SseScript {
        status: 401,
        ..SseScript::default()
    })
    .await
    .unwrap();
    let (result, events) = start(opts(&server.url())).finish().await;
    assert!(
        matches!(result, Err(SseError::Status { status: 401, .. })),
        "{result:?}"
    );
    assert_eq!(failed_code(&events), Some(ErrorCode::Unauthorized));
}
