//! Small network helpers shared by the fixtures.

use std::future::Future;
use std::io;
use std::net::{SocketAddr, TcpListener};

/// A port on 127.0.0.1 that was free a moment ago. Prefer binding port 0 directly; this is
/// for external processes (nats-server) that must be told a port.
pub fn free_port() -> io::Result<u16> {
    Ok(free_ports(1)?[0])
}

/// `n` different ports on 127.0.0.1 that were free a moment ago. All are held while they are
/// picked, so the kernel cannot hand the same one out twice (one server's client and route
/// ports once came out equal when picked one at a time).
pub fn free_ports(n: usize) -> io::Result<Vec<u16>> {
    let held = (0..n)
        .map(|_| TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))))
        .collect::<io::Result<Vec<_>>>()?;
    held.iter()
        .map(|l| l.local_addr().map(|a| a.port()))
        .collect()
}

/// Runs `start` up to three times while it fails with "address already in use". Ports from
/// [`free_ports`] are given to another process later, and a test running in parallel can
/// take one in between; that is the only start failure worth another try with new ports.
pub(crate) async fn retry_port_clash<T, F, Fut>(mut start: F) -> io::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = io::Result<T>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match start().await {
            Err(e) if attempt < 3 && e.to_string().contains("address already in use") => {}
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[test]
    fn ports_picked_together_never_repeat() {
        let ports = free_ports(64).expect("ports");
        assert_eq!(ports.iter().collect::<HashSet<_>>().len(), 64);
        assert!(ports.iter().all(|&p| p != 0));
    }

    async fn calls_until(fail: &[&str]) -> (io::Result<&'static str>, u32) {
        let calls = AtomicU32::new(0);
        let out = retry_port_clash(|| async {
            let n = calls.fetch_add(1, Ordering::SeqCst) as usize;
            match fail.get(n) {
                Some(msg) => Err(io::Error::other(msg.to_string())),
                None => Ok("started"),
            }
        })
        .await;
        (out, calls.load(Ordering::SeqCst))
    }

    #[tokio::test]
    async fn only_a_port_clash_is_tried_again_and_at_most_three_times() {
        let clash = "listen tcp 127.0.0.1:4222: bind: address already in use";
        let (out, calls) = calls_until(&[clash, clash]).await;
        assert_eq!((out.expect("third try"), calls), ("started", 3));

        let (out, calls) = calls_until(&[clash, clash, clash, clash]).await;
        assert!(out
            .expect_err("gives up")
            .to_string()
            .contains("already in use"));
        assert_eq!(calls, 3);

        let (out, calls) = calls_until(&["nats-server: bad config"]).await;
        assert!(out
            .expect_err("not retried")
            .to_string()
            .contains("bad config"));
        assert_eq!(calls, 1);
    }
}
