//! A 3-node JetStream cluster on 127.0.0.1, routes on random ports.

use std::io;

use serde_json::Value;

use super::{NatsOptions, NatsServer};
use crate::net::{free_ports, retry_port_clash};

pub struct NatsCluster {
    nodes: Vec<NatsServer>,
}

impl NatsCluster {
    /// Starts three nodes named `n1`..`n3` in cluster `sluice`, all with JetStream.
    pub async fn start() -> io::Result<Self> {
        Self::start_with(NatsOptions::default()).await
    }

    pub async fn start_with(base: NatsOptions) -> io::Result<Self> {
        retry_port_clash(|| Self::start_once(base.clone())).await
    }

    async fn start_once(base: NatsOptions) -> io::Result<Self> {
        let ports: Vec<(u16, u16, u16)> = free_ports(9)?
            .chunks(3)
            .map(|p| (p[0], p[1], p[2]))
            .collect();
        let routes: Vec<String> = ports
            .iter()
            .map(|(_, _, route)| format!("\"nats-route://127.0.0.1:{route}\""))
            .collect();
        // Start all three before waiting: JetStream reports healthy only once a meta leader
        // is elected, which needs a quorum.
        let mut pending = Vec::new();
        for (i, (port, monitor, route)) in ports.iter().enumerate() {
            let mut opts = base.clone();
            opts.name = format!("n{}", i + 1);
            let conf = format!(
                "cluster {{ name: \"sluice\", listen: \"127.0.0.1:{route}\", routes: [{}] }}\n",
                routes.join(", ")
            );
            let (port, monitor) = (*port, *monitor);
            pending.push(tokio::spawn(async move {
                NatsServer::start_with(opts, port, monitor, conf).await
            }));
        }
        // Every start is awaited before any error is returned, so a retry never overlaps
        // nodes of the failed attempt (they are killed when dropped).
        let mut started = Vec::new();
        for task in pending {
            started.push(task.await.map_err(io::Error::other).and_then(|r| r));
        }
        let nodes = started.into_iter().collect::<io::Result<Vec<_>>>()?;
        Ok(Self { nodes })
    }

    /// Client URLs of every node.
    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(NatsServer::url).collect()
    }

    pub fn nodes(&self) -> &[NatsServer] {
        &self.nodes
    }

    pub fn node_mut(&mut self, name: &str) -> Option<&mut NatsServer> {
        self.nodes.iter_mut().find(|n| n.name() == name)
    }

    /// Name of the node leading `stream` (global account), from a running node's `/jsz`.
    pub async fn stream_leader(&self, stream: &str) -> io::Result<Option<String>> {
        for node in self.nodes.iter().filter(|n| n.is_running()) {
            let body = node
                .monitor("/jsz?accounts=true&streams=true&config=true")
                .await?;
            let json: Value = serde_json::from_str(&body).map_err(io::Error::other)?;
            let accounts = json["account_details"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for acc in accounts {
                for st in acc["stream_detail"].as_array().cloned().unwrap_or_default() {
                    if st["name"] == stream {
                        if let Some(leader) = st["cluster"]["leader"].as_str() {
                            return Ok(Some(leader.to_owned()));
                        }
                    }
                }
            }
        }
        Ok(None)
    }

    /// Kills the node leading `stream` and returns its name.
    pub async fn kill_stream_leader(&mut self, stream: &str) -> io::Result<String> {
        let leader = self
            .stream_leader(stream)
            .await?
            .ok_or_else(|| io::Error::other(format!("stream {stream} has no leader")))?;
        let node = self
            .node_mut(&leader)
            .ok_or_else(|| io::Error::other(format!("no node named {leader}")))?;
        node.kill().await?;
        Ok(leader)
    }
}
