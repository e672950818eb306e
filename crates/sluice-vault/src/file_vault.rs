//! The encrypted vault file: Argon2id derives the key from the password, every write
//! re-encrypts all entries with XChaCha20-Poly1305 under a fresh nonce, and the file is
//! replaced atomically (temporary file + rename), readable by its owner only.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::format::{self, Header, HeaderError, KdfParams, HEADER_LEN};
use crate::secret::{check_name, check_value, entries};
use crate::{Secret, SecretEntry, SecretStore, VaultError};

/// The vault's file name inside the app data folder.
pub const VAULT_FILE_NAME: &str = "vault.sluice";
const MIN_PASSWORD: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultFileState {
    Absent,
    Present,
}

/// An unlocked vault. Dropping it locks it: the key and every value are zeroed.
pub struct FileVault {
    path: PathBuf,
    inner: Mutex<Unlocked>,
}

struct Unlocked {
    key: Zeroizing<[u8; 32]>,
    header: Header,
    items: BTreeMap<String, Secret>,
}

impl FileVault {
    /// Whether a vault file exists at `path`.
    pub fn state(path: &Path) -> Result<VaultFileState, VaultError> {
        match std::fs::symlink_metadata(path) {
            Ok(_) => Ok(VaultFileState::Present),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(VaultFileState::Absent),
            Err(e) => Err(VaultError::io(path, e)),
        }
    }

    /// Like [`FileVault::state`], and for a present file also checks its header, so a
    /// damaged vault is reported before anyone types a password.
    pub fn inspect(path: &Path) -> Result<VaultFileState, VaultError> {
        if Self::state(path)? == VaultFileState::Absent {
            return Ok(VaultFileState::Absent);
        }
        let file = std::fs::read(path).map_err(|e| VaultError::io(path, e))?;
        format::decode_header(&file).map_err(|e| header_error(path, e))?;
        Ok(VaultFileState::Present)
    }

