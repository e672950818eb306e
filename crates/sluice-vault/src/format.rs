//! The vault file format, version 1.
//!
//! ```text
//! offset size  field
//!      0    8  magic "SLUICEVT"
//!      8    1  format version (1)
//!      9    1  KDF id (1 = Argon2id v1.3)
//!     10    2  reserved, zero
//!     12    4  Argon2 memory in KiB (LE)
//!     16    4  Argon2 passes (LE)
//!     20    4  Argon2 lanes (LE)
//!     24   16  salt, random per vault
//!     40   32  password check: second half of the 64-byte Argon2id output
//!     72   24  XChaCha20-Poly1305 nonce, fresh on every write
//!     96   32  SHA-256 of bytes 0..96, so a damaged header is told from a wrong password
//!    128    …  ciphertext of the entries + 16-byte tag; the 128 header bytes are its AAD
//! ```
//! The first half of the Argon2id output is the encryption key. Entries, once decrypted:
//! `u32 count`, then per entry `u16 name length, name, u32 value length, value` (LE).

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::Secret;

pub(crate) const MAGIC: &[u8; 8] = b"SLUICEVT";
pub(crate) const VERSION: u8 = 1;
pub(crate) const KDF_ARGON2ID: u8 = 1;
pub(crate) const HEADER_LEN: usize = 128;
pub(crate) const TAG_LEN: usize = 16;
const DIGESTED: usize = 96;

/// Argon2id cost. The default (64 MiB, 2 passes, 1 lane) is above OWASP's recommended
/// minimums (19 MiB × 2 or 46 MiB × 1) and keeps unlock under a second in a release build
/// even on a loaded 2-core machine (`cargo bench -p sluice-vault --bench unlock`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        Self {
            memory_kib: 64 * 1024,
            passes: 2,
            lanes: 1,
        }
    }
}

impl KdfParams {
    /// Whether a header's parameters are sane; a hostile file must not make unlock
    /// allocate gigabytes or run for minutes.
    pub(crate) fn check(&self) -> Result<(), String> {
        let ok = (1..=16).contains(&self.lanes)
            && (1..=16).contains(&self.passes)
            && self.memory_kib >= 8 * self.lanes
            && self.memory_kib <= 1024 * 1024;
        if ok {
            Ok(())
        } else {
            Err(format!("unusable key derivation parameters {self:?}"))
        }
    }
}

/// The parsed fixed-size header.
#[derive(Clone)]
pub(crate) struct Header {
    pub params: KdfParams,
    pub salt: [u8; 16],
    pub check: [u8; 32],
    pub nonce: [u8; 24],
}

impl Header {
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(MAGIC);
        out[8] = VERSION;
        out[9] = KDF_ARGON2ID;
        out[12..16].copy_from_slice(&self.params.memory_kib.to_le_bytes());
        out[16..20].copy_from_slice(&self.params.passes.to_le_bytes());
        out[20..24].copy_from_slice(&self.params.lanes.to_le_bytes());
        out[24..40].copy_from_slice(&self.salt);
        out[40..72].copy_from_slice(&self.check);
        out[72..96].copy_from_slice(&self.nonce);
        let digest = Sha256::digest(&out[..DIGESTED]);
        out[DIGESTED..].copy_from_slice(&digest);
        out
    }
}

/// Why a file is not a readable vault (before any password is tried).
pub(crate) enum HeaderError {
    Corrupt(String),
    Version(u8),
}

pub(crate) fn decode_header(file: &[u8]) -> Result<Header, HeaderError> {
    let corrupt = |why: &str| Err(HeaderError::Corrupt(why.to_owned()));
    if file.len() < 9 || &file[..8] != MAGIC {
        return if file.len() < 8 && MAGIC.starts_with(file) {
            corrupt("the file is truncated (shorter than its header)")
        } else {
            corrupt("it is not a Sluice vault (wrong magic bytes)")
        };
    }
    if file[8] != VERSION {
        return Err(HeaderError::Version(file[8]));
    }
    if file.len() < HEADER_LEN + TAG_LEN {
        return corrupt("the file is truncated");
    }
    let digest = Sha256::digest(&file[..DIGESTED]);
    if digest.as_slice() != &file[DIGESTED..HEADER_LEN] {
        return corrupt("the header does not match its checksum");
    }
    if file[9] != KDF_ARGON2ID || file[10..12] != [0, 0] {
        return corrupt("unknown key derivation function");
    }
    let u32_at = |at: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&file[at..at + 4]);
        u32::from_le_bytes(b)
    };
    let params = KdfParams {
        memory_kib: u32_at(12),
        passes: u32_at(16),
        lanes: u32_at(20),
    };
    params.check().map_err(HeaderError::Corrupt)?;
    let mut header = Header {
        params,
        salt: [0; 16],
        check: [0; 32],
        nonce: [0; 24],
    };
    header.salt.copy_from_slice(&file[24..40]);
    header.check.copy_from_slice(&file[40..72]);
    header.nonce.copy_from_slice(&file[72..96]);
    if header.salt.iter().all(|&b| b == 0) {
        return corrupt("its salt is all zeros");
    }
    Ok(header)
}

pub(crate) fn encode_entries(items: &BTreeMap<String, Secret>) -> Zeroizing<Vec<u8>> {
    let size: usize = items.iter().map(|(k, v)| 6 + k.len() + v.len()).sum();
    let mut out = Zeroizing::new(Vec::with_capacity(4 + size));
    out.extend_from_slice(&(items.len() as u32).to_le_bytes());
    for (name, value) in items {
        // Names are ≤ 128 bytes and values ≤ 64 KiB (checked on put), so these fit.
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
        out.extend_from_slice(value.expose().as_bytes());
    }
    out
}

pub(crate) fn decode_entries(bytes: &[u8]) -> Result<BTreeMap<String, Secret>, String> {
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<&[u8], String> {
        let end = at.checked_add(n).filter(|&e| e <= bytes.len());
        let end = end.ok_or_else(|| "an entry runs past the end".to_owned())?;
        let slice = &bytes[at..end];
        at = end;
        Ok(slice)
    };
    let le = |b: &[u8]| {
        b.iter()
            .rev()
            .fold(0usize, |acc, &x| (acc << 8) | x as usize)
    };
    let count = le(take(4)?);
    let mut items = BTreeMap::new();
    for _ in 0..count {
        let name_len = le(take(2)?);
        let name = std::str::from_utf8(take(name_len)?).map_err(|_| "a name is not UTF-8")?;
        let name = name.to_owned();
        let value_len = le(take(4)?);
        let value = std::str::from_utf8(take(value_len)?).map_err(|_| "a value is not UTF-8")?;
        items.insert(name, Secret::new(value));
    }
    if at != bytes.len() {
        return Err("trailing bytes after the entries".into());
    }
    Ok(items)
}
