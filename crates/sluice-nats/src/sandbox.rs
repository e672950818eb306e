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
        let conf_path = opts.data_dir.join("sandbox.conf");
        let pid_path = opts.data_dir.join("sandbox.pid");
        sweep_stale(&pid_path, &conf_path).await;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| NatsError::Other(format!("no free port for the sandbox: {e}")))?
            .port();
        let conf = format!(
            "server_name: \"sluice-sandbox\"\nlisten: \"127.0.0.1:{port}\"\n\
             pid_file: {:?}\njetstream {{ store_dir: {:?} }}\n",
            pid_path.display().to_string(),
            opts.data_dir.join("jetstream").display().to_string()
        );
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

    /// The server's process id (while it runs).
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }
}

/// A sandbox server left running by an app that was killed without cleaning up (no exit
/// event) still holds the JetStream store; stop it before starting a new one. Only a
/// process whose command line names this sandbox's config is touched, so a recycled pid
/// of some other program is left alone. Needs `ps` and `kill` (Linux, macOS).
async fn sweep_stale(pid_path: &std::path::Path, conf_path: &std::path::Path) {
    let Ok(text) = std::fs::read_to_string(pid_path) else {
        return;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        let _ = std::fs::remove_file(pid_path);
        return;
    };
    let Ok(ps) = Command::new("ps")
        .args(["-p", &pid.to_string(), "-o", "args="])
        .output()
        .await
    else {
        return;
    };
    let args = String::from_utf8_lossy(&ps.stdout);
    if args.contains(&conf_path.display().to_string()) {
        let _ = Command::new("kill").arg(pid.to_string()).status().await;
        // Give it the moment it needs to release the store before the new server opens it.
        for _ in 0..100 {
            if !running(pid).await {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let _ = std::fs::remove_file(pid_path);
}

/// Whether `pid` is a live process (an exited one waiting to be reaped counts as gone).
async fn running(pid: u32) -> bool {
    Command::new("ps")
        .args(["-p", &pid.to_string(), "-o", "stat="])
        .output()
        .await
        .is_ok_and(|out| {
            let stat = String::from_utf8_lossy(&out.stdout);
            let stat = stat.trim();
            !stat.is_empty() && !stat.starts_with('Z')
        })
}
