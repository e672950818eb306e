//! The sandbox: a local nats-server with JetStream that Sluice runs itself when no
//! connection is configured, on a free 127.0.0.1 port with its store in the app's data
//! folder. `traffic` fills it with demo streams and live traffic.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use sluice_wire::NatsProfileSource;
use tokio::process::{Child, Command};

use crate::error::{NatsError, Result};
use crate::profile::NatsProfile;

#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// The `nats-server` binary (a sidecar path in bundles; `nats-server` from PATH otherwise).
    pub binary: PathBuf,
    /// Where the config, log and JetStream store live (the app's data folder).
    pub data_dir: PathBuf,
}

/// A running sandbox server; killed when dropped.
pub struct Sandbox {
    child: Child,
    port: u16,
}

impl Sandbox {
    pub async fn start(opts: SandboxOptions) -> Result<Self> {
        let io = |what: &'static str, e: std::io::Error| NatsError::BadFile {
            what,
            path: opts.data_dir.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(&opts.data_dir).map_err(|e| io("the sandbox folder", e))?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| NatsError::Other(format!("no free port for the sandbox: {e}")))?
            .port();
        let conf = format!(
            "server_name: \"sluice-sandbox\"\nlisten: \"127.0.0.1:{port}\"\n\
             jetstream {{ store_dir: {:?} }}\n",
            opts.data_dir.join("jetstream").display().to_string()
        );
        let conf_path = opts.data_dir.join("sandbox.conf");
        std::fs::write(&conf_path, conf).map_err(|e| io("the sandbox config", e))?;
        let log = std::fs::File::create(opts.data_dir.join("sandbox.log"))
            .map_err(|e| io("the sandbox log", e))?;
        let child = Command::new(&opts.binary)
            .arg("-c")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| NatsError::Unreachable {
                servers: "the sandbox".into(),
                detail: format!(
                    "cannot run {}: {e} (install nats-server or set its path)",
                    opts.binary.display()
                ),
            })?;
        let mut sandbox = Self { child, port };
        sandbox.wait_listening().await?;
        Ok(sandbox)
    }

    async fn wait_listening(&mut self) -> Result<()> {
        for _ in 0..200 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(NatsError::Unreachable {
                    servers: "the sandbox".into(),
                    detail: format!("nats-server exited with {status}"),
                });
            }
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(NatsError::Unreachable {
            servers: "the sandbox".into(),
            detail: "nats-server did not start listening within 10 s".into(),
        })
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// The profile to connect to this sandbox with.
    pub fn profile(&self) -> NatsProfile {
        let mut p = NatsProfile::new("Sandbox", vec![self.url()]);
        p.id = "sandbox".into();
        p.source = NatsProfileSource::Sandbox;
        p.description = Some("Local nats-server with demo streams and live traffic".into());
        p
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}
