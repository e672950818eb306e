import { memo, useMemo } from "react";
import type { ChatMessage } from "../../bindings/wire";
import { IncrementalMarkdown, type Block } from "./incremental";
import { useLiveAnswer, type LiveAnswer } from "./liveAnswer";
import { Markdown } from "./Markdown";

/**
 * Blocks of answers that were streamed here: the stream's final parse, which kept the
 * streamed blocks, so the finished message takes over their rendering instead of redoing it.
 */
export const streamedBlocks = new WeakMap<ChatMessage, Block[]>();

function blocksOf(message: ChatMessage | null): Block[] {
  if (message?.role !== "assistant") return [];
  return streamedBlocks.get(message) ?? new IncrementalMarkdown().finish(message.content);
}

interface Props {
  /** A finished message: parsed once (memoised), so history costs nothing per token. */
  message: ChatMessage | null;
  /**
   * The answer while it streams: it re-renders this view alone, once per frame, and only its
   * growing last block is re-parsed. The same component shows the finished message in the
   * same place, so the answer's DOM stays when the stream ends.
   */
  live?: LiveAnswer | null;
}

export const MessageView = memo(function MessageView({ message, live = null }: Props) {
  const streamed = useLiveAnswer(live);
  const finished = useMemo(() => blocksOf(message), [message]);
  const role = message?.role ?? "assistant";
  const reasoning = live ? streamed.reasoning : message?.reasoning;
  return (
    <article className="chat-msg" data-role={role} data-testid={live ? "chat-streaming" : "chat-message"} aria-busy={live ? true : undefined}>
      {reasoning && <Reasoning text={reasoning} />}
      {role === "assistant" ? <Markdown blocks={live ? streamed.blocks : finished} /> : <p className="chat-user-text">{message?.content}</p>}
      {message?.toolCalls.map((c) => (
        <p key={c.id} className="chat-tool">
          tool call <code>{c.name}</code> <code>{c.arguments}</code>
        </p>
      ))}
      {live && <span className="chat-cursor" aria-hidden="true" />}
    </article>
  );
});

function Reasoning({ text }: { text: string }) {
  return (
    <details className="chat-reasoning">
      <summary>Reasoning</summary>
      <p>{text}</p>
    </details>
  );
}
