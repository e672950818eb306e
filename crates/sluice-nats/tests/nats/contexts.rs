//! NATS CLI contexts: imported, usable, and followed live as files change.

use std::sync::Arc;

use sluice_nats::{ContextWatcher, NatsAuth, NatsConnection, NatsProfile};
use sluice_testkit::nats::{Auth, NatsOptions, NatsServer};
use sluice_wire::NatsAuthKind;

use crate::common::eventually;

fn write(dir: &std::path::Path, name: &str, json: serde_json::Value) {
    std::fs::write(
        dir.join("context").join(format!("{name}.json")),
        json.to_string(),
    )
    .expect("write context");
}

fn names(list: &Arc<Vec<NatsProfile>>) -> Vec<String> {
    list.iter().map(|p| p.name.clone()).collect()
}

#[tokio::test]
async fn contexts_added_edited_and_removed_are_seen_live() {
    let s = NatsServer::with_options(NatsOptions {
        auth: Auth::Token("ctx-token".into()),
        ..NatsOptions::default()
    })
    .await
    .expect("server");
    let root = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(root.path().join("context")).expect("mkdir");
    write(
        root.path(),
        "prod",
        serde_json::json!({"url": s.url(), "token": "ctx-token", "description": "Production"}),
    );
    std::fs::write(root.path().join("context.txt"), "prod").expect("select");

    let watcher = ContextWatcher::start(root.path().to_path_buf()).expect("watch");
    let rx = watcher.contexts();
    let first = rx.borrow().clone();
    assert_eq!(names(&first), vec!["prod".to_owned()]);
    let prod = first[0].clone();
    assert!(prod.selected);
    assert_eq!(prod.view().auth, NatsAuthKind::Token);
    assert!(!serde_json::to_string(&prod.view())
        .unwrap_or_default()
        .contains("ctx-token"));
    NatsConnection::connect(prod)
        .await
        .expect("a context connects");

    write(
        root.path(),
        "dev",
        serde_json::json!({"url": "nats://127.0.0.1:4999", "user": "u", "password": "p"}),
    );
    eventually("added context", || async {
        names(&rx.borrow().clone()) == ["dev", "prod"]
    })
    .await;

    write(
        root.path(),
        "dev",
        serde_json::json!({"url": "nats://127.0.0.1:5000", "creds": "/nonexistent/dev.creds"}),
    );
    eventually("edited context", || async {
        rx.borrow().iter().any(|p| {
            p.name == "dev"
                && p.servers == ["nats://127.0.0.1:5000"]
                && matches!(p.auth, NatsAuth::CredsFile { .. })
        })
    })
    .await;

    std::fs::write(root.path().join("context.txt"), "dev").expect("select dev");
    eventually("selection moved", || async {
        rx.borrow().iter().any(|p| p.name == "dev" && p.selected)
    })
    .await;

    std::fs::write(
        root.path().join("context").join("broken.json"),
        "{ not json",
    )
    .expect("write");
    eventually("broken context shown with its problem", || async {
        rx.borrow()
            .iter()
            .any(|p| p.name == "broken" && p.problem.is_some())
    })
    .await;

    let sink = sluice_flow::CollectingSink::<sluice_nats::ProfilesEvent>::new();
    let (producer, _h) = sluice_flow::spawn(
        sluice_wire::SubId(9),
        sluice_nats::flow_config(sluice_flow::Policy::LatestPerKey),
        sink.clone(),
    );
    watcher.feed(vec![NatsProfile::new("saved", vec![s.url()])], producer);

    std::fs::remove_file(root.path().join("context").join("dev.json")).expect("remove");
    eventually("removed context", || async {
        names(&rx.borrow().clone()) == ["broken", "prod"]
    })
    .await;
    eventually("the flow carries the masked list", || async {
        sink.frames()
            .last()
            .and_then(|f| f.entries.last().cloned())
            .is_some_and(|e| {
                let names: Vec<&str> = e.profiles.iter().map(|p| p.name.as_str()).collect();
                names == ["saved", "broken", "prod"]
            })
    })
    .await;
    let json = serde_json::to_string(&sink.frames()).unwrap_or_default();
    assert!(!json.contains("ctx-token"), "no secret crosses");
}
