import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatMessage } from "../../bindings/wire";
import { installChatBench } from "./chatBench";
import { ChatSettingsForm } from "./ChatSettingsForm";
import { StickToBottom } from "./stickToBottom";
import { useChatSession } from "./useChatSession";
import { VirtualHistory } from "./VirtualHistory";

const NO_MESSAGES: ChatMessage[] = [];

/** Chat against any OpenAI-compatible endpoint. Enter sends, Shift+Enter breaks the line, Esc stops. */
export function ChatSection() {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(new StickToBottom());
  // After every render that changed the content (and every frame of a streaming answer):
  // follow the end unless the user scrolled up.
  const followEnd = useCallback(() => {
    const el = scroller.current;
    if (!el || !stick.current.stuck) return;
    el.scrollTop = el.scrollHeight;
    stick.current.scrolledTo(el.scrollTop);
  }, []);
  useLayoutEffect(followEnd);
  const session = useChatSession(followEnd);
  const { settings, list, current, streaming, error } = session;
  const [draft, setDraft] = useState("");
  const [showSettings, setShowSettings] = useState(false);
  const show = useRef(session.showStream);
  useLayoutEffect(() => {
    show.current = session.showStream;
  });
  // Benchmark hooks, only when tests/bench/chat.mjs asks for them.
  useEffect(() => installChatBench((chunks) => show.current(chunks)), []);

  const submit = async () => {
    const text = draft;
    if (await session.send(text)) setDraft("");
  };

  const needsSetup = settings !== null && !settings.model;

  return (
    <section aria-labelledby="chat-title" className="section chat-section">
      <aside className="chat-side">
        <h1 id="chat-title">Chat</h1>
        <button type="button" className="button" data-testid="chat-new" disabled={streaming !== null} onClick={() => void session.open(null)}>
          New chat
        </button>
        <button type="button" className="button button-quiet" data-testid="chat-settings-toggle" aria-expanded={showSettings || needsSetup} onClick={() => setShowSettings((s) => !s)}>
          Settings
        </button>
        <ul className="chat-list" data-testid="chat-list" aria-label="Conversations">
          {list.map((c) => (
            <li key={c.id} data-active={c.id === current?.id}>
              <button type="button" className="chat-list-item" onClick={() => void session.open(c.id)}>
                {c.title} <span className="muted">({c.messages})</span>
              </button>
              <button type="button" className="chip-x" aria-label={`Delete ${c.title}`} onClick={() => void session.remove(c.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="chat-main">
        {settings && (showSettings || needsSetup) && (
          <ChatSettingsForm
            settings={settings}
            onSaved={(s) => {
              session.setSettings(s);
              if (s.model) setShowSettings(false);
            }}
          />
        )}
        <div
          className="chat-scroll"
          ref={scroller}
          data-testid="chat-messages"
          onScroll={(e) => stick.current.onScroll(e.currentTarget)}
        >
          {(current || streaming) && (
            <VirtualHistory
              messages={current?.messages ?? NO_MESSAGES}
              scroller={scroller}
              stick={stick}
              resetKey={current?.id ?? ""}
              followEnd={followEnd}
              live={streaming?.live ?? null}
            />
          )}
          {!current && !streaming && <p className="muted">Ask anything. The answer streams from {settings?.baseUrl ?? "your endpoint"}.</p>}
        </div>
        {error && (
          <p className="notice notice-error" role="alert" data-testid="chat-error">
            {error.message}
          </p>
        )}
        <form
          className="chat-composer"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <textarea
            data-testid="chat-input"
            aria-label="Message"
            rows={3}
            value={draft}
            placeholder="Message (Enter sends, Shift+Enter new line, Esc stops)"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void submit();
              } else if (e.key === "Escape" && streaming) {
                e.preventDefault();
                session.stop();
              }
            }}
          />
          {streaming ? (
            <button type="button" className="button button-stop" data-testid="chat-stop" onClick={session.stop}>
              Stop
            </button>
          ) : (
            <button type="submit" className="button" data-testid="chat-send" disabled={!draft.trim() || needsSetup}>
              Send
            </button>
          )}
        </form>
      </div>
    </section>
  );
}
