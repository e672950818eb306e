//! The JetStream API spoken directly: JSON requests on `$JS.API.*`, answers decoded into
//! lenient structs (every field defaulted) so servers from 2.9 to 2.15 all parse.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{NatsError, Result};
use crate::NatsConnection;

const API_TIMEOUT: Duration = Duration::from_secs(5);

/// Sends one JetStream API request and decodes the answer (or its `error`).
pub(crate) async fn request<T: DeserializeOwned>(
    conn: &NatsConnection,
    api: &str,
    body: &Value,
) -> Result<T> {
    let subject = format!("{}.{api}", conn.js_prefix());
    let payload = serde_json::to_vec(body).map_err(|e| NatsError::Other(e.to_string()))?;
    let req = async_nats::Request::new()
        .payload(payload.into())
        .timeout(Some(API_TIMEOUT));
    let msg = conn
        .client()
        .send_request(subject, req)
        .await
        .map_err(|e| match e.kind() {
            async_nats::RequestErrorKind::NoResponders => NatsError::JetStreamDisabled,
            _ => NatsError::from_request(&e, API_TIMEOUT.as_millis() as u64),
        })?;
    let value: Value =
        serde_json::from_slice(&msg.payload).map_err(|e| NatsError::Other(e.to_string()))?;
    if let Some(err) = value.get("error") {
        let code = err["code"].as_u64().unwrap_or(500) as u16;
        let err_code = err["err_code"].as_u64().unwrap_or(0);
        let description = err["description"].as_str().unwrap_or("").to_owned();
        // 10039: JetStream not enabled for account; 10076: not enabled.
        if err_code == 10039 || err_code == 10076 {
            return Err(NatsError::JetStreamDisabled);
        }
        return Err(NatsError::JetStream { code, description });
    }
    serde_json::from_value(value).map_err(|e| NatsError::Other(format!("bad {api} answer: {e}")))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StreamInfo {
    pub config: StreamConfig,
    pub state: StreamState,
    pub cluster: Option<Cluster>,
    pub created: String,
    pub mirror: Option<Named>,
    pub sources: Vec<Named>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Named {
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StreamConfig {
    pub name: String,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    pub retention: String,
    pub storage: String,
    pub num_replicas: u32,
    pub max_msgs: i64,
    pub max_bytes: i64,
    pub max_age: u64,
    pub discard: String,
    pub sealed: bool,
    pub allow_direct: bool,
    pub max_msgs_per_subject: i64,
}

impl StreamConfig {
    pub fn max_msgs_per_subject(&self) -> i64 {
        self.max_msgs_per_subject
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StreamState {
    pub messages: u64,
    pub bytes: u64,
    pub first_seq: u64,
    pub last_seq: u64,
    pub first_ts: String,
    pub last_ts: String,
    pub consumer_count: u64,
    pub num_subjects: u64,
    pub num_deleted: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Cluster {
    pub name: Option<String>,
    pub leader: Option<String>,
    pub replicas: Vec<Replica>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Replica {
    pub name: String,
    pub current: bool,
    pub offline: bool,
    pub active: u64,
    pub lag: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ConsumerInfo {
    pub stream_name: String,
    pub name: String,
    pub created: String,
    pub config: ConsumerConfig,
    pub delivered: SeqInfo,
    pub ack_floor: SeqInfo,
    pub num_ack_pending: u64,
    pub num_redelivered: u64,
    pub num_waiting: u64,
    pub num_pending: u64,
    pub cluster: Option<Cluster>,
    pub push_bound: bool,
    pub paused: bool,
    /// Server time of this answer (2.10+).
    pub ts: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ConsumerConfig {
    pub durable_name: Option<String>,
    pub description: Option<String>,
    pub deliver_subject: Option<String>,
    pub deliver_policy: String,
    pub ack_policy: String,
    pub ack_wait: u64,
    pub max_deliver: i64,
    pub max_waiting: i64,
    pub max_ack_pending: i64,
    pub filter_subject: Option<String>,
    pub filter_subjects: Vec<String>,
    pub metadata: BTreeMap<String, String>,
    pub pause_until: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SeqInfo {
    pub consumer_seq: u64,
    pub stream_seq: u64,
    pub last_active: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Page {
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StreamPage {
    #[serde(flatten)]
    pub page: Page,
    pub streams: Option<Vec<StreamInfo>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ConsumerPage {
    #[serde(flatten)]
    pub page: Page,
    pub consumers: Option<Vec<ConsumerInfo>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct NamesPage {
    #[serde(flatten)]
    pub page: Page,
    pub streams: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AccountInfo {
    pub memory: u64,
    pub storage: u64,
    pub streams: u64,
    pub consumers: u64,
    pub limits: AccountLimits,
    pub domain: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AccountLimits {
    pub max_memory: i64,
    pub max_storage: i64,
    pub max_streams: i64,
    pub max_consumers: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StoredMsg {
    pub subject: String,
    pub seq: u64,
    pub hdrs: Option<String>,
    pub data: Option<String>,
    pub time: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct MsgGetResponse {
    pub message: StoredMsg,
}

/// Every page of a paged list, one request per page, bounded so a misbehaving server
/// cannot keep us looping.
pub(crate) async fn all_pages<T: DeserializeOwned + Default, I>(
    conn: &NatsConnection,
    api: &str,
    extra: &Value,
    mut items: impl FnMut(T) -> (Page, Vec<I>),
    requests: &mut u64,
) -> Result<Vec<I>> {
    let mut out = Vec::new();
    for _ in 0..10_000 {
        let mut body = extra.clone();
        body["offset"] = Value::from(out.len());
        *requests += 1;
        let (page, batch) = items(request::<T>(conn, api, &body).await?);
        let got = batch.len();
        out.extend(batch);
        if got == 0 || out.len() as u64 >= page.total {
            break;
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct SubjectsInfo {
    #[serde(flatten)]
    page: Page,
    state: SubjectsState,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct SubjectsState {
    subjects: Option<BTreeMap<String, u64>>,
}

/// Subjects stored in `stream` that match `filter`, with their message counts; paged.
pub(crate) async fn subjects(
    conn: &NatsConnection,
    stream: &str,
    filter: &str,
) -> Result<BTreeMap<String, u64>> {
    let mut reqs = 0;
    let pairs = all_pages(
        conn,
        &format!("STREAM.INFO.{stream}"),
        &serde_json::json!({ "subjects_filter": filter }),
        |p: SubjectsInfo| {
            let list: Vec<(String, u64)> =
                p.state.subjects.unwrap_or_default().into_iter().collect();
            // Servers that do not page subjects send them all with no total.
            let total = if p.page.total == 0 {
                list.len() as u64
            } else {
                p.page.total
            };
            (Page { total, ..p.page }, list)
        },
        &mut reqs,
    )
    .await?;
    Ok(pairs.into_iter().collect())
}
