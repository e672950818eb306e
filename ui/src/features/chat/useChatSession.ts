import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatEvent, ChatMessage, ChatSettings, Conversation, ConversationSummary, Frame, IpcError, SubId } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import type { Subscription } from "../../ipc/subscribe";
import { chat, titleFrom, userMessage } from "./chatClient";
import { timedUpdate } from "./benchProbe";
import { IncrementalMarkdown, type Block } from "./incremental";

export interface Streaming {
  sub: SubId | null;
  blocks: Block[];
  reasoning: string;
}

function newConversation(settings: ChatSettings, title: string): Conversation {
  return { id: "", title, settings, messages: [], createdAtMs: Date.now(), updatedAtMs: Date.now() };
}

/**
 * The chat's state: settings, saved conversations, the open one, and the answer in flight.
 * The core appends the finished answer to the saved conversation; this mirrors it locally.
 */
export function useChatSession() {
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [list, setList] = useState<ConversationSummary[]>([]);
  const [current, setCurrent] = useState<Conversation | null>(null);
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const sub = useRef<Subscription | null>(null);
  const stopRequested = useRef(false);

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

  const finish = (message: ChatMessage, failure: IpcError | null) => {
    // The answer is over: free its flow in the core.
    void sub.current?.close().catch(() => undefined);
    sub.current = null;
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
    setCurrent(conversation);
    const md = new IncrementalMarkdown();
    let content = "";
    let reasoning = "";
    let ended = false;
    setStreaming({ sub: null, blocks: [], reasoning: "" });
    const onFrame = (frame: Frame<ChatEvent>) => {
      let grew = false;
      for (const e of frame.entries) {
        if (e.kind === "delta") {
          content += e.content;
          reasoning += e.reasoning;
          grew = true;
        } else if (e.kind === "done" || e.kind === "cancelled" || e.kind === "failed") {
          ended = true;
          return finish(e.message, e.kind === "failed" ? e.error : null);
        }
      }
      if (grew) {
        const blocks = timedUpdate(md, content);
        setStreaming((s) => ({ sub: s?.sub ?? frame.sub, blocks, reasoning }));
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
    const md = new IncrementalMarkdown();
    let content = "";
    setStreaming({ sub: null, blocks: [], reasoning: "" });
    try {
      for await (const chunk of chunks) {
        content += chunk;
        const blocks = timedUpdate(md, content);
        setStreaming({ sub: null, blocks, reasoning: "" });
      }
    } finally {
      setStreaming(null);
    }
    return content;
  };

  return { settings, setSettings, list, current, streaming, error, open, remove, send, stop, showStream };
}
