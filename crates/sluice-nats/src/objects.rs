//! Object stores read from their backing streams (`OBJ_<bucket>`): each object's metadata
//! is the latest message on `$O.<bucket>.M.<encoded name>`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use sluice_wire::{NatsHeader, NatsObjectView};

use crate::browse::last_message;
use crate::error::{NatsError, Result};
use crate::kv::check_bucket;
use crate::util::rfc3339_ms;
use crate::{jsapi, NatsConnection};

/// Most objects listed in one call.
pub const MAX_OBJECTS: usize = 10_000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ObjectMeta {
    name: String,
    description: Option<String>,
    headers: Option<HashMap<String, Vec<String>>>,
    size: u64,
    chunks: u64,
    digest: Option<String>,
    mtime: String,
    deleted: bool,
    metadata: Option<BTreeMap<String, String>>,
}

/// Every object (deleted ones left out), by name.
pub async fn object_list(conn: &NatsConnection, bucket: &str) -> Result<Vec<NatsObjectView>> {
    check_bucket(bucket)?;
    let stream = format!("OBJ_{bucket}");
    let subjects = jsapi::subjects(conn, &stream, &format!("$O.{bucket}.M.>"))
        .await
        .map_err(|e| match e {
            NatsError::NotFound(_) | NatsError::JetStream { code: 404, .. } => {
                NatsError::NotFound(format!("object store {bucket}"))
            }
            e => e,
        })?;
    let mut out = Vec::new();
    for subject in subjects.into_keys().take(MAX_OBJECTS) {
        let Some(m) = last_message(conn, &stream, &subject).await? else {
            continue;
        };
        let raw = crate::util::unb64(&m.payload_b64)?;
        let Ok(meta) = serde_json::from_slice::<ObjectMeta>(&raw) else {
            continue;
        };
        if meta.deleted {
            continue;
        }
        let mut headers: Vec<NatsHeader> = meta
            .headers
            .unwrap_or_default()
            .into_iter()
            .flat_map(|(name, values)| {
                values.into_iter().map(move |value| NatsHeader {
                    name: name.clone(),
                    value,
                })
            })
            .collect();
        headers.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(NatsObjectView {
            bucket: bucket.to_owned(),
            name: meta.name,
            description: meta.description.filter(|d| !d.is_empty()),
            size: meta.size,
            chunks: meta.chunks,
            digest: meta.digest,
            modified_ms: rfc3339_ms(&meta.mtime),
            headers,
            metadata: meta.metadata.unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
