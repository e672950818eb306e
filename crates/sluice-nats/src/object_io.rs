//! Reading, writing and deleting objects in an object store, through async-nats' object
//! store client (chunked, digest-checked). Reads use an ordered consumer on the store's
//! `OBJ_<bucket>` stream, which has limits retention, so reading changes nothing.

use std::path::Path;

use async_nats::jetstream::object_store::{
    DeleteErrorKind, GetErrorKind, ObjectMetadata, ObjectStore,
};
use sluice_wire::{NatsObjectContent, NatsObjectTransfer};
use tokio::io::AsyncReadExt;

use crate::browse::stream_info;
use crate::error::{NatsError, Result};
use crate::kv::check_bucket;
use crate::util::b64;
use crate::NatsConnection;

/// Largest object shown inline; bigger ones are downloaded to a file instead.
pub const MAX_INLINE_OBJECT: u64 = 1024 * 1024;

async fn store(conn: &NatsConnection, bucket: &str) -> Result<ObjectStore> {
    check_bucket(bucket)?;
    // The client's own error does not tell "missing" from other failures; the stream does.
    stream_info(conn, &format!("OBJ_{bucket}"))
        .await
        .map_err(|e| match e {
            NatsError::NotFound(_) => NatsError::NotFound(format!("object store {bucket}")),
            e => e,
        })?;
    conn.jetstream()
        .get_object_store(bucket)
        .await
        .map_err(|e| NatsError::Other(format!("cannot open object store {bucket}: {e}")))
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains('\0') {
        return Err(NatsError::InvalidInput(format!(
            "{name:?} is not an object name"
        )));
    }
    Ok(())
}

async fn open(
    store: &ObjectStore,
    bucket: &str,
    name: &str,
) -> Result<async_nats::jetstream::object_store::Object> {
    store.get(name).await.map_err(|e| match e.kind() {
        GetErrorKind::NotFound => NatsError::NotFound(format!("object {name:?} in {bucket}")),
        GetErrorKind::InvalidName => {
            NatsError::InvalidInput(format!("{name:?} is not an object name"))
        }
        GetErrorKind::TimedOut => NatsError::Timeout(5_000),
        _ => NatsError::Other(format!("cannot read object {name:?}: {e}")),
    })
}

/// The bytes of a small object, for showing inline.
pub async fn object_read(
    conn: &NatsConnection,
    bucket: &str,
    name: &str,
) -> Result<NatsObjectContent> {
    check_name(name)?;
    let store = store(conn, bucket).await?;
    let mut object = open(&store, bucket, name).await?;
    let size = object.info.size as u64;
    if size > MAX_INLINE_OBJECT {
        return Err(NatsError::InvalidInput(format!(
            "{name} is {size} bytes, too large to show inline (at most {MAX_INLINE_OBJECT}); download it instead"
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    object
        .read_to_end(&mut bytes)
        .await
        .map_err(|e| NatsError::Other(format!("reading {name} failed: {e}")))?;
    Ok(NatsObjectContent {
        bucket: bucket.to_owned(),
        name: name.to_owned(),
        size: bytes.len() as u64,
        payload_b64: b64(&bytes),
    })
}

fn local(path: &Path, what: &'static str, e: std::io::Error) -> NatsError {
    NatsError::BadFile {
        what,
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Writes an object to `path` (through a `.part` file renamed at the end, so a failed
/// download never leaves a truncated file under the chosen name).
pub async fn object_download(
    conn: &NatsConnection,
    bucket: &str,
    name: &str,
    path: &Path,
) -> Result<NatsObjectTransfer> {
    check_name(name)?;
    let store = store(conn, bucket).await?;
    let mut object = open(&store, bucket, name).await?;
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = std::path::PathBuf::from(part);
    let mut file = tokio::fs::File::create(&part)
        .await
        .map_err(|e| local(path, "the download target", e))?;
    let copied = tokio::io::copy(&mut object, &mut file).await;
    let bytes = match copied {
        Ok(n) => n,
        Err(e) => {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(NatsError::Other(format!("downloading {name} failed: {e}")));
        }
    };
    drop(file);
    tokio::fs::rename(&part, path)
        .await
        .map_err(|e| local(path, "the download target", e))?;
    Ok(NatsObjectTransfer {
        bucket: bucket.to_owned(),
        name: name.to_owned(),
        path: path.display().to_string(),
        bytes,
        digest: object.info.digest.clone(),
    })
}

/// Stores the file at `path` as object `name` (replacing an object of that name).
pub async fn object_upload(
    conn: &NatsConnection,
    bucket: &str,
    name: &str,
    path: &Path,
) -> Result<NatsObjectTransfer> {
    check_name(name)?;
    let store = store(conn, bucket).await?;
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(|e| local(path, "the file to upload", e))?;
    let meta = ObjectMetadata {
        name: name.to_owned(),
        ..Default::default()
    };
    let info = store
        .put(meta, &mut file)
        .await
        .map_err(|e| match e.kind() {
            async_nats::jetstream::object_store::PutErrorKind::InvalidName => {
                NatsError::InvalidInput(format!("{name:?} is not an object name"))
            }
            async_nats::jetstream::object_store::PutErrorKind::ReadChunks => local(
                path,
                "the file to upload",
                std::io::Error::other(e.to_string()),
            ),
            _ => NatsError::Other(format!("uploading {name} failed: {e}")),
        })?;
    Ok(NatsObjectTransfer {
        bucket: bucket.to_owned(),
        name: name.to_owned(),
        path: path.display().to_string(),
        bytes: info.size as u64,
        digest: info.digest,
    })
}

/// Deletes an object (its chunks are purged; a deleted-marker stays, as the client does).
pub async fn object_delete(conn: &NatsConnection, bucket: &str, name: &str) -> Result<()> {
    check_name(name)?;
    let store = store(conn, bucket).await?;
    store.delete(name).await.map_err(|e| match e.kind() {
        DeleteErrorKind::NotFound => NatsError::NotFound(format!("object {name:?} in {bucket}")),
        DeleteErrorKind::InvalidName => {
            NatsError::InvalidInput(format!("{name:?} is not an object name"))
        }
        _ => NatsError::Other(format!("deleting {name} failed: {e}")),
    })
}
