//! A full streamed answer: reasoning, content, tool calls, usage, and the request sent.

use std::time::Duration;

use sluice_chat::{CancellationToken, ChatClient, Outcome};
use sluice_flow::CollectingSink;
use sluice_testkit::http::{ChatReply, ChatServer};
use sluice_wire::{ChatEvent, ChatToolCall, ChatUsage};

use crate::common::{client, flow, settings, streamed_text, user};

#[tokio::test]
async fn a_full_answer_is_assembled_and_streamed_in_order() {
    let server = ChatServer::start(ChatReply::standard()).await.unwrap();
    let f = flow(CollectingSink::new());
    let done = client(&server.base_url())
        .stream(
            &user("weather?"),
            None,
            &f.producer,
            &CancellationToken::new(),
        )
        .await;
    assert!(matches!(done.outcome, Outcome::Done), "{:?}", done.outcome);
    assert_eq!(done.message.content, "Hello, world");
    assert_eq!(done.message.reasoning.as_deref(), Some("Think hard."));
    assert_eq!(
        done.message.tool_calls,
        vec![
            ChatToolCall {
                id: "call_a".into(),
                name: "get_weather".into(),
                arguments: r#"{"city":"Oslo"}"#.into(),
            },
            ChatToolCall {
                id: "call_b".into(),
                name: "get_time".into(),
                arguments: "{}".into(),
            },
        ]
    );
    let usage = ChatUsage {
        prompt_tokens: 5,
        completion_tokens: 7,
        total_tokens: 12,
    };
    assert_eq!(done.usage, Some(usage));
    assert_eq!(done.finish_reason.as_deref(), Some("tool_calls"));

    let events = f.drain().await;
    assert_eq!(streamed_text(&events), "Hello, world");
    assert!(events.contains(&ChatEvent::Usage { usage }));
    match events.last() {
        Some(ChatEvent::Done {
            message, usage: u, ..
        }) => {
            assert_eq!(message, &done.message);
            assert_eq!(u, &Some(usage));
        }
        other => panic!("the last event is the finished answer, got {other:?}"),
    }
    let json = serde_json::to_string(&events).unwrap();
    assert!(
        !json.contains("sk-secret-key"),
        "the API key never reaches the UI"
    );

    let state = server.state();
    assert_eq!(state.requests.len(), 1);
    let req = &state.requests[0];
    assert_eq!(req.path(), "/v1/chat/completions");
    assert_eq!(req.header("authorization"), Some("Bearer sk-secret-key"));
    let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body["model"], "fixture-model");
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"]["include_usage"], true);
    assert_eq!(body["messages"][0]["role"], "user");
    assert_eq!(body["messages"][0]["content"], "weather?");
}

#[tokio::test]
async fn token_deltas_are_coalesced_by_the_flow_without_loss() {
    let server = ChatServer::start(ChatReply::tokens(300, Duration::ZERO))
        .await
        .unwrap();
    // A view that has not acked yet: the flow holds back and merges instead of queueing.
    let f = flow(CollectingSink::without_acks());
    let done = client(&server.base_url())
        .stream(&user("count"), None, &f.producer, &CancellationToken::new())
        .await;
    assert!(matches!(done.outcome, Outcome::Done));
    let want: String = (0..300).map(|i| format!("t{i} ")).collect();
    assert_eq!(done.message.content, want);
    let stats = f.handle.stats();
    let events = f.drain().await;
    assert_eq!(streamed_text(&events), want, "every token, in order");
    let deltas = events
        .iter()
        .filter(|e| matches!(e, ChatEvent::Delta { .. }))
        .count();
    assert!(
        deltas < 30,
        "300 deltas should merge into few entries, got {deltas}"
    );
    assert!(stats.merged > 0);
    assert_eq!(stats.dropped, 0);
}

#[tokio::test]
async fn settings_are_checked_before_any_request() {
    let mut s = settings("ftp://nowhere");
    assert!(ChatClient::new(&s, None).is_err());
    s = settings("http://127.0.0.1:1/v1");
    s.model = "  ".into();
    let err = ChatClient::new(&s, None).unwrap_err();
    assert_eq!(err.code(), sluice_wire::ErrorCode::InvalidInput);
}
