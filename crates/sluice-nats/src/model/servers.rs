//! Servers of the cluster: every server answers `$SYS.REQ.SERVER.PING` when the credentials
//! reach the system account; otherwise only the connected server's INFO is known.

use std::time::Duration;

use futures_util::StreamExt;
use serde::Deserialize;
use sluice_wire::NatsServerView;
use tokio::time::{timeout_at, Instant};

use crate::NatsConnection;

/// How long to collect `$SYS` answers; servers on one network answer well within it.
const SYS_WINDOW: Duration = Duration::from_millis(300);
const MAX_SERVERS: usize = 1_000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Statsz {
    server: ServerInfo,
    statsz: Stats,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ServerInfo {
    name: String,
    host: String,
    id: String,
    cluster: Option<String>,
    ver: String,
    jetstream: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Stats {
    mem: u64,
    cpu: f64,
    connections: u64,
    routes: Option<Vec<Route>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Route {
    name: String,
}

/// The servers and whether `$SYS` answered.
pub(super) async fn servers(conn: &NatsConnection, try_sys: bool) -> (Vec<NatsServerView>, bool) {
    let info = conn.client().server_info();
    if try_sys {
        if let Some(mut list) = from_sys(conn).await {
            for s in &mut list {
                s.connected = s.id == info.server_id;
            }
            list.sort_by(|a, b| a.name.cmp(&b.name));
            return (list, true);
        }
    }
    let own = NatsServerView {
        id: info.server_id.clone(),
        name: info.server_name.clone(),
        version: info.version.clone(),
        host: info.host.clone(),
        port: info.port,
        cluster: info.cluster.clone(),
        jetstream: info.jetstream,
        routes: Vec::new(),
        connections: None,
        mem_bytes: None,
        cpu: None,
        connected: true,
        from_system: false,
    };
    (vec![own], false)
}

async fn from_sys(conn: &NatsConnection) -> Option<Vec<NatsServerView>> {
    let client = conn.client();
    let inbox = client.new_inbox();
    let mut sub = client.subscribe(inbox.clone()).await.ok()?;
    client
        .publish_with_reply("$SYS.REQ.SERVER.PING", inbox, "".into())
        .await
        .ok()?;
    let deadline = Instant::now() + SYS_WINDOW;
    let mut out = Vec::new();
    while out.len() < MAX_SERVERS {
        let Ok(Some(msg)) = timeout_at(deadline, sub.next()).await else {
            break;
        };
        if msg.status.is_some() {
            // No responders: the account cannot see $SYS.
            break;
        }
        let Ok(s) = serde_json::from_slice::<Statsz>(&msg.payload) else {
            continue;
        };
        out.push(NatsServerView {
            id: s.server.id,
            name: s.server.name,
            version: s.server.ver,
            host: s.server.host,
            port: 0,
            cluster: s.server.cluster,
            jetstream: s.server.jetstream,
            // Servers 2.10+ pool several routes per peer: list each peer once.
            routes: s
                .statsz
                .routes
                .unwrap_or_default()
                .into_iter()
                .map(|r| r.name)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
            connections: Some(s.statsz.connections),
            mem_bytes: Some(s.statsz.mem),
            cpu: Some(s.statsz.cpu),
            connected: false,
            from_system: true,
        });
    }
    let _ = sub.unsubscribe().await;
    (!out.is_empty()).then_some(out)
}
