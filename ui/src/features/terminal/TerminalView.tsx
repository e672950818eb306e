import { useEffect, useRef, useState } from "react";
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { SearchAddon } from "@xterm/addon-search";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { WebglAddon } from "@xterm/addon-webgl";
import "@xterm/xterm/css/xterm.css";
import type { IpcError, PtyId } from "../../bindings/wire";
import { appInfo } from "../../ipc/commands";
import { toIpcError } from "../../ipc/errors";
import { terminalAction } from "./keys";
import { meter } from "./meter";
import { autoTriesWebgl, loadPrefs } from "./prefs";
import { outputChannel, pty } from "./ptyClient";
import { setTabs } from "./store";
import { addTab, cycleTab, removeTab, updateTab, type TerminalTab } from "./tabs";

const THEME_DARK = { background: "#0d1117", foreground: "#e3e8ef", cursor: "#2dd4bf", selectionBackground: "#264f78" };
const THEME_LIGHT = { background: "#ffffff", foreground: "#16202c", cursor: "#0e7c86", selectionBackground: "#b5d5ff" };

function prefersDark() {
  const pinned = document.documentElement.dataset.theme;
  if (pinned) return pinned === "dark";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** Asked once per window: whether the "auto" renderer should try WebGL here. */
let webglAnswer: Promise<boolean> | null = null;
const webglHere = () => (webglAnswer ??= appInfo().then(autoTriesWebgl, () => autoTriesWebgl(null)));

/**
 * One xterm.js terminal bound to a PTY session. Mounting opens the session (or re-attaches
 * and replays its scrollback); unmounting only detaches, so the shell keeps running.
 */
export function TerminalView({ tab }: { tab: TerminalTab }) {
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const prefs = loadPrefs(window.localStorage);
    const term = new Terminal({
      fontSize: prefs.fontSize,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      scrollback: 10_000,
      allowProposedApi: true,
      theme: prefersDark() ? THEME_DARK : THEME_LIGHT,
    });
    termRef.current = term;
    const fit = new FitAddon();
    const search = new SearchAddon();
    searchRef.current = search;
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(
      new WebLinksAddon((_event, uri) => {
        void navigator.clipboard
          ?.writeText(uri)
          .then(() => setNotice(`Link copied: ${uri}`))
          .catch(() => setNotice(`Link: ${uri}`));
      }),
    );
    term.open(el);
    // The renderer in use is written to data-renderer (DOM, not React state: it is a
    // fact about this xterm instance, set once here).
    el.dataset.renderer = "dom";
    fit.fit();

    let id: PtyId | null = tab.id;
    let disposed = false;
    if (prefs.renderer === "auto") {
      void webglHere().then((tryIt) => {
        if (disposed) return;
        el.dataset.rendererSettled = "true";
        if (!tryIt) return;
        try {
          const webgl = new WebglAddon();
          // A lost GPU context falls back to the DOM renderer instead of a blank terminal.
          webgl.onContextLoss(() => {
            webgl.dispose();
            el.dataset.renderer = "dom";
          });
          term.loadAddon(webgl);
          el.dataset.renderer = "webgl";
        } catch {
          // No WebGL here: the DOM renderer stays.
        }
      });
    } else {
      el.dataset.rendererSettled = "true";
    }
    const channel = outputChannel(() => id, {
      output: (bytes, done) => {
        meter.received(bytes);
        term.write(bytes, () => {
          meter.written(bytes);
          done();
        });
      },
      exit: (status) => {
        const how = status.signal ? `signal ${status.signal}` : `code ${status.code}`;
        term.write(`\r\n\x1b[2m[process exited with ${how}]\x1b[0m\r\n`);
        setTabs((s) => updateTab(s, tab.key, { exit: status }));
      },
    });

    const size = { rows: term.rows, cols: term.cols };
    const started =
      id === null
        ? pty.open({ command: [], cwd: tab.cwd, env: {}, size }, channel).then((info) => {
            id = info.id;
            setTabs((s) => updateTab(s, tab.key, { id: info.id }));
          })
        : pty.attach(id, channel).then(() => (id === null ? undefined : pty.resize(id, size)));
    started.catch((err: unknown) => !disposed && setError(toIpcError(err)));

    // One write at a time: concurrent invokes may run out of order, and keystrokes must not.
    let writing: Promise<void> = Promise.resolve();
    const input = term.onData((data) => {
      const target = id;
      if (target === null) return;
      writing = writing.then(() => pty.write(target, data)).catch((err: unknown) => setError(toIpcError(err)));
    });
    const resized = term.onResize(({ rows, cols }) => {
      if (id !== null) void pty.resize(id, { rows, cols }).catch(() => undefined);
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(el);

    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== "keydown") return true;
      const action = terminalAction(e);
      switch (action) {
        case null:
          return true;
        case "app":
          return false; // let the shell's Ctrl+digit section switch see it
        case "copy":
          if (term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection());
          break;
        case "paste":
          void navigator.clipboard
            ?.readText()
            .then((text) => term.paste(text))
            .catch(() => setNotice("The clipboard could not be read; use the middle button or the context menu."));
          break;
        case "search":
          setSearching(true);
          break;
        case "newTab":
          setTabs((s) => addTab(s));
          break;
        case "closeTab":
          setTabs((s) => removeTab(s, tab.key));
          if (id !== null) void pty.close(id).catch(() => undefined);
          break;
        case "nextTab":
          setTabs((s) => cycleTab(s, 1));
          break;
        case "prevTab":
          setTabs((s) => cycleTab(s, -1));
          break;
      }
      e.preventDefault();
      return false;
    });
    term.focus();
    meter.attach({ input: (data) => term.input(data), write: (data, done) => term.write(data, done) });

    return () => {
      disposed = true;
      meter.attach(null);
      observer.disconnect();
      input.dispose();
      resized.dispose();
      if (id !== null) void pty.detach(id).catch(() => undefined);
      term.dispose();
      termRef.current = null;
    };
    // The session is bound once per tab; later tab fields (exit) must not re-open it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab.key]);

  return (
    <div className="terminal-pane">
      {error && (
        <p role="alert" className="notice notice-error">
          Terminal: {error.message}
        </p>
      )}
      {searching && (
        <form
          className="terminal-search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = new FormData(e.currentTarget).get("q");
            if (typeof q === "string" && q) searchRef.current?.findNext(q);
          }}
        >
          <input
            name="q"
            aria-label="Search the terminal"
            placeholder="Search (Enter: next, Esc: close)"
            autoFocus
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                setSearching(false);
                termRef.current?.focus();
              } else if (e.key === "Enter" && e.shiftKey) {
                e.preventDefault();
                searchRef.current?.findPrevious(e.currentTarget.value);
              }
            }}
          />
        </form>
      )}
      <div ref={host} className="terminal-host" data-testid="terminal" />
      {notice && (
        <p className="muted terminal-notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
