use sluice_vault::{check_name, mask, MemoryStore, Secret, SecretStore, VaultError};

#[test]
fn masks_never_reveal_short_secrets_or_length() {
    assert_eq!(mask("hunter22"), "••••••••");
    assert_eq!(mask(""), "••••••••");
    assert_eq!(mask("sk-0123456789abcdefWXYZ"), "••••••••WXYZ");
    assert_eq!(mask("é".repeat(25).as_str()), "••••••••éééé");
    let s = Secret::from("sk-0123456789abcdefWXYZ");
    assert!(!format!("{s:?}").contains("0123"));
    assert!(!format!("{s}").contains("0123"));
}

#[test]
fn hostile_names_and_values_are_refused() {
    for bad in [
        "",
        "a b",
        "x\ny",
        "../etc",
        "名前",
        &"a".repeat(129),
        "a\0b",
    ] {
        if bad == "../etc" {
            // Dots and slashes are allowed: a name is never a path.
            assert!(check_name(bad).is_ok());
            continue;
        }
        assert!(
            matches!(check_name(bad), Err(VaultError::InvalidName(_))),
            "{bad:?}"
        );
    }
    let store = MemoryStore::new();
    assert!(matches!(
        store.put("ok", "".into()),
        Err(VaultError::InvalidValue(0))
    ));
    let huge = Secret::new("x".repeat(64 * 1024 + 1));
    assert!(matches!(
        store.put("ok", huge),
        Err(VaultError::InvalidValue(_))
    ));
    store.put("ok", "value".into()).expect("put");
    assert_eq!(store.list().expect("list")[0].masked, "••••••••");
    assert!(store.delete("ok").expect("delete"));
}
