//! How a streamed answer ends: `[DONE]`, a close, a server error, a cancel. None of them
//! re-sends the request.

use std::time::Duration;

use sluice_chat::{CancellationToken, ChatError, Outcome};
use sluice_flow::CollectingSink;
use sluice_sse::SseError;
use sluice_testkit::http::{ChatEnd, ChatReply, ChatServer};
use sluice_wire::{ChatEvent, ErrorCode};

use crate::common::{client, flow, streamed_text, user, PATIENCE};

async fn wait_for(mut check: impl FnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while tokio::time::Instant::now() < deadline {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    false
}

#[tokio::test]
async fn done_ends_the_answer_even_when_the_server_keeps_the_connection() {
    let mut reply = ChatReply::tokens(3, Duration::ZERO);
    reply.end = ChatEnd::DoneThenHold;
    let server = ChatServer::start(reply).await.unwrap();
    let f = flow(CollectingSink::new());
    let done = tokio::time::timeout(
        PATIENCE,
        client(&server.base_url()).stream(
            &user("hi"),
            None,
            &f.producer,
            &CancellationToken::new(),
        ),
    )
    .await
    .expect("[DONE] ends the answer without waiting for the connection to close");
    assert!(matches!(done.outcome, Outcome::Done));
    assert_eq!(done.message.content, "t0 t1 t2 ");
    // The finished completion is not asked for again, and the connection is let go.
    assert!(wait_for(|| server.state().completed == 1).await);
    assert_eq!(server.state().requests.len(), 1);
}

#[tokio::test]
async fn a_close_after_the_finish_reason_is_a_complete_answer() {
    let mut reply = ChatReply::tokens(3, Duration::ZERO);
    reply.end = ChatEnd::Close;
    let server = ChatServer::start(reply).await.unwrap();
    let f = flow(CollectingSink::new());
    let done = client(&server.base_url())
        .stream(&user("hi"), None, &f.producer, &CancellationToken::new())
        .await;
    assert!(matches!(done.outcome, Outcome::Done), "{:?}", done.outcome);
    assert_eq!(done.finish_reason.as_deref(), Some("stop"));
    assert_eq!(server.state().requests.len(), 1);
}

#[tokio::test]
async fn a_stream_cut_before_the_finish_fails_keeps_the_partial_answer_and_is_not_resent() {
    let mut reply = ChatReply::tokens(3, Duration::ZERO);
    reply.chunks.pop();
    reply.end = ChatEnd::Close;
    let server = ChatServer::start(reply).await.unwrap();
    let f = flow(CollectingSink::new());
    let done = client(&server.base_url())
        .stream(&user("hi"), None, &f.producer, &CancellationToken::new())
        .await;
    assert!(
        matches!(done.outcome, Outcome::Failed(ChatError::EndedEarly)),
        "{:?}",
        done.outcome
    );
    assert_eq!(done.message.content, "t0 t1 t2 ");
    let events = f.drain().await;
    match events.last() {
        Some(ChatEvent::Failed { error, message }) => {
            assert_eq!(error.code, ErrorCode::Unavailable);
            assert_eq!(message.content, "t0 t1 t2 ");
        }
        other => panic!("expected a failed event, got {other:?}"),
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(server.state().requests.len(), 1, "never re-sent");
}

#[tokio::test]
async fn an_error_inside_the_stream_is_reported_with_the_servers_message() {
    let server = ChatServer::start(ChatReply::mid_stream_error())
        .await
        .unwrap();
    let f = flow(CollectingSink::new());
    let done = client(&server.base_url())
        .stream(&user("hi"), None, &f.producer, &CancellationToken::new())
        .await;
    match &done.outcome {
        Outcome::Failed(ChatError::Api { message, kind }) => {
            assert_eq!(message, "the model crashed");
            assert_eq!(kind.as_deref(), Some("server_error"));
        }
        other => panic!("expected the API error, got {other:?}"),
    }
    assert_eq!(done.message.content, "t0 t1 t2 ");
    let events = f.drain().await;
    assert_eq!(streamed_text(&events), "t0 t1 t2 ");
    assert!(
        matches!(events.last(), Some(ChatEvent::Failed { error, .. }) if error.message.contains("the model crashed"))
    );
}

#[tokio::test]
async fn an_http_error_status_is_a_clear_error() {
    let mut reply = ChatReply::standard();
    reply.status = 429;
    let server = ChatServer::start(reply).await.unwrap();
    let f = flow(CollectingSink::new());
    let done = client(&server.base_url())
        .stream(&user("hi"), None, &f.producer, &CancellationToken::new())
        .await;
    match &done.outcome {
        Outcome::Failed(
            e @ ChatError::Transport(SseError::Status {
                status: 429, body, ..
            }),
        ) => {
            assert!(body.contains("rate limited"));
            assert_eq!(e.code(), ErrorCode::Unavailable);
        }
        other => panic!("expected HTTP 429, got {other:?}"),
    }
}

#[tokio::test]
async fn a_chunk_that_is_not_json_is_a_clear_error() {
    let reply = ChatReply {
        chunks: vec!["{oops".into()],
        ..ChatReply::tokens(0, Duration::ZERO)
    };
    let server = ChatServer::start(reply).await.unwrap();
    let f = flow(CollectingSink::new());
    let done = client(&server.base_url())
        .stream(&user("hi"), None, &f.producer, &CancellationToken::new())
        .await;
    assert!(
        matches!(&done.outcome, Outcome::Failed(ChatError::BadChunk { excerpt, .. }) if excerpt == "{oops"),
        "{:?}",
        done.outcome
    );
}

#[tokio::test]
async fn cancel_mid_stream_stops_at_once_and_drops_the_connection() {
    let server = ChatServer::start(ChatReply::tokens(20_000, Duration::from_millis(5)))
        .await
        .unwrap();
    let f = flow(CollectingSink::new());
    let cancel = CancellationToken::new();
    let chat = client(&server.base_url());
    let producer = f.producer.clone();
    let token = cancel.clone();
    let task =
        tokio::spawn(async move { chat.stream(&user("long"), None, &producer, &token).await });
    assert!(wait_for(|| server.state().chunks_sent >= 5).await);
    cancel.cancel();
    let done = tokio::time::timeout(PATIENCE, task).await.unwrap().unwrap();
    assert!(matches!(done.outcome, Outcome::Cancelled));
    assert!(
        done.message.content.starts_with("t0 t1 "),
        "{}",
        done.message.content
    );
    // The server sees the client go away long before its 20,000 tokens are out.
    assert!(wait_for(|| server.state().client_gone == 1).await);
    assert!(server.state().chunks_sent < 20_000);
    assert_eq!(server.state().requests.len(), 1);
    let events = f.drain().await;
    assert!(
        matches!(events.last(), Some(ChatEvent::Cancelled { message }) if *message == done.message)
    );
}
