//! The timeline records a consumer created, a stream reconfigured and a consumer deleted,
//! each with the right before/after diff.

use std::time::Duration;

use async_nats::jetstream::stream::Config as StreamConfig;
use sluice_monitor::MonitorSettings;
use sluice_wire::{MonitorChangeKind as C, MonitorTimelineEntry};

use crate::common::{pull, Rig, WINDOW};

async fn wait_for<F>(rig: &Rig, what: &str, pred: F) -> MonitorTimelineEntry
where
    F: Fn(&MonitorTimelineEntry) -> bool,
{
    // Two polls always suffice: one to see the change, one spare for a poll in flight.
    for _ in 0..3 {
        if let Some(e) = rig.monitor.timeline().into_iter().find(|e| pred(e)) {
            return e;
        }
        rig.next().await;
    }
    panic!("no {what} in {:#?}", rig.monitor.timeline());
}

fn field<'a>(e: &'a MonitorTimelineEntry, name: &str) -> (Option<&'a str>, Option<&'a str>) {
    let f = e
        .diff
        .iter()
        .find(|f| f.field == name)
        .unwrap_or_else(|| panic!("no {name} in {e:?}"));
    (f.before.as_deref(), f.after.as_deref())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_names_changes_with_diffs() {
    let rig = Rig::start(MonitorSettings::with_window(WINDOW)).await;
    let stream = rig.stream("TL").await;
    rig.next().await;
    rig.next().await;

    let mut cfg = pull("reader");
    cfg.filter_subject = "tl.orders.*".into();
    stream.create_consumer(cfg).await.expect("consumer");
    let created = wait_for(&rig, "consumer created", |e| e.kind == C::ConsumerCreated).await;
    assert_eq!(created.stream, "TL");
    assert_eq!(created.consumer.as_deref(), Some("reader"));
    assert_eq!(created.subjects, vec!["tl.orders.*".to_owned()]);
    assert_eq!(
        field(&created, "filterSubjects"),
        (None, Some("tl.orders.*"))
    );
    assert_eq!(field(&created, "ackPolicy"), (None, Some("explicit")));

    rig.js()
        .update_stream(StreamConfig {
            name: "TL".into(),
            subjects: vec!["tl.>".into()],
            max_messages: 500,
            max_age: Duration::from_secs(3600),
            ..Default::default()
        })
        .await
        .expect("update stream");
    let re = wait_for(&rig, "stream reconfigured", |e| {
        e.kind == C::StreamReconfigured
    })
    .await;
    assert_eq!(re.stream, "TL");
    assert_eq!(re.consumer, None);
    assert_eq!(field(&re, "maxMsgs"), (Some("-1"), Some("500")));
    assert_eq!(field(&re, "maxAgeMs"), (Some("0"), Some("3600000")));
    assert!(re.diff.iter().all(|f| f.field != "subjects"), "{re:?}");
    assert!(re.summary.contains("maxMsgs"), "{re:?}");

    stream.delete_consumer("reader").await.expect("delete");
    let gone = wait_for(&rig, "consumer deleted", |e| e.kind == C::ConsumerDeleted).await;
    assert_eq!(gone.consumer.as_deref(), Some("reader"));
    assert_eq!(gone.subjects, vec!["tl.orders.*".to_owned()]);
    assert_eq!(field(&gone, "filterSubjects"), (Some("tl.orders.*"), None));

    // In order, each once, sequence numbers increasing.
    let tl = rig.monitor.timeline();
    // (The stream itself may predate the monitor's first poll, so its creation is optional.)
    let kinds: Vec<C> = tl
        .iter()
        .map(|e| e.kind)
        .filter(|k| !matches!(k, C::VerdictChanged | C::StreamCreated))
        .collect();
    assert_eq!(
        kinds,
        vec![
            C::ConsumerCreated,
            C::StreamReconfigured,
            C::ConsumerDeleted
        ]
    );
    assert!(tl
        .windows(2)
        .all(|w| w[0].seq < w[1].seq && w[0].at_ms <= w[1].at_ms));
}
