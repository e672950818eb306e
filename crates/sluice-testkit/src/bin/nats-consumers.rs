//! Creates many durable pull consumers quickly, for tests that need a large cluster model:
//! `nats-consumers <url> <stream> <from> <count> [user password]`. Creates the stream (memory
//! storage, subject `<stream>.>`) when missing, then the consumers `c<from>…c<from+count-1>`
//! (five digits) with up to 64 JetStream API requests in flight. Prints how many the stream
//! has at the end. nats-server 2.9 allows 1,000 consumers per stream: spread more over
//! several streams.

use std::time::Duration;

use futures_util::stream::{self, StreamExt};

const IN_FLIGHT: usize = 64;

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("nats-consumers: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, name, from, count, rest @ ..] = args.as_slice() else {
        return Err("usage: nats-consumers <url> <stream> <from> <count> [user password]".into());
    };
    let from: usize = from.parse().map_err(|e| format!("from: {e}"))?;
    let count: usize = count.parse().map_err(|e| format!("count: {e}"))?;
    let mut opts = async_nats::ConnectOptions::new().request_timeout(Some(Duration::from_secs(20)));
    if let [user, password] = rest {
        opts = async_nats::ConnectOptions::with_user_and_password(user.clone(), password.clone())
            .request_timeout(Some(Duration::from_secs(20)));
    }
    let client = opts
        .connect(url.as_str())
        .await
        .map_err(|e| e.to_string())?;
    let js = async_nats::jetstream::new(client.clone());
    js.get_or_create_stream(async_nats::jetstream::stream::Config {
        name: name.clone(),
        subjects: vec![format!("{name}.>")],
        storage: async_nats::jetstream::stream::StorageType::Memory,
        max_consumers: -1,
        ..Default::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    let failures = stream::iter(from..from + count)
        .map(|i| {
            let client = client.clone();
            let name = name.clone();
            async move {
                let durable = format!("c{i:05}");
                let body = serde_json::json!({
                    "stream_name": name,
                    "config": {"durable_name": durable, "ack_policy": "explicit", "filter_subject": format!("{name}.{}", i % 100)},
                });
                let subject = format!("$JS.API.CONSUMER.CREATE.{name}.{durable}");
                match client.request(subject, body.to_string().into()).await {
                    Ok(m) if !m.payload.starts_with(b"{\"type\":\"io.nats.jetstream.api.v1.consumer_create_response\",\"error\"") => 0,
                    Ok(m) => {
                        if i < from + 3 {
                            eprintln!("{durable}: {}", String::from_utf8_lossy(&m.payload));
                        }
                        1
                    }
                    Err(e) => {
                        if i < from + 3 {
                            eprintln!("{durable}: {e}");
                        }
                        1
                    }
                }
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .fold(0usize, |n, f| async move { n + f })
        .await;
    client.flush().await.map_err(|e| e.to_string())?;
    let info = js
        .get_stream(name)
        .await
        .map_err(|e| e.to_string())?
        .cached_info()
        .clone();
    println!("{}", info.state.consumer_count);
    if failures > 0 {
        return Err(format!("{failures} consumers failed"));
    }
    Ok(())
}
