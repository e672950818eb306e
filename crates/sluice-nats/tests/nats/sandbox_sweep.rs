//! A sandbox server orphaned by an app that was killed (no exit event, so no cleanup) is
//! stopped by the next start, which would otherwise find the JetStream store locked.

use std::process::Command;

use sluice_nats::{Sandbox, SandboxOptions};
use sluice_testkit::nats::server_binary;

/// Running, not exited (a killed child of this test stays a zombie until reaped).
fn alive(pid: u32) -> bool {
    Command::new("ps")
        .args(["-p", &pid.to_string(), "-o", "stat="])
        .output()
        .is_ok_and(|out| {
            let stat = String::from_utf8_lossy(&out.stdout);
            !stat.trim().is_empty() && !stat.trim().starts_with('Z')
        })
}

#[tokio::test]
async fn a_new_start_stops_the_server_an_earlier_run_left_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = SandboxOptions {
        binary: server_binary(),
        data_dir: dir.path().to_path_buf(),
    };
    let orphan = Sandbox::start(opts.clone()).await.expect("first start");
    let orphan_pid = orphan.pid().expect("running");
    // What a killed app leaves: the server runs on, nobody owns it.
    std::mem::forget(orphan);
    assert!(alive(orphan_pid));

    let fresh = Sandbox::start(opts).await.expect("second start");
    assert!(!alive(orphan_pid), "the orphaned server still runs");
    assert_ne!(fresh.pid(), Some(orphan_pid));
    fresh.stop().await;
}

#[tokio::test]
async fn a_pid_file_naming_another_program_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bystander = Command::new("sleep").arg("30").spawn().expect("sleep runs");
    std::fs::write(dir.path().join("sandbox.pid"), bystander.id().to_string()).expect("write");
    let sandbox = Sandbox::start(SandboxOptions {
        binary: server_binary(),
        data_dir: dir.path().to_path_buf(),
    })
    .await
    .expect("start");
    assert!(alive(bystander.id()), "an unrelated process was killed");
    sandbox.stop().await;
    let _ = bystander.kill();
    let _ = bystander.wait();
}
