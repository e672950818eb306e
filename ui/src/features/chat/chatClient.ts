import type { ChatEvent, ChatMessage, ChatSettings, Conversation, ConversationSummary, Frame, SubId } from "../../bindings/wire";
import { subscribe, type Subscription } from "../../ipc/subscribe";
import { call } from "../../ipc/call";

/** Typed wrappers for src-tauri/src/commands/chat.rs. The API key only ever goes in. */
export const chat = {
  settings: () => call<ChatSettings>("chat_settings_get"),
  /** `apiKey`: undefined keeps the stored key, "" clears it. */
  saveSettings: (settings: ChatSettings, apiKey?: string) =>
    call<ChatSettings>("chat_settings_set", { settings, apiKey: apiKey ?? null }),
  send: (conversationId: string, messages: ChatMessage[], onFrame: (f: Frame<ChatEvent>) => void): Promise<Subscription> =>
    subscribe<ChatEvent>("chat_send", { conversationId, messages }, onFrame),
  stop: (sub: SubId) => call<void>("chat_stop", { sub }),
  list: () => call<ConversationSummary[]>("chat_list"),
  load: (id: string) => call<Conversation>("chat_load", { id }),
  save: (conversation: Conversation) => call<Conversation>("chat_save", { conversation }),
  remove: (id: string) => call<void>("chat_delete", { id }),
};

export function userMessage(content: string): ChatMessage {
  return { role: "user", content, reasoning: null, toolCalls: [], toolCallId: null };
}

/** A conversation's title: the first line of its first question, shortened. */
export function titleFrom(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || "New chat";
}
