import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatEvent, ChatMessage, ChatSettings, Conversation, ConversationSummary, Frame, IpcError, SubId } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import type { Subscription } from "../../ipc/subscribe";
import { chat, titleFrom, userMessage } from "./chatClient";
import { LiveAnswer } from "./liveAnswer";
import { streamedBlocks } from "./MessageView";

/** The answer in flight. Its text lives in `live`: React state changes only when it starts and ends. */
export interface Streaming {
  sub: SubId | null;
  live: LiveAnswer;
}

/** `next`, with the messages equal to those already in `shown` replaced by those objects. */
export function keepShown(shown: ChatMessage[], next: ChatMessage[]): ChatMessage[] {
  return next.map((m, i) => {
    const old = shown[i];
    const same =
      old &&
      old.role === m.role &&
      old.content === m.content &&
      old.reasoning === m.reasoning &&
      old.toolCallId === m.toolCallId &&
      JSON.stringify(old.toolCalls) === JSON.stringify(m.toolCalls);
    return same ? old : m;
  });
}

function newConversation(settings: ChatSettings, title: string): Conversation {
  return { id: "", title, settings, messages: [], createdAtMs: Date.now(), updatedAtMs: Date.now() };
}

/**
 * The chat's state: settings, saved conversations, the open one, and the answer in flight.
 * The core appends the finished answer to the saved conversation; this mirrors it locally.
 * `onRendered` runs after each frame of the streaming answer is rendered.
 */
export function useChatSession(onRendered: () => void) {
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [list, setList] = useState<ConversationSummary[]>([]);
  const [current, setCurrent] = useState<Conversation | null>(null);
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const sub = useRef<Subscription | null>(null);
  const stopRequested = useRef(false);
  const rendered = useRef(onRendered);
  useLayoutEffect(() => {
    rendered.current = onRendered;
  });
  const newLive = () => new LiveAnswer(() => rendered.current());

  const refreshList = useCallback(async () => {
    try {
      setList(await chat.list());
    } catch (err) {
      setError(toIpcError(err));
    }
  }, []);

  useEffect(() => {
    const fail = (err: unknown) => setError(toIpcError(err));
    chat.settings().then(setSettings, fail);
    chat.list().then(setList, fail);
    return () => void sub.current?.close().catch(() => undefined);
  }, [refreshList]);

  const open = async (id: string | null) => {
    if (streaming) return;
    setError(null);
    if (id === null) return setCurrent(null);
    try {
      setCurrent(await chat.load(id));
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  const remove = async (id: string) => {
    try {
      await chat.remove(id);
      if (current?.id === id) setCurrent(null);
      await refreshList();
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  const finish = (live: LiveAnswer, message: ChatMessage, failure: IpcError | null) => {
    // The answer is over: free its flow in the core.
    void sub.current?.close().catch(() => undefined);
    sub.current = null;
    // One full parse that keeps the streamed blocks; the message takes over their DOM.
    if (message.role === "assistant") streamedBlocks.set(message, live.finish(message.content));
    setStreaming(null);
    if (failure) setError(failure);
    if (message.content || message.toolCalls.length)
      setCurrent((c) => (c ? { ...c, messages: [...c.messages, message] } : c));
    void refreshList();
  };

  const send = async (text: string): Promise<boolean> => {
    if (!settings || streaming || !text.trim()) return false;
    setError(null);
    stopRequested.current = false;
    const base = current ?? newConversation(settings, titleFrom(text));
    let conversation: Conversation;
    try {
      conversation = await chat.save({ ...base, messages: [...base.messages, userMessage(text)] });
    } catch (err) {
      setError(toIpcError(err));
      return false;
    }
    // The saved copy has new message objects: keep the ones shown, so they do not render again.
    setCurrent({ ...conversation, messages: keepShown(base.messages, conversation.messages) });
    const live = newLive();
    let ended = false;
    setStreaming({ sub: null, live });
    // Tokens only append to the live answer: it renders once per animation frame.
    const onFrame = (frame: Frame<ChatEvent>) => {
      for (const e of frame.entries) {
        if (e.kind === "delta") live.append(e.content, e.reasoning);
        else if (e.kind === "done" || e.kind === "cancelled" || e.kind === "failed") {
          ended = true;
          return finish(live, e.message, e.kind === "failed" ? e.error : null);
        }
      }
    };
    try {
      const s = await chat.send(conversation.id, conversation.messages, onFrame);
      // A short answer can end before its id arrives here.
      if (ended) {
        void s.close().catch(() => undefined);
        return true;
      }
      sub.current = s;
      setStreaming((st) => (st ? { ...st, sub: s.id } : st));
      // Stop pressed before the id was known.
      if (stopRequested.current) void chat.stop(s.id).catch(() => undefined);
    } catch (err) {
      setStreaming(null);
      setError(toIpcError(err));
    }
    return true;
  };

  const stop = () => {
    stopRequested.current = true;
    const s = sub.current;
    // The answer may just have finished: then there is nothing to stop.
    if (s) void chat.stop(s.id).catch(() => undefined);
  };

  /**
   * Shows an answer the webview streams itself, through the same markdown path; the chat
   * benchmark's baseline (the browser's own fetch). Resolves with the whole text.
   */
  const showStream = async (chunks: AsyncIterable<string>): Promise<string> => {
    const live = newLive();
    setStreaming({ sub: null, live });
    try {
      for await (const chunk of chunks) live.append(chunk);
    } finally {
      live.finish();
      setStreaming(null);
    }
    return live.content();
  };

  return { settings, setSettings, list, current, streaming, error, open, remove, send, stop, showStream };
}
