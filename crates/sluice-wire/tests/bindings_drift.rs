//! Fails when the committed TypeScript bindings no longer match the Rust types.

use std::path::PathBuf;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/wire.ts")
}

#[test]
fn committed_bindings_match_rust_types() {
    let path = committed_path();
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let fresh = sluice_wire::render_typescript();
    assert!(
        committed == fresh,
        "ui/src/bindings/wire.ts is out of date with crates/sluice-wire; run scripts/gen-bindings\n\
         --- committed\n{committed}\n--- expected\n{fresh}"
    );
}

#[test]
fn every_wire_type_is_rendered() {
    let ts = sluice_wire::render_typescript();
    for name in [
        "SubId",
        "ErrorCode",
        "IpcError",
        "DropReport",
        "FlowStats",
        "Frame<T>",
        "HealthSample",
        "AppInfo",
        "LoadSpec",
        "LoadSample",
        "HttpMethod",
        "Header",
        "RetrySettings",
        "KeepaliveRule",
        "SseSettings",
        "SseMessage",
        "SseEvent",
        "WsSettings",
        "WsOutgoing",
        "WsEvent",
        "ChatSettings",
        "ChatRole",
        "ChatToolCall",
        "ChatUsage",
        "ChatMessage",
        "ChatEvent",
        "Conversation",
        "ConversationSummary",
    ] {
        assert!(
            ts.contains(&format!("export type {name} =")),
            "{name} missing from the bindings"
        );
    }
}

#[test]
fn error_codes_serialize_as_stable_snake_case() {
    let err = sluice_wire::IpcError::new(sluice_wire::ErrorCode::NotFound, "no such subscription");
    let json = serde_json::to_value(&err).expect("serializes");
    assert_eq!(json["code"], "not_found");
    assert_eq!(json["message"], "no such subscription");
}
