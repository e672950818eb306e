//! A store in process memory: nothing is written anywhere.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use crate::secret::{check_name, check_value};
use crate::{Secret, SecretEntry, SecretStore, VaultError};

#[derive(Default)]
pub struct MemoryStore {
    items: Mutex<BTreeMap<String, Secret>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl SecretStore for MemoryStore {
    fn put(&self, name: &str, value: Secret) -> Result<(), VaultError> {
        check_name(name)?;
        check_value(&value)?;
        let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        items.insert(name.to_owned(), value);
        Ok(())
    }

    fn get(&self, name: &str) -> Result<Option<Secret>, VaultError> {
        check_name(name)?;
        let items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(items.get(name).cloned())
    }

    fn delete(&self, name: &str) -> Result<bool, VaultError> {
        check_name(name)?;
        let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(items.remove(name).is_some())
    }

    fn list(&self) -> Result<Vec<SecretEntry>, VaultError> {
        let items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(crate::secret::entries(&items))
    }
}
