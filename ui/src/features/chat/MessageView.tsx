import { memo, useMemo } from "react";
import type { ChatMessage } from "../../bindings/wire";
import { ProbeEnd, ProbeStart } from "./benchProbe";
import { IncrementalMarkdown, type Block } from "./incremental";
import { Markdown } from "./Markdown";

/** A finished message: parsed once (memoised), so history costs nothing per token. */
export const MessageView = memo(function MessageView({ message }: { message: ChatMessage }) {
  const blocks = useMemo(
    () => (message.role === "assistant" ? new IncrementalMarkdown().finish(message.content) : []),
    [message],
  );
  return (
    <article className="chat-msg" data-role={message.role} data-testid="chat-message">
      {message.reasoning && <Reasoning text={message.reasoning} />}
      {message.role === "assistant" ? <Markdown blocks={blocks} /> : <p className="chat-user-text">{message.content}</p>}
      {message.toolCalls.map((c) => (
        <p key={c.id} className="chat-tool">
          tool call <code>{c.name}</code> <code>{c.arguments}</code>
        </p>
      ))}
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

/** The answer while it streams: only its growing last block is re-parsed per frame. */
export function StreamingView({ blocks, reasoning }: { blocks: Block[]; reasoning: string }) {
  return (
    <article className="chat-msg" data-role="assistant" data-testid="chat-streaming" aria-busy="true">
      <ProbeStart />
      {reasoning && <Reasoning text={reasoning} />}
      <Markdown blocks={blocks} />
      <span className="chat-cursor" aria-hidden="true" />
      <ProbeEnd />
    </article>
  );
}
