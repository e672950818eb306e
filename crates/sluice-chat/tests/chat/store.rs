//! Conversations persisted across restarts in a real folder.

use sluice_chat::{ChatError, ConversationStore};
use sluice_wire::{ChatMessage, ChatRole, Conversation};

use crate::common::settings;

fn conversation(id: &str, title: &str, updated: u64) -> Conversation {
    Conversation {
        id: id.into(),
        title: title.into(),
        settings: settings("http://127.0.0.1:1/v1"),
        messages: vec![ChatMessage {
            role: ChatRole::User,
            content: format!("about {title} <img src=x onerror=alert(1)>"),
            reasoning: None,
            tool_calls: Vec::new(),
            tool_call_id: None,
        }],
        created_at_ms: 1,
        updated_at_ms: updated,
    }
}

#[tokio::test]
async fn conversations_survive_a_restart_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let a = conversation(&ConversationStore::new_id(), "alpha", 10);
    let b = conversation("b-2", "beta", 20);
    {
        let store = ConversationStore::open(dir.path()).await.unwrap();
        store.save(&a).await.unwrap();
        store.save(&b).await.unwrap();
    }
    let store = ConversationStore::open(dir.path()).await.unwrap();
    let listing = store.list().await.unwrap();
    let titles: Vec<&str> = listing
        .conversations
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles, ["beta", "alpha"]);
    assert!(listing.unreadable.is_empty());
    assert_eq!(store.load(&a.id).await.unwrap(), a);
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[tokio::test]
async fn a_corrupt_file_is_reported_and_the_rest_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConversationStore::open(dir.path()).await.unwrap();
    store.save(&conversation("good", "fine", 5)).await.unwrap();
    std::fs::write(dir.path().join("broken.json"), b"{ not json").unwrap();
    let listing = store.list().await.unwrap();
    assert_eq!(listing.conversations.len(), 1);
    assert_eq!(listing.unreadable.len(), 1);
    assert!(
        matches!(&listing.unreadable[0], ChatError::Corrupt { file, .. } if file.contains("broken.json"))
    );
    assert!(matches!(
        store.load("broken").await,
        Err(ChatError::Corrupt { .. })
    ));
}

#[tokio::test]
async fn ids_cannot_leave_the_folder_and_deletes_are_final() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConversationStore::open(dir.path().join("chats"))
        .await
        .unwrap();
    for bad in ["../escape", "", "a/b", "x.json", &"l".repeat(65)] {
        let err = store.save(&conversation(bad, "bad", 1)).await.unwrap_err();
        assert!(matches!(err, ChatError::InvalidId(_)), "{bad:?} → {err:?}");
    }
    assert!(!dir.path().join("escape.json").exists());
    store.save(&conversation("gone", "x", 1)).await.unwrap();
    store.delete("gone").await.unwrap();
    assert!(matches!(
        store.load("gone").await,
        Err(ChatError::NotFound(_))
    ));
    assert!(matches!(
        store.delete("gone").await,
        Err(ChatError::NotFound(_))
    ));
}

#[tokio::test]
async fn settings_persist_beside_conversations_and_are_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConversationStore::open(dir.path()).await.unwrap();
    assert_eq!(store.load_settings().await.unwrap(), None);
    let s = settings("http://localhost:11434/v1");
    store.save_settings(&s).await.unwrap();
    store.save(&conversation("one", "x", 1)).await.unwrap();
    let reopened = ConversationStore::open(dir.path()).await.unwrap();
    assert_eq!(reopened.load_settings().await.unwrap(), Some(s));
    let listing = reopened.list().await.unwrap();
    assert_eq!(listing.conversations.len(), 1);
    assert!(listing.unreadable.is_empty());
}
