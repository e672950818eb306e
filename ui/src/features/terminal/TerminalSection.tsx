import { useEffect } from "react";
import { pty } from "./ptyClient";
import { setTabs, useTabs } from "./store";
import { addTab, removeTab } from "./tabs";
import { TerminalView } from "./TerminalView";

/** Terminal tabs. Ctrl+Shift+T opens one, Ctrl+Shift+W closes, Ctrl+Shift+PgUp/PgDn cycle. */
export function TerminalSection() {
  const { tabs, active } = useTabs();

  useEffect(() => {
    // Opening the section with no terminal starts one: what the user came for.
    if (tabs.length === 0) setTabs((s) => (s.tabs.length === 0 ? addTab(s) : s));
  }, [tabs.length]);

  const current = tabs.find((t) => t.key === active) ?? null;

  return (
    <section aria-labelledby="terminal-title" className="section terminal-section">
      <div className="tabbar" role="tablist" aria-labelledby="terminal-title">
        <h1 id="terminal-title" className="visually-hidden">
          Terminals
        </h1>
        {tabs.map((t) => (
          <div key={t.key} className="tab" data-active={t.key === active}>
            <button
              type="button"
              role="tab"
              aria-selected={t.key === active}
              data-testid={`terminal-tab-${t.key}`}
              onClick={() => setTabs((s) => ({ ...s, active: t.key }))}
            >
              {t.title}
              {t.exit ? " (exited)" : ""}
            </button>
            <button
              type="button"
              className="tab-close"
              aria-label={`Close ${t.title}`}
              onClick={() => {
                setTabs((s) => removeTab(s, t.key));
                if (t.id !== null) void pty.close(t.id).catch(() => undefined);
              }}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="tab-new"
          title="New terminal (Ctrl+Shift+T)"
          data-testid="terminal-new"
          onClick={() => setTabs((s) => addTab(s))}
        >
          +
        </button>
      </div>
      {current && <TerminalView key={current.key} tab={current} />}
    </section>
  );
}
