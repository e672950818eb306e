//! Live tail: payloads intact, restart survived, outages reported as counted gaps.

use async_nats::jetstream::stream::Config as StreamConfig;
use bytes::Bytes;
use sluice_nats::{NatsConnection, NatsProfile};
use sluice_wire::NatsConnStatus;

use crate::common::{connect, decode, eventually, server, Tail};
use crate::proxy::Proxy;

#[tokio::test]
async fn payloads_of_every_kind_arrive_intact() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    let tail = Tail::start(&conn, "pay.>").await;
    let big: Vec<u8> = (0..8 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let payloads: Vec<Vec<u8>> = vec![
        big,
        vec![0, 159, 146, 150, 255, 0, 1],
        b"valid start \xff\xfe then invalid UTF-8".to_vec(),
        Vec::new(),
        b"<img src=x onerror=alert(1)>".to_vec(),
    ];
    let publisher = async_nats::connect(s.url()).await.expect("publisher");
    for (i, p) in payloads.iter().enumerate() {
        let mut headers = async_nats::HeaderMap::new();
        headers.insert("X-Index", i.to_string().as_str());
        publisher
            .publish_with_headers(format!("pay.{i}"), headers, Bytes::from(p.clone()))
            .await
            .expect("publish");
    }
    publisher.flush().await.expect("flush");
    tail.wait_messages(payloads.len()).await;
    let got = tail.messages();
    for (i, p) in payloads.iter().enumerate() {
        let m = &got[i];
        assert_eq!(m.subject, format!("pay.{i}"));
        assert_eq!(m.size, p.len() as u64);
        assert_eq!(&decode(&m.payload_b64), p, "payload {i} intact");
        assert!(m
            .headers
            .iter()
            .any(|h| h.name == "X-Index" && h.value == i.to_string()));
        assert_eq!(m.index, i as u64 + 1);
    }
    assert_eq!(tail.handle.stats().dropped, 0);
}

#[tokio::test]
async fn server_restart_mid_tail_resumes_and_reports_the_gap() {
    let mut s = server().await;
    let conn = connect(&s.url()).await;
    let tail = Tail::start(&conn, "ev.>").await;
    let publisher = connect(&s.url()).await;
    for i in 0..20 {
        publisher
            .client()
            .publish(format!("ev.{i}"), "before".into())
            .await
            .expect("publish");
    }
    publisher.client().flush().await.expect("flush");
    tail.wait_messages(20).await;

    s.restart().await.expect("restart");
    let mut state = conn.state();
    eventually("reconnected", || {
        let st = state.borrow_and_update().clone();
        async move { st.status == NatsConnStatus::Connected && st.reconnects >= 1 }
    })
    .await;
    eventually("gap reported", || async { !tail.gaps().is_empty() }).await;
    let gap = &tail.gaps()[0];
    assert!(gap.resumed_at_ms >= gap.disconnected_at_ms);
    assert_eq!(
        gap.missed, None,
        "no stream captures ev.>, so the count is unknown"
    );

    // The same subscription delivers again.
    eventually("tail resumed", || async {
        let _ = publisher.client().publish("ev.after", "after".into()).await;
        let _ = publisher.client().flush().await;
        tail.messages().iter().any(|m| m.subject == "ev.after")
    })
    .await;
}

#[tokio::test]
async fn messages_missed_while_cut_off_are_counted_from_a_stream() {
    let s = server().await;
    let admin = connect(&s.url()).await;
    admin
        .jetstream()
        .create_stream(StreamConfig {
            name: "GAPS".into(),
            subjects: vec!["gap.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
    let proxy = Proxy::start(s.port()).await;
    let conn = NatsConnection::connect(NatsProfile::new("via-proxy", vec![proxy.url()]))
        .await
        .expect("connect via proxy");
    let tail = Tail::start(&conn, "gap.*").await;
    let js = admin.jetstream();
    let publish = |n: usize, tag: &'static str| {
        let js = js.clone();
        async move {
            for i in 0..n {
                js.publish(format!("gap.{tag}"), format!("{tag}{i}").into())
                    .await
                    .expect("publish")
                    .await
                    .expect("stored");
            }
        }
    };
    publish(10, "a").await;
    tail.wait_messages(10).await;

    proxy.cut();
    let mut state = conn.state();
    eventually("tail sees the outage", || {
        let st = state.borrow_and_update().clone();
        async move { st.status == NatsConnStatus::Reconnecting }
    })
    .await;
    publish(25, "b").await;
    proxy.restore();
    eventually("gap reported", || async { !tail.gaps().is_empty() }).await;
    publish(5, "c").await;
    tail.wait_messages(15).await;

    let gap = &tail.gaps()[0];
    assert_eq!(gap.missed, Some(25), "{gap:?}");
    assert_eq!(gap.counted_by.as_deref(), Some("GAPS"));
    let msgs = tail.messages();
    assert_eq!(msgs.len(), 15);
    assert!(msgs[10..].iter().all(|m| m.subject == "gap.c"));
}

#[tokio::test]
async fn publish_and_request_reply() {
    use futures_util::StreamExt;
    use sluice_wire::{NatsHeader, NatsPublishRequest};
    let s = server().await;
    let conn = connect(&s.url()).await;
    let tail = Tail::start(&conn, "ui.>").await;
    let b64 = |b: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(b)
    };
    let req = NatsPublishRequest {
        subject: "ui.note".into(),
        payload_b64: b64(b"\x00binary\xff"),
        headers: vec![NatsHeader {
            name: "X-From".into(),
            value: "sluice".into(),
        }],
        reply: None,
    };
    sluice_nats::publish(&conn, &req).await.expect("publish");
    tail.wait_messages(1).await;
    let m = &tail.messages()[0];
    assert_eq!(decode(&m.payload_b64), b"\x00binary\xff");
    assert_eq!(m.headers[0].value, "sluice");

    let responder = async_nats::connect(s.url()).await.expect("responder");
    let mut sub = responder.subscribe("svc.echo").await.expect("sub");
    responder.flush().await.expect("flush");
    tokio::spawn(async move {
        if let Some(msg) = sub.next().await {
            if let Some(reply) = msg.reply {
                let _ = responder.publish(reply, msg.payload).await;
                let _ = responder.flush().await;
            }
        }
    });
    let ask = NatsPublishRequest {
        subject: "svc.echo".into(),
        payload_b64: b64(b"ping"),
        headers: vec![],
        reply: None,
    };
    // Newer servers may answer "no responders" for a moment after a new subscription.
    let mut reply = None;
    for _ in 0..50 {
        match sluice_nats::request(&conn, &ask, std::time::Duration::from_secs(5)).await {
            Ok(r) => {
                reply = Some(r);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
    let reply = reply.expect("reply");
    assert_eq!(decode(&reply.payload_b64), b"ping");

    let nobody = NatsPublishRequest {
        subject: "svc.none".into(),
        ..ask
    };
    let err = sluice_nats::request(&conn, &nobody, std::time::Duration::from_secs(5))
        .await
        .expect_err("no responders");
    assert!(matches!(err, sluice_nats::NatsError::NoResponders), "{err}");
    let bad = NatsPublishRequest {
        subject: "bad subject".into(),
        payload_b64: String::new(),
        headers: vec![],
        reply: None,
    };
    let err = sluice_nats::publish(&conn, &bad)
        .await
        .expect_err("bad subject");
    assert_eq!(err.code(), sluice_wire::ErrorCode::InvalidInput);
}