    /// Renames a damaged vault to `<name>.damaged-<unix seconds>` beside it, so a new one
    /// can be created while the old file is kept. Returns the new path.
    pub fn move_aside(path: &Path) -> Result<PathBuf, VaultError> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".damaged-{secs}"));
        let aside = path.with_file_name(name);
        std::fs::rename(path, &aside).map_err(|e| VaultError::io(path, e))?;
        Ok(aside)
    }

    /// Creates an empty vault at `path` (never over an existing file) with a fresh
    /// random salt.
    pub fn create(path: &Path, password: &Secret, params: KdfParams) -> Result<Self, VaultError> {
        if password.expose().chars().count() < MIN_PASSWORD {
            return Err(VaultError::WeakPassword);
        }
        params.check().map_err(|reason| VaultError::Corrupt {
            path: path.to_owned(),
            reason,
        })?;
        if Self::state(path)? == VaultFileState::Present {
            return Err(VaultError::Exists(path.to_owned()));
        }
        let mut salt = [0u8; 16];
        random(&mut salt)?;
        let (key, check) = derive(password, &salt, params)?;
        let vault = Self {
            path: path.to_owned(),
            inner: Mutex::new(Unlocked {
                key,
                header: Header {
                    params,
                    salt,
                    check,
                    nonce: [0; 24],
                },
                items: BTreeMap::new(),
            }),
        };
        vault.save(&mut vault.lock_inner())?;
        Ok(vault)
    }

    /// Opens and decrypts the vault at `path`.
    pub fn open(path: &Path, password: &Secret) -> Result<Self, VaultError> {
        let file = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VaultError::Absent(path.to_owned()))
            }
            Err(e) => return Err(VaultError::io(path, e)),
        };
        let corrupt = |reason: String| VaultError::Corrupt {
            path: path.to_owned(),
            reason,
        };
        let header = format::decode_header(&file).map_err(|e| header_error(path, e))?;
        let (key, check) = derive(password, &header.salt, header.params)?;
        if !constant_time_eq(&check, &header.check) {
            return Err(VaultError::WrongPassword);
        }
        let cipher = XChaCha20Poly1305::new(key.as_ref().into());
        let payload = Payload {
            msg: &file[HEADER_LEN..],
            aad: &file[..HEADER_LEN],
        };
        let plain = cipher
            .decrypt(XNonce::from_slice(&header.nonce), payload)
            .map(Zeroizing::new)
            .map_err(|_| corrupt("its contents were changed or damaged".into()))?;
        let items = format::decode_entries(&plain).map_err(corrupt)?;
        Ok(Self {
            path: path.to_owned(),
            inner: Mutex::new(Unlocked { key, header, items }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key derivation parameters this vault was created with.
    pub fn kdf_params(&self) -> KdfParams {
        self.lock_inner().header.params
    }

    fn lock_inner(&self) -> std::sync::MutexGuard<'_, Unlocked> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Encrypts everything under a fresh nonce and replaces the file atomically.
    fn save(&self, inner: &mut Unlocked) -> Result<(), VaultError> {
        random(&mut inner.header.nonce)?;
        let header = inner.header.encode();
        let plain = format::encode_entries(&inner.items);
        let cipher = XChaCha20Poly1305::new(inner.key.as_ref().into());
        let payload = Payload {
            msg: &plain,
            aad: &header,
        };
        let sealed = cipher
            .encrypt(XNonce::from_slice(&inner.header.nonce), payload)
            .map_err(|_| VaultError::io(&self.path, std::io::Error::other("encryption failed")))?;
        let mut bytes = Vec::with_capacity(HEADER_LEN + sealed.len());
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(&sealed);
        write_atomic(&self.path, &bytes)
    }
}

impl SecretStore for FileVault {
    fn put(&self, name: &str, value: Secret) -> Result<(), VaultError> {
        check_name(name)?;
        check_value(&value)?;
        let mut inner = self.lock_inner();
        let previous = inner.items.insert(name.to_owned(), value);
        let saved = self.save(&mut inner);
        if saved.is_err() {
            // Memory keeps matching the file when the write fails.
            match previous {
                Some(old) => inner.items.insert(name.to_owned(), old),
                None => inner.items.remove(name),
            };
        }
        saved
    }

    fn get(&self, name: &str) -> Result<Option<Secret>, VaultError> {
        check_name(name)?;
        Ok(self.lock_inner().items.get(name).cloned())
    }

    fn delete(&self, name: &str) -> Result<bool, VaultError> {
        check_name(name)?;
        let mut inner = self.lock_inner();
        let Some(old) = inner.items.remove(name) else {
            return Ok(false);
        };
        let saved = self.save(&mut inner);
        if saved.is_err() {
            inner.items.insert(name.to_owned(), old);
        }
        saved.map(|()| true)
    }

    fn list(&self) -> Result<Vec<SecretEntry>, VaultError> {
        Ok(entries(&self.lock_inner().items))
    }
}

fn header_error(path: &Path, e: HeaderError) -> VaultError {
    match e {
        HeaderError::Corrupt(reason) => VaultError::Corrupt {
            path: path.to_owned(),
            reason,
        },
        HeaderError::Version(version) => VaultError::UnsupportedVersion {
            path: path.to_owned(),
            version,
        },
    }
}

/// Argon2id → 64 bytes: the encryption key, then the password check stored in the header.
fn derive(
    password: &Secret,
    salt: &[u8; 16],
    params: KdfParams,
) -> Result<(Zeroizing<[u8; 32]>, [u8; 32]), VaultError> {
    let bad = |e: argon2::Error| VaultError::Corrupt {
        path: PathBuf::new(),
        reason: format!("key derivation: {e}"),
    };
    let argon_params =
        argon2::Params::new(params.memory_kib, params.passes, params.lanes, Some(64))
            .map_err(bad)?;
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon_params,
    );
    let mut out = Zeroizing::new([0u8; 64]);
    argon
        .hash_password_into(password.expose().as_bytes(), salt, out.as_mut())
        .map_err(bad)?;
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&out[..32]);
    let mut check = [0u8; 32];
    check.copy_from_slice(&out[32..]);
    Ok((key, check))
}

fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn random(buf: &mut [u8]) -> Result<(), VaultError> {
    getrandom::getrandom(buf).map_err(|e| VaultError::Io {
        path: PathBuf::from("<system random source>"),
        source: std::io::Error::other(e.to_string()),
    })
}

/// Writes `bytes` to a temporary file beside `path` (mode 0600), syncs it and renames it
/// over `path`, so a crash leaves either the old vault or the new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let tmp = path.with_extension("sluice.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(VaultError::io(path, e));
    }
    // The rename itself is durable only once the folder is synced.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<(), VaultError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| VaultError::io(dir, e))
}
