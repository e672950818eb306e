//! The security posture, checked against the app's real config and capabilities (the
//! same `generate_context!` the app is built with) on Tauri's mock runtime:
//! - every app command is refused when invoked from a remote origin, and still reaches
//!   the app from its own origin (so the refusal is the ACL's, not a broken request);
//! - plugin commands are refused even locally: no capability grants them;
//! - the CSP allows no `unsafe-eval`, no remote script and no remote connections.

use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

/// The app's commands, as declared in build.rs (the ACL's source of truth).
fn declared_commands() -> Vec<String> {
    let build = include_str!("../build.rs");
    let start = build
        .find(".commands(&[")
        .expect("command list in build.rs");
    let end = start + build[start..].find("]);").expect("end of the list");
    build[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn request(cmd: &str, url: &str) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: url.parse().expect("url"),
        body: InvokeBody::default(),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

/// The app's own origin on this platform.
const LOCAL: &str = if cfg!(windows) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

#[test]
fn every_command_is_refused_from_a_remote_origin() {
    // A handler that answers any command that gets past the ACL: reaching it is the
    // observable difference between allowed and refused.
    let app = mock_builder()
        .invoke_handler(|invoke| {
            invoke.resolver.resolve("reached");
            true
        })
        .build(tauri::generate_context!())
        .expect("mock app");
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window"),
    };
    let commands = declared_commands();
    assert!(commands.len() > 30, "found only {commands:?}");
    assert!(commands.iter().any(|c| c == "vault_set"));
    let remotes = [
        "https://evil.example",
        "http://127.0.0.1:8080",
        "http://localhost:5173",
        "https://tauri.localhost.evil.example",
    ];
    for cmd in &commands {
        let local = get_ipc_response(&webview, request(cmd, LOCAL));
        let reached = local.map(|b| b.deserialize::<String>().expect("string"));
        assert_eq!(
            reached.as_deref(),
            Ok("reached"),
            "{cmd} from the app itself"
        );
        for remote in remotes {
            let answer = get_ipc_response(&webview, request(cmd, remote));
            assert!(answer.is_err(), "{cmd} was allowed from {remote}");
        }
    }
    // Plugin commands: granted to no window, so refused even from the app's own pages.
    for cmd in [
        "plugin:autostart|enable",
        "plugin:window-state|save_window_state",
        "plugin:deep-link|get_current",
        "plugin:notification|notify",
        "plugin:window|set_title",
        "plugin:webview|create_webview_window",
        "plugin:event|emit",
    ] {
        let answer = get_ipc_response(&webview, request(cmd, LOCAL));
        assert!(answer.is_err(), "{cmd} was allowed");
    }
}

#[test]
fn the_csp_allows_no_eval_and_nothing_remote() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    let security = &conf["app"]["security"];
    let csp = security["csp"]
        .as_object()
        .expect("the CSP is a directive map");
    let sources = |name: &str| -> Vec<String> {
        let value = csp.get(name).and_then(|v| v.as_str()).unwrap_or("");
        value.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(sources("default-src"), ["'self'"]);
    assert_eq!(
        sources("script-src"),
        ["'self'"],
        "scripts only from the app"
    );
    assert_eq!(sources("object-src"), ["'none'"]);
    assert_eq!(sources("base-uri"), ["'none'"]);
    assert_eq!(sources("form-action"), ["'none'"]);
    assert_eq!(sources("frame-ancestors"), ["'none'"]);
    for allowed in sources("connect-src") {
        assert!(
            ["ipc:", "http://ipc.localhost"].contains(&allowed.as_str()),
            "connect-src allows {allowed}"
        );
    }
    for (name, value) in csp {
        let value = value.as_str().unwrap_or("");
        for token in value.split_whitespace() {
            let bad = token.contains("unsafe-eval")
                || token.contains("wasm-unsafe-eval")
                || token == "*"
                || token.starts_with("https:")
                || token == "http:"
                || (token.contains("://") && token != "http://ipc.localhost");
            assert!(!bad, "{name} allows {token}");
        }
        if name != "style-src" {
            assert!(!value.contains("unsafe-inline"), "{name}: {value}");
        }
    }
    // Nothing that weakens the CSP Tauri injects, and no global `__TAURI__` object.
    assert!(security
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert_ne!(
        conf["app"]["withGlobalTauri"],
        serde_json::Value::Bool(true)
    );
}

#[test]
fn capabilities_grant_only_declared_app_commands_to_the_main_window() {
    let declared = declared_commands();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/capabilities");
    for entry in std::fs::read_dir(dir).expect("capabilities") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let cap: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert!(
            cap.get("remote").is_none(),
            "{path:?} grants remote origins"
        );
        let windows = cap["windows"].as_array().expect("windows");
        assert!(
            !windows.iter().any(|w| w == "*"),
            "{path:?} applies to every window"
        );
        for permission in cap["permissions"].as_array().expect("permissions") {
            let name = permission.as_str().expect("a plain permission name");
            let cmd = name.strip_prefix("allow-").expect("an allow- permission");
            let cmd = cmd.replace('-', "_");
            assert!(
                declared.contains(&cmd),
                "{path:?} grants {name}, not an app command"
            );
        }
    }
    // Every handler in lib.rs is declared (so it has a permission at all).
    let lib = include_str!("lib.rs");
    for line in lib.lines().map(str::trim) {
        if let Some(path) = line.strip_prefix("commands::") {
            let name = path.trim_end_matches(',').rsplit("::").next().unwrap_or("");
            assert!(
                declared.iter().any(|d| d == name),
                "{name} is not in build.rs"
            );
        }
    }
}
