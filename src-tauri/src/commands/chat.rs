//! AI chat against any OpenAI-compatible endpoint. The core makes the request (with the
//! API key, which never reaches the webview), streams token deltas through the flow
//! engine, and saves the finished answer into its conversation.

use sluice_chat::{CancellationToken, ChatClient, Completion, ConversationStore, Outcome};
use sluice_wire::{
    ChatMessage, ChatSettings, Conversation, ConversationSummary, ErrorCode, Frame, IpcError, SubId,
};
use tauri::ipc::Channel;
use tauri::State;

use crate::channel_sink::open_flow;
use crate::state::AppState;

#[tauri::command]
pub async fn chat_settings_get(state: State<'_, AppState>) -> Result<ChatSettings, IpcError> {
    state.chat.settings().await
}

/// Saves provider, model and base URL. `api_key`: absent keeps the current key, empty
/// clears it, anything else replaces it. Returns the settings with `hasApiKey`.
#[tauri::command]
pub async fn chat_settings_set(
    state: State<'_, AppState>,
    settings: ChatSettings,
    api_key: Option<String>,
) -> Result<ChatSettings, IpcError> {
    // Refuse what could never make a request, before saving it.
    ChatClient::new(&settings, None)?;
    if let Some(key) = api_key {
        state.chat.set_api_key(&key).await?;
    }
    let mut saved = settings;
    saved.has_api_key = state.chat.has_api_key().await?;
    state.chat.store().await?.save_settings(&saved).await?;
    Ok(saved)
}

/// Streams the answer to `messages` until it ends, `chat_stop` or `sub_close`. The answer
/// is then appended to conversation `conversation_id` when that one is saved.
#[tauri::command]
pub async fn chat_send(
    state: State<'_, AppState>,
    conversation_id: String,
    messages: Vec<ChatMessage>,
    on_frame: Channel<Frame<sluice_chat::ChatEntry>>,
) -> Result<SubId, IpcError> {
    let settings = state.chat.settings().await?;
    let client = ChatClient::new(&settings, state.chat.api_key().await?)?;
    let store = state.chat.store().await?;
    let (sub, producer) = open_flow(&state.registry, sluice_chat::flow_config(), on_frame);
    let cancel = CancellationToken::new();
    state.chat.running.insert(sub, cancel.clone());
    let running = state.chat.running.clone();
    tauri::async_runtime::spawn(async move {
        let completion = client.stream(&messages, None, &producer, &cancel).await;
        running.remove(sub);
        if let Err(e) = keep_answer(&store, &conversation_id, completion).await {
            eprintln!("sluice: chat answer not saved: {}", e.message);
        }
    });
    Ok(sub)
}

/// Appends what arrived (even a stopped or failed answer's text) to the conversation.
async fn keep_answer(
    store: &ConversationStore,
    id: &str,
    completion: Completion,
) -> Result<(), IpcError> {
    let message = completion.message;
    let empty = message.content.is_empty() && message.tool_calls.is_empty();
    if empty && !matches!(completion.outcome, Outcome::Done) {
        return Ok(());
    }
    let mut conversation = match store.load(id).await {
        Ok(c) => c,
        // An unsaved conversation (the UI chose not to keep it): nothing to append to.
        Err(sluice_chat::ChatError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    conversation.messages.push(message);
    conversation.updated_at_ms = sluice_chat::now_ms();
    Ok(store.save(&conversation).await?)
}

/// Cancels the answer in flight; the connection is dropped at once and a `cancelled`
/// event with the partial answer ends the stream.
#[tauri::command]
pub async fn chat_stop(state: State<'_, AppState>, sub: SubId) -> Result<(), IpcError> {
    let cancel = state.chat.running.get(sub).ok_or_else(|| {
        IpcError::new(
            ErrorCode::NotFound,
            format!("no chat answer {sub} is streaming"),
        )
    })?;
    cancel.cancel();
    Ok(())
}

/// Saved conversations, newest first. Unreadable files are skipped (and logged).
#[tauri::command]
pub async fn chat_list(state: State<'_, AppState>) -> Result<Vec<ConversationSummary>, IpcError> {
    let listing = state.chat.store().await?.list().await?;
    for e in &listing.unreadable {
        eprintln!("sluice: {e}");
    }
    Ok(listing.conversations)
}

#[tauri::command]
pub async fn chat_load(state: State<'_, AppState>, id: String) -> Result<Conversation, IpcError> {
    Ok(state.chat.store().await?.load(&id).await?)
}

/// Saves `conversation`; an empty id gets a fresh one. Returns what was saved.
#[tauri::command]
pub async fn chat_save(
    state: State<'_, AppState>,
    conversation: Conversation,
) -> Result<Conversation, IpcError> {
    let mut conversation = conversation;
    if conversation.id.is_empty() {
        conversation.id = ConversationStore::new_id();
        conversation.created_at_ms = sluice_chat::now_ms();
    }
    conversation.updated_at_ms = sluice_chat::now_ms();
    state.chat.store().await?.save(&conversation).await?;
    Ok(conversation)
}

#[tauri::command]
pub async fn chat_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    Ok(state.chat.store().await?.delete(&id).await?)
}
